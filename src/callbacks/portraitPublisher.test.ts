import { describe, expect, it } from 'vitest';
import { silentLogger } from '../node/infra/logger';
import { type RestEnvelope } from './imRest';
import { LEVEL_TAG, PortraitPublisher } from './portraitPublisher';

describe('PortraitPublisher', () => {
  it('coalesces per user, retries 60007/10002 and gives up on other errors', async () => {
    const calls: Array<{ From_Account: string; ProfileItem: Array<{ Tag: string; Value: string }> }> = [];
    const answers: Record<string, number[]> = { busy: [60007, 10002, 0], gone: [40003] };
    const p = new PortraitPublisher({
      log: silentLogger(),
      ratePerSecond: 190,
      retryBaseMs: 5,
      rest: async (_path, body): Promise<RestEnvelope> => {
        const b = body as (typeof calls)[number];
        calls.push(b);
        return { ErrorCode: answers[b.From_Account]?.shift() ?? 0 };
      },
    });
    p.publish('a', 2);
    p.publish('b', 2);
    p.publish('b', 3);
    p.publish('busy', 4);
    p.publish('gone', 2);
    await p.idle();
    expect(calls.filter((c) => c.From_Account === 'b').map((c) => c.ProfileItem)).toEqual([[{ Tag: LEVEL_TAG, Value: '3' }]]);
    expect(calls.filter((c) => c.From_Account === 'busy')).toHaveLength(3);
    expect(p.getStats()).toMatchObject({ sent: 3, failed: 1, retried: 2, coalesced: 1, pending: 0 });
  });

  it('paces requests under the configured rate', async () => {
    const times: number[] = [];
    const p = new PortraitPublisher({ log: silentLogger(), ratePerSecond: 50, rest: async () => (times.push(Date.now()), { ErrorCode: 0 }) });
    for (let i = 0; i < 6; i++) p.publish(`u${i}`, 2);
    await p.idle();
    expect((times.at(-1) as number) - (times[0] as number)).toBeGreaterThanOrEqual(5 * 20 - 5);
  });
});
