// Joining a running FLV stream part-way, for a destination that (re)connects while the encoder goes
// on: the stream's header, its metadata and its codec configurations (AVC and AAC sequence headers)
// are kept as they pass, a late reader gets them first and then the stream from the next video
// keyframe. Items are whole (FlvTagReader's): the FLV header or one tag with its PreviousTagSize.
import { FLV_TAG_AUDIO, FLV_TAG_SCRIPT, FLV_TAG_VIDEO } from './flv';

const AVC_CODEC_ID = 7;
const AAC_SOUND_FORMAT = 10;

/** What one whole item is, read from its first bytes. */
export type FlvItemKind = 'header' | 'script' | 'video-config' | 'audio-config' | 'keyframe' | 'media';

export function flvItemKind(item: Uint8Array): FlvItemKind {
  if (item[0] === 0x46 && item[1] === 0x4c && item[2] === 0x56) return 'header';
  const type = (item[0] ?? 0) & 0x1f;
  const b0 = item[11] ?? 0;
  const b1 = item[12] ?? 0;
  if (type === FLV_TAG_SCRIPT) return 'script';
  if (type === FLV_TAG_VIDEO && (b0 & 0x0f) === AVC_CODEC_ID) {
    if (b1 === 0) return 'video-config';
    return b0 >> 4 === 1 ? 'keyframe' : 'media';
  }
  if (type === FLV_TAG_AUDIO && b0 >> 4 === AAC_SOUND_FORMAT && b1 === 0) return 'audio-config';
  return 'media';
}

/** The items a reader joining now must get before any media. */
export class FlvJoinPoint {
  private header: Uint8Array | null = null;
  private script: Uint8Array | null = null;
  private videoConfig: Uint8Array | null = null;
  private audioConfig: Uint8Array | null = null;

  /** Notes one item of the stream; a new header starts a new stream (what was kept is dropped). */
  observe(item: Uint8Array, kind: FlvItemKind = flvItemKind(item)): FlvItemKind {
    if (kind === 'header') {
      this.header = item;
      this.script = this.videoConfig = this.audioConfig = null;
    } else if (kind === 'script') this.script = item;
    else if (kind === 'video-config') this.videoConfig = item;
    else if (kind === 'audio-config') this.audioConfig = item;
    return kind;
  }

  /** The prelude for a late reader, or null before the stream's header and video configuration passed. */
  prelude(): Uint8Array[] | null {
    if (!this.header || !this.videoConfig) return null;
    return [this.header, ...(this.script ? [this.script] : []), this.videoConfig, ...(this.audioConfig ? [this.audioConfig] : [])];
  }
}

/**
 * One reader's gate: nothing until a keyframe, then the prelude and everything from that keyframe on.
 * `reset()` when the reader starts over (a reconnect).
 */
export class FlvJoinGate {
  private joined = false;

  constructor(private readonly point: FlvJoinPoint) {}

  reset(): void {
    this.joined = false;
  }

  get open(): boolean {
    return this.joined;
  }

  /** What this reader gets for an item already observed by the join point. */
  pass(item: Uint8Array, kind: FlvItemKind): Uint8Array[] {
    if (this.joined) return kind === 'header' ? [] : [item];
    if (kind !== 'keyframe') return [];
    const prelude = this.point.prelude();
    if (!prelude) return [];
    this.joined = true;
    return [...prelude, item];
  }
}
