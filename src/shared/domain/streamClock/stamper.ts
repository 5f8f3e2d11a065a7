// The push pipeline's FLV pass-through, as a pure transform: every byte passes on unchanged but for
// one clock SEI added to each keyframe and to the next frame after a cue is asked for.
//
// The clock of a frame is its capture time when the encoder's input is seen (noteCapture: ffmpeg's
// showinfo line for each frame as it enters the encoder, C0 = the earliest wall − pts), mapped to
// the FLV timeline by the first frame (the muxer may shift timestamps to keep B-frame dts
// non-negative); otherwise T0 + pts, T0 the earliest (arrival − pts) here: when the frame left
// the encoder at best, without the encoder's own delay. Never later than the frame's arrival.
import { buildClockSei, isCueId, type StreamClockMark } from './sei';
import { FLV_TAG_VIDEO, FlvTagReader, avcLengthSize, insertNal, readAvcTag, writeTag } from './flv';

export interface StamperStats {
  tags: number;
  seis: number;
  last: StreamClockMark | null;
}

export class FlvClockStamper {
  private readonly reader = new FlvTagReader();
  private lengthSize = 4;
  private t0: number | null = null;
  private c0: number | null = null;
  private firstInputPts: number | null = null;
  private firstFlvPts: number | null = null;
  private readonly cues: string[] = [];
  readonly stats: StamperStats = { tags: 0, seis: 0, last: null };

  constructor(private readonly now: () => number) {}

  /** The next video frame carries this cue id (a launch's id) in its SEI. */
  cue(id: string): void {
    if (!isCueId(id)) throw new RangeError(`bad cue id "${id}"`);
    this.cues.push(id);
  }

  /** Frame `n` with pts `ptsMs` (the encoder's input timeline) was ready for the encoder at wall time `wall`. */
  noteCapture(n: number, ptsMs: number, wall: number): void {
    if (n === 0 || this.firstInputPts === null) this.firstInputPts = ptsMs;
    this.c0 = this.c0 === null ? wall - ptsMs : Math.min(this.c0, wall - ptsMs);
  }

  /** The stream clock of a pts (ms) now, or null before the first frame. */
  clockOf(ptsMs: number): number | null {
    if (this.c0 !== null && this.firstInputPts !== null && this.firstFlvPts !== null) return this.c0 + (ptsMs - (this.firstFlvPts - this.firstInputPts));
    return this.t0 === null ? null : this.t0 + ptsMs;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    const arrival = this.now();
    for (const item of this.reader.push(chunk)) {
      if (item.kind === 'header' || item.type !== FLV_TAG_VIDEO) {
        out.push(item.bytes);
        continue;
      }
      this.stats.tags++;
      const avc = readAvcTag(item.data);
      if (!avc) {
        out.push(item.bytes);
        continue;
      }
      if (avc.packetType === 0) {
        this.lengthSize = avcLengthSize(avc.payload);
        out.push(item.bytes);
        continue;
      }
      if (avc.packetType !== 1) {
        out.push(item.bytes);
        continue;
      }
      const pts = item.timestamp + avc.cts;
      this.t0 = this.t0 === null ? arrival - pts : Math.min(this.t0, arrival - pts);
      this.firstFlvPts ??= pts;
      const cue = this.cues.shift();
      if (!avc.keyframe && cue === undefined) {
        out.push(item.bytes);
        continue;
      }
      const t = Math.min(arrival, this.clockOf(pts) ?? arrival);
      const mark: StreamClockMark = cue === undefined ? { t } : { t, c: cue };
      out.push(writeTag(FLV_TAG_VIDEO, item.timestamp, insertNal(item.data, this.lengthSize, buildClockSei(mark))));
      this.stats.seis++;
      this.stats.last = mark;
    }
    return out;
  }
}
