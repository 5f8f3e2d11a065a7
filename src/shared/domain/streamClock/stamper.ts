// The push pipeline's FLV pass-through, as a pure transform: every byte passes on unchanged but for
// one clock SEI added to each keyframe and to the next frame after a cue is asked for. The clock of
// a frame is T0 + its pts, T0 being the earliest (arrival − pts) seen: when the frame left the
// encoder at best, steady across jitter and bursts (the encoder's own delay is not in it; bench:glass
// measures it).
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
  private readonly cues: string[] = [];
  readonly stats: StamperStats = { tags: 0, seis: 0, last: null };

  constructor(private readonly now: () => number) {}

  /** The next video frame carries this cue id (a launch's id) in its SEI. */
  cue(id: string): void {
    if (!isCueId(id)) throw new RangeError(`bad cue id "${id}"`);
    this.cues.push(id);
  }

  /** The stream clock of a pts (ms) now, or null before the first frame. */
  clockOf(ptsMs: number): number | null {
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
      const cue = this.cues.shift();
      if (!avc.keyframe && cue === undefined) {
        out.push(item.bytes);
        continue;
      }
      const mark: StreamClockMark = cue === undefined ? { t: this.t0 + pts } : { t: this.t0 + pts, c: cue };
      out.push(writeTag(FLV_TAG_VIDEO, item.timestamp, insertNal(item.data, this.lengthSize, buildClockSei(mark))));
      this.stats.seis++;
      this.stats.last = mark;
    }
    return out;
  }
}
