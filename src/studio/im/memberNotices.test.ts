// Join/quit notices through the engine on a ManualTime clock: one at a time while a group's budget
// lasts, merged (tips and callbacks alike, in order, split at 500 members) in a storm.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { type GroupEvent } from './engineApi';
import { recordingSession, startHarness, type Harness } from './harness.testkit';
import { MAX_MEMBERS_PER_NOTICE } from './memberNotices';
import { ManualTime } from './timers';

type Tip = Extract<GroupEvent, { kind: 'tip' }>;
const tips = (events: GroupEvent[]): Tip[] => events.filter((e): e is Tip => e.kind === 'tip');
const lists = (events: GroupEvent[]) => tips(events).map((t) => [t.operationType, t.userIDList]);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Posted {
  command: string;
  body: { NewMemberList?: { Member_Account: string }[]; ExitMemberList?: { Member_Account: string }[]; Operator_Account?: string };
}

/** An engine whose callbacks are recorded instead of sent; pacing: 2 at once, then 5 per second. */
async function harness(): Promise<Harness & { posted: Posted[] }> {
  const tmp = tempDir();
  const posted: Posted[] = [];
  const fetchStub = (async (url: string | URL | Request, init?: RequestInit) => {
    const command = new URL(String(url)).searchParams.get('CallbackCommand') ?? '';
    posted.push({ command, body: JSON.parse(String(init?.body)) as Posted['body'] });
    return new Response(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }));
  }) as typeof fetch;
  const h = await startHarness(
    tmp.dir,
    { callbackUrl: 'http://127.0.0.1:9/cb', fetch: fetchStub, memberNotices: { burst: 2, perSecond: 5 } },
    new ManualTime(),
  );
  cleanups.push(tmp.cleanup, () => h.close());
  expect((await h.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'Room', GroupId: 'live' })).ErrorCode).toBe(0);
  return { ...h, posted };
}

const members = (p: Posted) => (p.body.NewMemberList ?? p.body.ExitMemberList ?? []).map((m) => m.Member_Account);
/** Callbacks are posted on a microtask after the notice; this lets them land. */
const settled = () => new Promise((r) => setImmediate(r));

describe('member notices', () => {
  it('announce each join at once while the group is quiet, as one tip and one callback each', async () => {
    const h = await harness();
    const watcher = recordingSession('s-w');
    h.engine.join('live', watcher.ref);
    h.engine.join('live', recordingSession('s-a', 'alice').ref);
    h.time.advance(1000);
    h.engine.join('live', recordingSession('s-b', 'bob').ref);
    await settled();
    expect(lists(watcher.events)).toEqual([
      [1, ['alice']],
      [1, ['bob']],
    ]);
    expect(h.posted.map((p) => [p.command, members(p)])).toEqual([
      ['Group.CallbackAfterNewMemberJoin', ['alice']],
      ['Group.CallbackAfterNewMemberJoin', ['bob']],
    ]);
  });

  it('merge a storm into one tip per interval listing every member since the last, without telling joiners about themselves', async () => {
    const h = await harness();
    const watcher = recordingSession('s-w', 'watcher');
    h.engine.join('live', watcher.ref);
    const joiners = Array.from({ length: 6 }, (_, i) => recordingSession(`s-${i}`, `v${i}`));
    for (const j of joiners) h.engine.join('live', j.ref);
    // The burst (2) went out at once, watcher's own join included; v1…v5 wait for the next token.
    expect(lists(watcher.events)).toEqual([[1, ['v0']]]);
    h.time.advance(199);
    expect(tips(watcher.events)).toHaveLength(1);
    h.time.advance(1);
    expect(lists(watcher.events)).toEqual([
      [1, ['v0']],
      [1, ['v1', 'v2', 'v3', 'v4', 'v5']],
    ]);
    expect(tips(watcher.events)[1]).toMatchObject({ operatorID: 'v1' });
    // v0 was there before the merged tip; v1…v5 are in it and not told about themselves.
    expect(lists(joiners[0]!.events)).toEqual([[1, ['v1', 'v2', 'v3', 'v4', 'v5']]]);
    for (const j of joiners.slice(1)) expect(tips(j.events)).toEqual([]);
    await settled();
    expect(h.posted.map(members)).toEqual([['watcher'], ['v0'], ['v1', 'v2', 'v3', 'v4', 'v5']]);
    expect(h.engine.onlineCount('live')).toEqual({ ok: true, value: 7 });
  });

  it('keep joins and quits in the order they happened, one tip per run', async () => {
    const h = await harness();
    const watcher = recordingSession('s-w');
    h.engine.join('live', watcher.ref);
    for (const id of ['a', 'b']) h.engine.join('live', recordingSession(`s-${id}`, id).ref);
    h.engine.join('live', recordingSession('s-c', 'c').ref);
    h.engine.join('live', recordingSession('s-d', 'd').ref);
    h.engine.quit('live', 's-a');
    h.engine.quit('live', 's-c');
    h.engine.join('live', recordingSession('s-e', 'e').ref);
    h.time.advance(200);
    expect(lists(watcher.events)).toEqual([
      [1, ['a']],
      [1, ['b']],
      [1, ['c', 'd']],
      [2, ['a', 'c']],
      [1, ['e']],
    ]);
    await settled();
    expect(h.posted.map((p) => [p.command.replace('Group.Callback', ''), members(p)])).toEqual([
      ['AfterNewMemberJoin', ['a']],
      ['AfterNewMemberJoin', ['b']],
      ['AfterNewMemberJoin', ['c', 'd']],
      ['AfterMemberExit', ['a', 'c']],
      ['AfterNewMemberJoin', ['e']],
    ]);
  });

  it(`split a run longer than ${MAX_MEMBERS_PER_NOTICE} members into several tips in one flush`, async () => {
    const h = await harness();
    const watcher = recordingSession('s-w');
    h.engine.join('live', watcher.ref);
    const n = 2 + MAX_MEMBERS_PER_NOTICE * 2 + 7;
    for (let i = 0; i < n; i++) h.engine.join('live', recordingSession(`s-${i}`, `v${i}`).ref);
    h.time.advance(200);
    const sizes = tips(watcher.events).map((t) => t.userIDList.length);
    expect(sizes).toEqual([1, 1, MAX_MEMBERS_PER_NOTICE, MAX_MEMBERS_PER_NOTICE, 7]);
    expect(tips(watcher.events).flatMap((t) => t.userIDList)).toEqual(Array.from({ length: n }, (_, i) => `v${i}`));
  });

  it('a destroyed group drops the waiting tips but still reports the joins to the callbacks', async () => {
    const h = await harness();
    const watcher = recordingSession('s-w');
    h.engine.join('live', watcher.ref);
    for (const id of ['a', 'b', 'c', 'd']) h.engine.join('live', recordingSession(`s-${id}`, id).ref);
    expect((await h.call('group_open_http_svc/destroy_group', { GroupId: 'live' })).ErrorCode).toBe(0);
    h.time.advance(1000);
    expect(lists(watcher.events)).toEqual([
      [1, ['a']],
      [1, ['b']],
    ]);
    await settled();
    expect(h.posted.map(members)).toEqual([['a'], ['b'], ['c', 'd']]);
  });
});
