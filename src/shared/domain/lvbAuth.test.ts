import { describe, expect, it } from 'vitest';
// The module under test is pure; the test supplies the Node adapter of its CryptoPort.
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { buildPlayUrls, buildPushUrls, lvbSign, maskSecretsInUrl, toTxTime, verifyLvbQuery } from './lvbAuth';

// The official hotlink-protection example (https://www.tencentcloud.com/document/product/267/31560).
const KEY = 'e12c46f2612d5106e2034781ab261ca3';
const EXPIRES = 0x5c271099; // 1546064025
const SECRET = 'f85a2ab363fe4deaffef9754d79da6fe';

describe('toTxTime / lvbSign', () => {
  it('writes expiry as uppercase hex Unix seconds', () => {
    expect(EXPIRES).toBe(1546064025);
    expect(toTxTime(1546064025)).toBe('5C271099');
    expect(toTxTime(1483200000)).toBe('5867D600');
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 32])('rejects expiry %s', (v) => {
    expect(() => toTxTime(v)).toThrow(/Unix seconds/);
  });

  it('signs md5(KEY + StreamName + txTime) exactly as the official vector', () => {
    expect(lvbSign(nodeCrypto, KEY, 'test', '5C271099')).toBe(SECRET);
  });

  it('signs the txTime string as given: lowercase hex is a different signature', () => {
    expect(lvbSign(nodeCrypto, KEY, 'test', '5c271099')).toBe('9603387445825a481e6b7496aced5746');
  });
});

describe('buildPushUrls', () => {
  const push = buildPushUrls(nodeCrypto, {
    domain: 'livepush.tcloud.com',
    appName: 'live',
    streamName: 'test',
    key: KEY,
    expiresAt: EXPIRES,
  });

  it('builds the exact documented RTMP URL', () => {
    expect(push.rtmp).toBe('rtmp://livepush.tcloud.com/live/test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099');
    expect(push).toMatchObject({ txTime: '5C271099', txSecret: SECRET, expiresAt: EXPIRES });
  });

  it('uses the same signature for WebRTC and splits it for OBS', () => {
    expect(push.webrtc).toBe('webrtc://livepush.tcloud.com/live/test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099');
    expect(push.obsServer).toBe('rtmp://livepush.tcloud.com/live/');
    expect(push.obsStreamKey).toBe('test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099');
    expect(push.obsServer + push.obsStreamKey).toBe(push.rtmp);
  });

  it('accepts a host with a port (local studio ingest)', () => {
    const local = buildPushUrls(nodeCrypto, { domain: '127.0.0.1:19350', appName: 'live', streamName: 'room_1', key: 'k', expiresAt: EXPIRES });
    expect(local.rtmp).toMatch(/^rtmp:\/\/127\.0\.0\.1:19350\/live\/room_1\?txSecret=[0-9a-f]{32}&txTime=5C271099$/);
  });

  const base = { domain: 'push.example.com', appName: 'live', streamName: 'room1', key: 'k', expiresAt: EXPIRES };
  it.each([
    ['a scheme in the domain', { domain: 'rtmp://push.example.com' }, /without scheme/],
    ['a path in the domain', { domain: 'push.example.com/live' }, /host name/],
    ['an empty domain', { domain: '' }, /host name/],
    ['a slash in the AppName', { appName: 'live/x' }, /AppName/],
    ['an empty AppName', { appName: '' }, /AppName/],
    ['a path in the StreamName', { streamName: 'live/room1' }, /must not contain "\/"/],
    ['a .flv StreamName', { streamName: 'room1.flv' }, /bare/],
    ['a .m3u8 StreamName', { streamName: 'room1.M3U8' }, /bare/],
    ['a query in the StreamName', { streamName: 'room1?x=1' }, /StreamName/],
    ['an empty StreamName', { streamName: '' }, /StreamName/],
    ['a 256-char StreamName', { streamName: 'a'.repeat(256) }, /StreamName/],
    ['an empty key', { key: '' }, /key/],
    ['an expiry in milliseconds', { expiresAt: 1546064025000 }, /Unix seconds/],
  ])('rejects %s', (_name, patch, message) => {
    expect(() => buildPushUrls(nodeCrypto, { ...base, ...patch })).toThrow(message);
  });
});

describe('buildPlayUrls', () => {
  it('builds unsigned URLs when playback auth is off, https by default', () => {
    expect(buildPlayUrls(nodeCrypto, { domain: 'play.example.com', appName: 'live', streamName: 'room1' })).toEqual({
      rtmp: 'rtmp://play.example.com/live/room1',
      flv: 'https://play.example.com/live/room1.flv',
      hls: 'https://play.example.com/live/room1.m3u8',
      webrtc: 'webrtc://play.example.com/live/room1',
    });
  });

  it('signs every protocol with the bare StreamName when a key is given', () => {
    const urls = buildPlayUrls(nodeCrypto, { domain: 'play.example.com', appName: 'live', streamName: 'test', key: KEY, expiresAt: EXPIRES, secure: false });
    const q = `?txSecret=${SECRET}&txTime=5C271099`;
    expect(urls).toEqual({
      rtmp: `rtmp://play.example.com/live/test${q}`,
      flv: `http://play.example.com/live/test.flv${q}`,
      hls: `http://play.example.com/live/test.m3u8${q}`,
      webrtc: `webrtc://play.example.com/live/test${q}`,
    });
  });

  it('requires an expiry with a key and validates like push', () => {
    expect(() => buildPlayUrls(nodeCrypto, { domain: 'play.example.com', appName: 'live', streamName: 'test', key: KEY })).toThrow(/expiry/);
    expect(() => buildPlayUrls(nodeCrypto, { domain: 'play.example.com', appName: 'live', streamName: 'test.flv' })).toThrow(/bare/);
  });
});

describe('verifyLvbQuery', () => {
  const signed = new URLSearchParams({ txSecret: SECRET, txTime: '5C271099' });
  const check = (query: Parameters<typeof verifyLvbQuery>[1]['query'], nowSeconds = EXPIRES - 10, graceSeconds?: number) =>
    verifyLvbQuery(nodeCrypto, { key: KEY, streamName: 'test', query, nowSeconds, ...(graceSeconds === undefined ? {} : { graceSeconds }) });

  it('accepts the official vector before and at txTime', () => {
    expect(check(signed)).toEqual({ ok: true, expiresAt: EXPIRES });
    expect(check(signed, EXPIRES)).toEqual({ ok: true, expiresAt: EXPIRES });
  });

  it('accepts a query parsed from a pushed URL and a plain record', () => {
    const url = new URL(buildPushUrls(nodeCrypto, { domain: 'x.example.com', appName: 'live', streamName: 'test', key: KEY, expiresAt: EXPIRES }).rtmp);
    expect(check(url.searchParams).ok).toBe(true);
    expect(check({ txSecret: SECRET, txTime: '5C271099' }).ok).toBe(true);
    expect(check({ txSecret: [SECRET], txTime: '5C271099' }).ok).toBe(true);
  });

  it('accepts lowercase txTime when it was signed lowercase, and uppercase hex in txSecret', () => {
    expect(check({ txSecret: '9603387445825a481e6b7496aced5746', txTime: '5c271099' }).ok).toBe(true);
    expect(check({ txSecret: SECRET.toUpperCase(), txTime: '5C271099' }).ok).toBe(true);
  });

  it('reports expired after txTime, unless within the grace period', () => {
    expect(check(signed, EXPIRES + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(check(signed, EXPIRES + 300, 300).ok).toBe(true);
    expect(check(signed, EXPIRES + 301, 300)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reports bad-signature for another key, stream, or a re-cased txTime', () => {
    expect(verifyLvbQuery(nodeCrypto, { key: 'other', streamName: 'test', query: signed, nowSeconds: EXPIRES })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLvbQuery(nodeCrypto, { key: KEY, streamName: 'test2', query: signed, nowSeconds: EXPIRES })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(check({ txSecret: SECRET, txTime: '5c271099' })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('checks the signature before expiry, so a forged late txTime is not reported as merely expired', () => {
    expect(check({ txSecret: SECRET, txTime: '5C2710FF' }, EXPIRES + 1000)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('reports missing when either parameter is absent or empty', () => {
    expect(check(new URLSearchParams())).toEqual({ ok: false, reason: 'missing' });
    expect(check({ txSecret: SECRET })).toEqual({ ok: false, reason: 'missing' });
    expect(check(new URLSearchParams({ txSecret: '', txTime: '5C271099' }))).toEqual({ ok: false, reason: 'missing' });
  });

  it('reports malformed for non-hex values or repeated parameters', () => {
    expect(check({ txSecret: SECRET, txTime: 'tomorrow' })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ txSecret: 'abc', txTime: '5C271099' })).toEqual({ ok: false, reason: 'malformed' });
    expect(check(new URLSearchParams(`txSecret=${SECRET}&txSecret=${SECRET}&txTime=5C271099`))).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ txSecret: [SECRET, SECRET], txTime: '5C271099' })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('maskSecretsInUrl', () => {
  it('hides txSecret in push URLs and OBS stream keys, keeping txTime', () => {
    expect(maskSecretsInUrl(`rtmp://livepush.tcloud.com/live/test?txSecret=${SECRET}&txTime=5C271099`)).toBe(
      'rtmp://livepush.tcloud.com/live/test?txSecret=***&txTime=5C271099',
    );
    expect(maskSecretsInUrl(`test?txTime=5C271099&txSecret=${SECRET}`)).toBe('test?txTime=5C271099&txSecret=***');
  });

  it('hides usersig in IM REST URLs, whatever the case of the name', () => {
    expect(maskSecretsInUrl('https://console.tim.qq.com/v4/a/b?sdkappid=1&identifier=admin&usersig=eJyr*-_&random=7&contenttype=json')).toBe(
      'https://console.tim.qq.com/v4/a/b?sdkappid=1&identifier=admin&usersig=***&random=7&contenttype=json',
    );
    expect(maskSecretsInUrl('x?UserSig=abc&TXSECRET=def')).toBe('x?UserSig=***&TXSECRET=***');
  });

  it('leaves URLs without secrets, and look-alike names, untouched', () => {
    const plain = 'https://play.example.com/live/room1.flv?mytxSecret=1&foo=usersig';
    expect(maskSecretsInUrl(plain)).toBe(plain);
  });
});
