import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { pushEventSchema } from './protocol';
import {
  callbackSign,
  clientAddress,
  type PushSession,
  pushInterruptEvent,
  pushStartEvent,
  sequenceFrom,
  streamParamOf,
} from './pushEvents';

const keys = { callbackKey: 'cb-key', appId: 1250000000 };
const session: PushSession = {
  sequence: '1234567890123456789',
  domain: 'push.example.com',
  appName: 'live',
  streamId: 'room001',
  node: '127.0.0.1',
  userIp: '10.0.0.2',
  streamParam: 'txSecret=***&txTime=6B0447EC',
  startedAtMs: 1_714_500_400_250,
};

describe('push events (CSS callback shape)', () => {
  it('start: event_type 1, duration "0", t = event_time + 600, sign = md5(key + t)', () => {
    const e = pushStartEvent(nodeCrypto, keys, session, 1_714_500_400_250);
    expect(pushEventSchema.parse(e)).toEqual(e);
    expect(e).toMatchObject({
      event_type: 1,
      event_time: 1_714_500_400,
      t: 1_714_501_000,
      push_duration: '0',
      app: 'push.example.com',
      appname: 'live',
      stream_id: 'room001',
      channel_id: 'room001',
      appid: 1250000000,
      errcode: 0,
      errmsg: '',
    });
    expect(e.sign).toBe(nodeCrypto.md5Hex('cb-key1714501000'));
    expect(callbackSign(nodeCrypto, 'cb-key', 1714501000)).toBe(e.sign);
  });

  it('interrupt: event_type 0, same sequence, duration in ms as a string, dimensions', () => {
    const e = pushInterruptEvent(nodeCrypto, keys, session, session.startedAtMs + 12_345, { width: 640, height: 360 });
    expect(pushEventSchema.parse(e)).toEqual(e);
    expect(e).toMatchObject({ event_type: 0, sequence: session.sequence, push_duration: '12345', width: 640, height: 360 });
  });

  it('interrupt never reports a negative duration or junk dimensions', () => {
    const e = pushInterruptEvent(nodeCrypto, keys, session, session.startedAtMs - 5, { width: -1, height: NaN });
    expect(e).toMatchObject({ push_duration: '0', width: 0, height: 0 });
  });

  it('stream_param keeps the query but masks txSecret', () => {
    const p = streamParamOf({ txSecret: 'f85a2ab363fe4deaffef9754d79da6fe', txTime: '5C271099', x: ['1', '2'] });
    expect(p).toBe('txSecret=***&txTime=5C271099&x=1&x=2');
    expect(p).not.toContain('f85a2ab3');
  });

  it('client addresses lose the port and the IPv4-mapped prefix', () => {
    expect(clientAddress('127.0.0.1:55664')).toBe('127.0.0.1');
    expect(clientAddress('::ffff:10.0.0.2:1935')).toBe('10.0.0.2');
  });

  it('sequences are decimal, at most 19 digits', () => {
    expect(sequenceFrom(new Uint8Array(8).fill(0xff))).toBe('9223372036854775807');
    expect(sequenceFrom(new Uint8Array([0, 0, 0, 0, 0, 0, 1, 0]))).toBe('256');
  });
});
