// Reading the stream clock back from pulled FLV without decoding video (the console's delay probe,
// the benches), and the clock at any playback position from the marks seen (the viewer page and the
// merchants' helper too): clock(pts) = mark.t + (pts − mark.pts) from the latest mark at or before.
import { FLV_TAG_VIDEO, FlvTagReader, avcLengthSize, readAvcTag, splitNals } from './flv';
import { SEI_NAL_TYPE, readClockSei, type StreamClockMark } from './sei';

export interface ReadMark extends StreamClockMark {
  /** The frame's presentation time in the stream (ms). */
  pts: number;
}

export interface ReadFrame {
  pts: number;
  keyframe: boolean;
  mark: ReadMark | null;
}

/** Video frames and their clock marks from FLV bytes. */
export class FlvClockReader {
  private readonly reader = new FlvTagReader();
  private lengthSize = 4;

  push(chunk: Uint8Array): ReadFrame[] {
    const frames: ReadFrame[] = [];
    for (const item of this.reader.push(chunk)) {
      if (item.kind !== 'tag' || item.type !== FLV_TAG_VIDEO) continue;
      const avc = readAvcTag(item.data);
      if (!avc) continue;
      if (avc.packetType === 0) {
        this.lengthSize = avcLengthSize(avc.payload);
        continue;
      }
      if (avc.packetType !== 1) continue;
      const pts = item.timestamp + avc.cts;
      let mark: ReadMark | null = null;
      for (const nal of splitNals(avc.payload, this.lengthSize)) {
        if (((nal[0] ?? 0) & 0x1f) !== SEI_NAL_TYPE) continue;
        const m = readClockSei(nal);
        if (m) {
          mark = { ...m, pts };
          break;
        }
      }
      frames.push({ pts, keyframe: avc.keyframe, mark });
    }
    return frames;
  }
}

/** The clock marks of one playback (cleared when the player starts over), as a pts → clock map. */
export class StreamClockMap {
  private marks: ReadMark[] = [];

  constructor(private readonly keep = 64) {}

  add(mark: ReadMark): void {
    const last = this.marks.at(-1);
    // pts going back means a new stream (a reconnect): the old marks describe another timeline.
    if (last && mark.pts < last.pts) this.marks = [];
    this.marks.push(mark);
    if (this.marks.length > this.keep) this.marks.shift();
  }

  clear(): void {
    this.marks = [];
  }

  get size(): number {
    return this.marks.length;
  }

  /** Capture clock (ms) of the frame at `pts`, or null with no mark at or before it (the first one if close). */
  clockAt(pts: number): number | null {
    let best: ReadMark | undefined;
    for (const m of this.marks) {
      if (m.pts <= pts) best = m;
      else break;
    }
    // Just before the first mark (the first keyframe's own instant, rounding): extrapolate back a little.
    const first = this.marks[0];
    if (!best && first && first.pts - pts <= 100) best = first;
    return best ? best.t + (pts - best.pts) : null;
  }
}
