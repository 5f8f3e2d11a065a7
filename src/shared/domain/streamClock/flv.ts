// FLV read and written incrementally, as far as the stream clock needs: tags split from a byte
// stream of any chunking, H.264 (AVC) video tags opened into their length-prefixed NAL units, and a
// video tag rebuilt with one more NAL. No decoding: the push pass-through, the console's delay probe
// and the benches use it on live bytes.

export const FLV_TAG_AUDIO = 8;
export const FLV_TAG_VIDEO = 9;
export const FLV_TAG_SCRIPT = 18;
const AVC_CODEC_ID = 7;

export type FlvItem =
  /** The file header and PreviousTagSize0, passed on as they are. */
  | { kind: 'header'; bytes: Uint8Array }
  /** One tag: `bytes` is the whole tag and its PreviousTagSize; `data` the body within it. */
  | { kind: 'tag'; type: number; timestamp: number; data: Uint8Array; bytes: Uint8Array };

export class FlvFormatError extends Error {}

/** Splits FLV bytes into the header and tags, whatever the chunking. */
export class FlvTagReader {
  private buf: Uint8Array = new Uint8Array(0);
  private headerDone = false;

  push(chunk: Uint8Array): FlvItem[] {
    this.buf = this.buf.length === 0 ? chunk : concat(this.buf, chunk);
    const items: FlvItem[] = [];
    let at = 0;
    if (!this.headerDone) {
      if (this.buf.length < 9) return items;
      if (this.buf[0] !== 0x46 || this.buf[1] !== 0x4c || this.buf[2] !== 0x56) throw new FlvFormatError('not an FLV stream (no "FLV" signature)');
      const dataOffset = u32(this.buf, 5);
      if (this.buf.length < dataOffset + 4) return items;
      items.push({ kind: 'header', bytes: this.buf.slice(0, dataOffset + 4) });
      at = dataOffset + 4;
      this.headerDone = true;
    }
    while (this.buf.length - at >= 11) {
      const size = u24(this.buf, at + 1);
      const end = at + 11 + size + 4;
      if (this.buf.length < end) break;
      const bytes = this.buf.slice(at, end);
      const timestamp = (u24(bytes, 4) | ((bytes[7] as number) << 24)) >>> 0;
      items.push({ kind: 'tag', type: (bytes[0] as number) & 0x1f, timestamp, data: bytes.subarray(11, 11 + size), bytes });
      at = end;
    }
    this.buf = at === 0 ? this.buf : this.buf.slice(at);
    return items;
  }
}

export interface AvcVideoTag {
  keyframe: boolean;
  /** 0: AVCDecoderConfigurationRecord, 1: NAL units, 2: end of sequence. */
  packetType: number;
  /** Composition time offset (ms): pts = timestamp + cts. */
  cts: number;
  payload: Uint8Array;
}

/** An H.264 video tag's fields; null for other codecs (and Enhanced FLV). */
export function readAvcTag(data: Uint8Array): AvcVideoTag | null {
  if (data.length < 5 || ((data[0] as number) & 0x80) !== 0 || ((data[0] as number) & 0x0f) !== AVC_CODEC_ID) return null;
  const raw = u24(data, 2);
  return { keyframe: (data[0] as number) >> 4 === 1, packetType: data[1] as number, cts: raw & 0x800000 ? raw - 0x1000000 : raw, payload: data.subarray(5) };
}

/** NAL length-prefix size from an AVCDecoderConfigurationRecord. */
export function avcLengthSize(record: Uint8Array): number {
  if (record.length < 5) throw new FlvFormatError('AVCDecoderConfigurationRecord too short');
  return ((record[4] as number) & 0x03) + 1;
}

/** The NAL units of a length-prefixed payload (views into it). */
export function splitNals(payload: Uint8Array, lengthSize: number): Uint8Array[] {
  const nals: Uint8Array[] = [];
  let i = 0;
  while (i + lengthSize <= payload.length) {
    let len = 0;
    for (let k = 0; k < lengthSize; k++) len = len * 256 + (payload[i + k] as number);
    i += lengthSize;
    if (len === 0 || i + len > payload.length) break;
    nals.push(payload.subarray(i, i + len));
    i += len;
  }
  return nals;
}

/** The video tag body with `nal` added before the first picture slice (after an AUD or SPS/PPS). */
export function insertNal(data: Uint8Array, lengthSize: number, nal: Uint8Array): Uint8Array {
  const nals = splitNals(data.subarray(5), lengthSize);
  let at = nals.findIndex((n) => {
    const type = (n[0] as number) & 0x1f;
    return type >= 1 && type <= 5;
  });
  if (at < 0) at = nals.length;
  const out = new Uint8Array(data.length + lengthSize + nal.length);
  out.set(data.subarray(0, 5), 0);
  let w = 5;
  const put = (n: Uint8Array): void => {
    for (let k = lengthSize - 1; k >= 0; k--) out[w + (lengthSize - 1 - k)] = Math.floor(n.length / 256 ** k) & 0xff;
    w += lengthSize;
    out.set(n, w);
    w += n.length;
  };
  nals.forEach((n, idx) => {
    if (idx === at) put(nal);
    put(n);
  });
  if (at === nals.length) put(nal);
  return out.subarray(0, w);
}

/** A whole tag (header, body, PreviousTagSize) as FLV writes it. */
export function writeTag(type: number, timestamp: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(11 + data.length + 4);
  out[0] = type;
  putU24(out, 1, data.length);
  putU24(out, 4, timestamp & 0xffffff);
  out[7] = (timestamp >>> 24) & 0xff;
  out.set(data, 11);
  putU32(out, 11 + data.length, 11 + data.length);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const u24 = (b: Uint8Array, i: number): number => ((b[i] as number) << 16) | ((b[i + 1] as number) << 8) | (b[i + 2] as number);
const u32 = (b: Uint8Array, i: number): number => ((b[i] as number) * 0x1000000 + u24(b, i + 1)) >>> 0;
function putU24(b: Uint8Array, i: number, v: number): void {
  b[i] = (v >>> 16) & 0xff;
  b[i + 1] = (v >>> 8) & 0xff;
  b[i + 2] = v & 0xff;
}
function putU32(b: Uint8Array, i: number, v: number): void {
  b[i] = (v >>> 24) & 0xff;
  putU24(b, i + 1, v & 0xffffff);
}
