import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { type FetchLike, postPushEvent } from './callbackPoster';
import { pushStartEvent } from './pushEvents';

const event = pushStartEvent(
  nodeCrypto,
  { callbackKey: 'k', appId: 0 },
  {
    sequence: '1',
    domain: '127.0.0.1',
    appName: 'live',
    streamId: 'room1',
    node: '127.0.0.1',
    userIp: '127.0.0.1',
    streamParam: 'txSecret=***&txTime=1',
    startedAtMs: 0,
  },
  1_000_000,
);

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines };
}

describe('postPushEvent', () => {
  it('POSTs the event as JSON', async () => {
    const { log, lines } = capture();
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetchImpl: FetchLike = async (url, init) => (calls.push({ url, init }), { status: 200 });
    await postPushEvent('http://127.0.0.1:9/cb', event, { log, fetchImpl });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual(event);
    expect(lines.at(-1)?.msg).toBe('Push callback delivered');
  });

  it('gives up after the timeout without rejecting', async () => {
    const { log, lines } = capture();
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const started = Date.now();
    await expect(postPushEvent('http://127.0.0.1:9/cb', event, { log, fetchImpl: hang, timeoutMs: 50 })).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(lines.at(-1)?.msg).toBe('Push callback failed');
  });

  it('logs a refusal and a network error, never throws', async () => {
    const { log, lines } = capture();
    await postPushEvent('http://x/cb', event, { log, fetchImpl: async () => ({ status: 500 }) });
    expect(lines.at(-1)).toMatchObject({ msg: 'Push callback refused', status: 500 });
    await postPushEvent('http://x/cb', event, { log, fetchImpl: () => Promise.reject(new Error('ECONNREFUSED')) });
    expect(lines.at(-1)).toMatchObject({ msg: 'Push callback failed', error: 'ECONNREFUSED' });
  });
});
