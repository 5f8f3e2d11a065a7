import { describe, expect, it } from 'vitest';
import { FLV_TAG_AUDIO, FLV_TAG_SCRIPT, FLV_TAG_VIDEO, writeTag } from './flv';
import { FlvJoinGate, FlvJoinPoint, flvItemKind } from './flvJoin';

const header = Uint8Array.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0]);
const script = writeTag(FLV_TAG_SCRIPT, 0, Uint8Array.from([2, 0, 10]));
const avcConfig = writeTag(FLV_TAG_VIDEO, 0, Uint8Array.from([0x17, 0, 0, 0, 0, 1, 0x64]));
const aacConfig = writeTag(FLV_TAG_AUDIO, 0, Uint8Array.from([0xaf, 0, 0x12, 0x10]));
const aac = (t: number) => writeTag(FLV_TAG_AUDIO, t, Uint8Array.from([0xaf, 1, 1, 2]));
const key = (t: number) => writeTag(FLV_TAG_VIDEO, t, Uint8Array.from([0x17, 1, 0, 0, 0, 0x65]));
const inter = (t: number) => writeTag(FLV_TAG_VIDEO, t, Uint8Array.from([0x27, 1, 0, 0, 0, 0x41]));

describe('FLV join point', () => {
  it('tells the items apart by their first bytes', () => {
    expect([header, script, avcConfig, aacConfig, aac(5), key(40), inter(73)].map((i) => flvItemKind(i))).toEqual([
      'header', 'script', 'video-config', 'audio-config', 'media', 'keyframe', 'media',
    ]);
  });

  it('a reader joining late gets header, metadata and both configurations, then the stream from the next keyframe', () => {
    const point = new FlvJoinPoint();
    const early = new FlvJoinGate(point);
    const late = new FlvJoinGate(point);
    const items = [header, script, avcConfig, aacConfig, key(0), aac(10), inter(33), aac(40), key(2000), inter(2033)];
    const got = { early: [] as Uint8Array[], late: [] as Uint8Array[] };
    items.forEach((item, i) => {
      const kind = point.observe(item);
      got.early.push(...early.pass(item, kind));
      // The late reader (a reconnect) starts after the sixth item.
      if (i >= 6) got.late.push(...late.pass(item, kind));
    });
    // The first reader joined at the first keyframe, so it missed nothing but what came before it.
    expect(got.early).toEqual([header, script, avcConfig, aacConfig, key(0), aac(10), inter(33), aac(40), key(2000), inter(2033)]);
    // Mid-GOP frames are not passed (they cannot be decoded without their keyframe).
    expect(got.late).toEqual([header, script, avcConfig, aacConfig, key(2000), inter(2033)]);
    expect(late.open).toBe(true);
    late.reset();
    expect(late.pass(inter(2066), 'media')).toEqual([]);
  });

  it('gives nothing before the stream has a header and a video configuration; a new header starts over', () => {
    const point = new FlvJoinPoint();
    const gate = new FlvJoinGate(point);
    expect(gate.pass(key(0), point.observe(key(0)))).toEqual([]);
    expect(point.prelude()).toBeNull();
    point.observe(header);
    point.observe(avcConfig);
    expect(point.prelude()).toEqual([header, avcConfig]);
    point.observe(header);
    expect(point.prelude()).toBeNull();
  });
});
