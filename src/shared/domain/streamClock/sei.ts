// THE stream clock's wire form: one H.264 SEI NAL (payload type 5, user data unregistered) with
// Stageside's UUID and a small JSON body `{"t":<capture ms since epoch>,"c":"<cue id>"?}`. Written
// by the push pipeline's FLV pass-through, read by the console's delay probe, the viewer page and
// the merchants' helper; SEI passes through the studio's ingest and Tencent LVB untouched.

/** Stageside's SEI UUID (random v4: a5217196-a8b9-4252-a0e6-febf932c017d). */
export const STAGESIDE_SEI_UUID = new Uint8Array([0xa5, 0x21, 0x71, 0x96, 0xa8, 0xb9, 0x42, 0x52, 0xa0, 0xe6, 0xfe, 0xbf, 0x93, 0x2c, 0x01, 0x7d]);

export const SEI_NAL_TYPE = 6;
const USER_DATA_UNREGISTERED = 5;
const CUE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface StreamClockMark {
  /** Wall-clock ms (epoch) of the frame this SEI rides with. */
  t: number;
  /** A cue (a launch's id) asked for on demand. */
  c?: string;
}

export function isCueId(s: string): boolean {
  return CUE_PATTERN.test(s);
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Inserts emulation-prevention bytes: 00 00 0x (x ≤ 3) becomes 00 00 03 0x. */
export function escapeRbsp(rbsp: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

/** Removes emulation-prevention bytes (the 03 of 00 00 03). */
export function unescapeEbsp(ebsp: Uint8Array): Uint8Array {
  const out = new Uint8Array(ebsp.length);
  let n = 0;
  let zeros = 0;
  for (const b of ebsp) {
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    out[n++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, n);
}

/** The SEI NAL unit (header byte included, no start code or length prefix). */
export function buildClockSei(mark: StreamClockMark): Uint8Array {
  if (!Number.isFinite(mark.t) || mark.t < 0) throw new RangeError(`stream clock must be a time in ms, got ${mark.t}`);
  if (mark.c !== undefined && !isCueId(mark.c)) throw new RangeError(`cue id must match ${CUE_PATTERN}, got "${mark.c}"`);
  const body = utf8.encode(JSON.stringify(mark.c === undefined ? { t: Math.round(mark.t) } : { t: Math.round(mark.t), c: mark.c }));
  const size = STAGESIDE_SEI_UUID.length + body.length;
  const sizeBytes: number[] = [];
  for (let left = size; ; left -= 255) {
    if (left >= 255) sizeBytes.push(255);
    else {
      sizeBytes.push(left);
      break;
    }
  }
  const rbsp = new Uint8Array(1 + sizeBytes.length + size + 1);
  rbsp[0] = USER_DATA_UNREGISTERED;
  rbsp.set(sizeBytes, 1);
  rbsp.set(STAGESIDE_SEI_UUID, 1 + sizeBytes.length);
  rbsp.set(body, 1 + sizeBytes.length + STAGESIDE_SEI_UUID.length);
  rbsp[rbsp.length - 1] = 0x80; // rbsp_trailing_bits
  const escaped = escapeRbsp(rbsp);
  const nal = new Uint8Array(1 + escaped.length);
  nal[0] = SEI_NAL_TYPE; // nal_ref_idc 0
  nal.set(escaped, 1);
  return nal;
}

/** Reads a user-data-unregistered body (UUID + bytes, as mpegts.js's SEI_ARRIVED hands it): our mark, or null. */
export function readClockUserData(uuid: Uint8Array, userData: Uint8Array): StreamClockMark | null {
  if (uuid.length !== 16 || !STAGESIDE_SEI_UUID.every((b, i) => uuid[i] === b)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decoder.decode(userData));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { t, c } = parsed as { t?: unknown; c?: unknown };
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) return null;
  if (c !== undefined && (typeof c !== 'string' || !isCueId(c))) return null;
  return c === undefined ? { t } : { t, c };
}

/** Reads an SEI NAL (header byte first): the first Stageside clock message in it, or null. */
export function readClockSei(nal: Uint8Array): StreamClockMark | null {
  if (nal.length < 2 || ((nal[0] ?? 0) & 0x1f) !== SEI_NAL_TYPE) return null;
  const rbsp = unescapeEbsp(nal.subarray(1));
  let i = 0;
  while (i < rbsp.length && rbsp[i] !== 0x80) {
    let type = 0;
    while (rbsp[i] === 255) {
      type += 255;
      i++;
    }
    type += rbsp[i++] ?? 0;
    let size = 0;
    while (rbsp[i] === 255) {
      size += 255;
      i++;
    }
    size += rbsp[i++] ?? 0;
    if (i + size > rbsp.length) return null;
    if (type === USER_DATA_UNREGISTERED && size >= 16) {
      const mark = readClockUserData(rbsp.subarray(i, i + 16), rbsp.subarray(i + 16, i + size));
      if (mark) return mark;
    }
    i += size;
  }
  return null;
}
