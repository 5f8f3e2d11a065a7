import { describe, expect, it } from 'vitest';
import { FlvClockReader, StreamClockMap } from './clockReader';
import { FLV_TAG_AUDIO, FLV_TAG_VIDEO, FlvFormatError, FlvTagReader, insertNal, splitNals, writeTag } from './flv';
import { VirtualPlayhead, viewerBufferPolicy } from './playback';
import { STAGESIDE_SEI_UUID, buildClockSei, escapeRbsp, readClockSei, readClockUserData, unescapeEbsp } from './sei';
import { FlvClockStamper } from './stamper';

const header = Uint8Array.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0]);
const lp = (nal: number[]): number[] => [0, 0, (nal.length >> 8) & 0xff, nal.length & 0xff, ...nal];
const avcConfig = Uint8Array.from([0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 0]);
/** A video tag body: keyframe or not, composition offset, one AUD then one slice NAL. */
const frame = (key: boolean, cts: number, slice: number[]): Uint8Array =>
  Uint8Array.from([key ? 0x17 : 0x27, 1, 0, 0, cts, ...lp([0x09, 0xf0]), ...lp([key ? 0x65 : 0x41, ...slice])]);

function stream(): Uint8Array {
  const parts = [
    header,
    writeTag(FLV_TAG_VIDEO, 0, avcConfig),
    writeTag(FLV_TAG_AUDIO, 0, Uint8Array.from([0xaf, 1, 1, 2])),
    writeTag(FLV_TAG_VIDEO, 0, frame(true, 66, [0, 0, 1, 0x88])),
    writeTag(FLV_TAG_VIDEO, 33, frame(false, 0, [0x9a, 0])),
    writeTag(FLV_TAG_VIDEO, 0x1000021, frame(true, 0, [0x11])),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('clock SEI', () => {
  it('escapes 00 00 0x and unescapes back', () => {
    const raw = Uint8Array.from([0, 0, 0, 0, 0, 3, 1, 0, 0, 2, 0, 0, 4]);
    const esc = escapeRbsp(raw);
    expect([...esc]).toEqual([0, 0, 3, 0, 0, 3, 0, 3, 1, 0, 0, 3, 2, 0, 0, 4]);
    expect([...unescapeEbsp(esc)]).toEqual([...raw]);
  });

  it('round-trips a mark, with and without a cue, as SEI type 6 / payload 5 with our UUID', () => {
    const nal = buildClockSei({ t: 1_765_000_000_123, c: 'launch-42' });
    expect(nal[0]).toBe(6);
    expect(nal[1]).toBe(5);
    expect([...nal.subarray(3, 19)]).toEqual([...STAGESIDE_SEI_UUID]);
    expect(nal.at(-1)).toBe(0x80);
    expect(readClockSei(nal)).toEqual({ t: 1_765_000_000_123, c: 'launch-42' });
    expect(readClockSei(buildClockSei({ t: 5 }))).toEqual({ t: 5 });
  });

  it('codes payload sizes of 255 and more with 0xFF bytes', () => {
    const c = 'x'.repeat(64);
    const nal = buildClockSei({ t: 1, c });
    expect(readClockSei(nal)?.c).toBe(c);
  });

  it('refuses bad marks and ignores foreign or malformed SEI', () => {
    expect(() => buildClockSei({ t: -1 })).toThrow(RangeError);
    expect(() => buildClockSei({ t: 1, c: 'has space' })).toThrow(RangeError);
    const other = new Uint8Array(16).fill(7);
    expect(readClockUserData(other, new TextEncoder().encode('{"t":1}'))).toBeNull();
    expect(readClockUserData(STAGESIDE_SEI_UUID, new TextEncoder().encode('{"t":"x"}'))).toBeNull();
    expect(readClockUserData(STAGESIDE_SEI_UUID, new TextEncoder().encode('not json'))).toBeNull();
    expect(readClockSei(Uint8Array.from([0x65, 1, 2]))).toBeNull();
  });
});

describe('FLV tags', () => {
  it('splits the same tags whatever the chunking', () => {
    const bytes = stream();
    const whole = new FlvTagReader().push(bytes);
    const r = new FlvTagReader();
    const byByte = [...bytes].flatMap((b) => r.push(Uint8Array.of(b)));
    expect(byByte.map((i) => (i.kind === 'tag' ? [i.type, i.timestamp] : 'h'))).toEqual(whole.map((i) => (i.kind === 'tag' ? [i.type, i.timestamp] : 'h')));
    expect(whole.map((i) => (i.kind === 'tag' ? i.timestamp : -1))).toEqual([-1, 0, 0, 0, 33, 0x1000021]);
  });

  it('refuses a stream that is not FLV', () => {
    expect(() => new FlvTagReader().push(new TextEncoder().encode('HTTP/1.1 200 OK'))).toThrow(FlvFormatError);
  });

  it('inserts a NAL after the AUD, before the slice', () => {
    const body = frame(true, 0, [1, 2, 3]);
    const types = splitNals(insertNal(body, 4, Uint8Array.of(6, 5, 0x80)).subarray(5), 4).map((n) => n[0]);
    expect(types).toEqual([0x09, 6, 0x65]);
  });
});

describe('FlvClockStamper', () => {
  it('adds a clock SEI to each keyframe and to the frame after a cue, and changes nothing else', () => {
    let now = 10_000;
    const s = new FlvClockStamper(() => now);
    const bytes = stream();
    const out1 = s.push(bytes.subarray(0, 60));
    now = 10_050;
    s.cue('p1');
    const out = [...out1, ...s.push(bytes.subarray(60))];
    const frames = new FlvClockReader().push(concatAll(out));
    expect(frames.map((f) => f.pts)).toEqual([66, 33, 0x1000021]);
    // T0 = min(arrival − pts): all three arrive at 10 050, so each mark reads 10 050 (the extended timestamp included).
    expect(frames[0]?.mark).toEqual({ pts: 66, t: 10_050, c: 'p1' });
    expect(frames[1]?.mark).toBeNull();
    expect(frames[2]?.mark).toEqual({ pts: 0x1000021, t: 10_050 });
    expect(s.clockOf(100)).toBe(10_050 - 0x1000021 + 100);
    expect(s.stats.seis).toBe(2);
    // Audio and script tags and the header are passed through byte for byte.
    const inTags = new FlvTagReader().push(bytes);
    const outTags = new FlvTagReader().push(concatAll(out));
    expect(outTags.length).toBe(inTags.length);
    expect(outTags[2]?.bytes).toEqual(inTags[2]?.bytes);
    expect(outTags[4]?.bytes).toEqual(inTags[4]?.bytes);
  });
});

describe('FlvClockStamper with the encoder input seen', () => {
  it("stamps the capture time (the encoder input's wall − pts), mapped through the muxer's shift, never later than arrival", () => {
    let now = 0;
    const s = new FlvClockStamper(() => now);
    // Frames 0 and 1 entered the encoder at 9 000 and 9 040 (input pts 0 and 33).
    s.noteCapture(0, 0, 9_000);
    s.noteCapture(1, 33, 9_040);
    now = 10_050; // the encoder took ~1 s: T0 alone would say 10 050 − 66
    const frames = new FlvClockReader().push(concatAll(s.push(stream())));
    // The first FLV frame (pts 66: the muxer's shift) is input pts 0: captured at 9 000.
    expect(frames[0]?.mark?.t).toBe(9_000);
    expect(frames[2]?.mark?.t).toBe(Math.min(10_050, 9_000 + 0x1000021 - 66));
  });
});

describe('StreamClockMap', () => {
  it('gives the clock at any pts from the latest mark at or before it, and starts over when pts goes back', () => {
    const m = new StreamClockMap();
    m.add({ pts: 1000, t: 50_000 });
    m.add({ pts: 3000, t: 52_010 });
    expect(m.clockAt(500)).toBeNull();
    expect(m.clockAt(950)).toBe(49_950);
    expect(m.clockAt(2500)).toBe(51_500);
    expect(m.clockAt(3100)).toBe(52_110);
    m.add({ pts: 0, t: 60_000 });
    expect(m.size).toBe(1);
    expect(m.clockAt(2500)).toBe(62_500);
  });
});

describe('VirtualPlayhead', () => {
  it('starts at the first frame, catches up from a GOP-cache backlog by rate and settles near the target buffer', () => {
    const p = new VirtualPlayhead();
    // A viewer joins: one second of backlog arrives at once, then frames in real time.
    for (let pts = 0; pts < 1000; pts += 40) p.arrive(pts, 40, 0);
    expect(p.bufferS()).toBeCloseTo(1, 1);
    let now = 0;
    for (let pts = 1000; pts < 20_000; pts += 40) {
      now += 40;
      p.arrive(pts, 40, now);
    }
    expect(p.bufferS()).toBeLessThanOrEqual(viewerBufferPolicy.maxS + 0.05);
    expect(p.bufferS()).toBeGreaterThan(0.1);
  });

  it('seeks when the buffer passes seekAboveS, and stalls at the end of what arrived', () => {
    const p = new VirtualPlayhead();
    p.arrive(0, 40, 0);
    for (let pts = 40; pts < 3000; pts += 40) p.arrive(pts, 40, 0);
    // No time passed, so only seeks moved the playhead: each time the buffer passed 1.5 s it jumped to 0.3 s before the end.
    expect(p.position(0)).toBeGreaterThanOrEqual(3000 - viewerBufferPolicy.seekAboveS * 1000 - 40);
    expect(p.bufferS()).toBeLessThanOrEqual(viewerBufferPolicy.seekAboveS);
    expect(p.position(100_000)).toBe(3000);
  });
});

function concatAll(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
