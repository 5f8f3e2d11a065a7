// Fuzzes the REST gateway with seeded random and mutated bodies: every answer must be HTTP 200
// with a well-formed envelope, and the studio must stay healthy afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { mulberry32 } from '../../shared/prng';
import { restEnvelopeSchema } from '../../shared/tencent/restSchemas';
import { type GroupEvent } from './engineApi';
import { recordingSession, startHarness, type Harness } from './harness.testkit';

const prng = mulberry32;

const G = 'group_open_http_svc';
const SAMPLES: Record<string, unknown> = {
  'im_open_login_svc/account_import': { Identifier: 'fuzz_user', Nick: 'F', FaceUrl: 'https://f' },
  'im_open_login_svc/multiaccount_import': { Accounts: ['f1', 'f2'] },
  [`${G}/create_group`]: { Type: 'AVChatRoom', Name: 'Fuzz', AppDefinedData: [{ Key: 'room_status', Value: '1' }] },
  [`${G}/get_group_info`]: { GroupIdList: ['fuzzroom'], ResponseFilter: { GroupBaseInfoFilter: ['Name'], AppDefinedDataFilter_Group: ['add_goods'] } },
  [`${G}/modify_group_base_info`]: { GroupId: 'fuzzroom', Notification: 'n', AppDefinedData: [{ Key: 'add_goods', Value: '' }] },
  [`${G}/send_group_msg`]: {
    GroupId: 'fuzzroom',
    Random: 1,
    MsgPriority: 'Low',
    MsgBody: [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } },
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'LIKE', Ext: '{}' } },
    ],
  },
  [`${G}/send_group_system_notification`]: { GroupId: 'fuzzroom', Content: '{"type":"X"}' },
  [`${G}/forbid_send_msg`]: { GroupId: 'fuzzroom', Members_Account: ['f1'], ShutUpTime: 5 },
  [`${G}/get_online_member_num`]: { GroupId: 'fuzzroom' },
  [`${G}/add_group_member`]: { GroupId: 'fuzzroom', MemberList: [{ Member_Account: 'f1' }] },
  [`${G}/destroy_group`]: { GroupId: 'not_fuzzroom' },
  'profile/portrait_set': { From_Account: 'f1', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }] },
  'profile/portrait_get': { To_Account: ['f1'], TagList: ['Tag_Profile_IM_Nick'] },
};
const COMMANDS = [...Object.keys(SAMPLES), 'openim/sendmsg', `${G}/nope`, 'x/y', 'a%2Fb/c%00', 'a/b/c/d'];

function fuzzer(rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const int = (n: number) => Math.floor(rand() * n);
  const weird: unknown[] = [
    null,
    true,
    0,
    -1,
    1.5,
    2 ** 53,
    4294967296,
    '',
    ' ',
    '直播'.repeat(200),
    'x'.repeat(13_000),
    '\u0000\uffff',
    '__proto__',
    [],
    {},
    [[[[[]]]]],
    'NaN',
  ];

  function randomValue(depth: number): unknown {
    switch (depth > 3 ? int(3) : int(6)) {
      case 0:
        return pick(weird);
      case 1:
        return rand().toString(36).slice(2, 2 + int(12));
      case 2:
        return Math.floor(rand() * 2 ** 33) - 2 ** 32;
      case 3:
        return Array.from({ length: int(4) }, () => randomValue(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < int(4); i++) o[pick(['GroupId', 'MsgBody', 'Key', 'Value', 'Random', 'x', 'Type', 'Name'])] = randomValue(depth + 1);
        return o;
      }
    }
  }

  function mutate(value: unknown, depth = 0): unknown {
    if (Array.isArray(value)) {
      const copy = value.map((v) => (rand() < 0.3 ? mutate(v, depth + 1) : v));
      if (rand() < 0.2) copy.push(randomValue(depth));
      if (rand() < 0.2) copy.splice(int(copy.length + 1), 1);
      if (rand() < 0.05) return Array.from({ length: 120 }, () => copy[0] ?? 'x');
      return copy;
    }
    if (value && typeof value === 'object') {
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      for (const k of keys) {
        const r = rand();
        if (r < 0.15) delete copy[k];
        else if (r < 0.35) copy[k] = randomValue(depth);
        else if (r < 0.6) copy[k] = mutate(copy[k], depth + 1);
      }
      if (rand() < 0.2) copy[pick(['Extra', 'MsgBody', 'GroupId', 'Random'])] = randomValue(depth);
      return copy;
    }
    return rand() < 0.5 ? randomValue(depth) : value;
  }

  function body(command: string): string {
    const sample = SAMPLES[command] ?? {};
    const r = rand();
    if (r < 0.55) return JSON.stringify(mutate(sample));
    if (r < 0.7) return JSON.stringify(randomValue(0));
    const json = JSON.stringify(sample);
    if (r < 0.8) return json.slice(0, int(json.length)); // truncated
    if (r < 0.82) return '{"__proto__":{"polluted":true},"GroupId":"pollute_room","constructor":{"prototype":{"polluted":true}}}';
    if (r < 0.9) {
      const chars = [...json];
      for (let i = 0; i < 3; i++) chars[int(chars.length)] = pick(['{', '}', '"', ',', ':', '\\', '\u0000', 'é']);
      return chars.join('');
    }
    return Array.from({ length: int(64) }, () => String.fromCharCode(int(0x3000))).join('');
  }

  function query(sig: string): Record<string, string | undefined> {
    const r = rand();
    if (r < 0.85) return {};
    return pick([
      { sdkappid: undefined },
      { sdkappid: 'abc' },
      { sdkappid: '99999999999999999999' },
      { usersig: sig.slice(0, int(sig.length)) },
      { usersig: '' },
      { identifier: 'someone' },
      { identifier: '' },
      { contenttype: 'xml', random: '-5' },
    ]);
  }

  return { pick, body, query };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('REST fuzz', () => {
  it('answers 1,200 random and mutated requests with well-formed envelopes and stays healthy', async () => {
    const tmp = tempDir();
    const h: Harness = await startHarness(tmp.dir);
    cleanups.push(tmp.cleanup, () => h.close());
    await h.call(`${G}/create_group`, { Type: 'AVChatRoom', Name: 'Fuzz room', GroupId: 'fuzzroom' });
    const events: GroupEvent[] = [];
    const watcher = recordingSession('s-watch');
    watcher.ref.sink = { deliver: (e) => void events.push(...e) };
    h.engine.join('fuzzroom', watcher.ref);

    const f = fuzzer(prng(0x5eed));
    const codes = new Map<number, number>();
    for (let i = 0; i < 1200; i++) {
      const command = f.pick(COMMANDS);
      const payload = f.body(command);
      const res = await h.app.inject({
        method: 'POST',
        url: `/v4/${command}?${new URLSearchParams(
          Object.entries({
            sdkappid: '1400000000',
            identifier: 'administrator',
            usersig: h.adminSig,
            random: String(i),
            contenttype: 'json',
            ...f.query(h.adminSig),
          }).filter((e): e is [string, string] => e[1] !== undefined),
        ).toString()}`,
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, `#${i} ${command} ${payload.slice(0, 200)}`).toBe(200);
      const env = restEnvelopeSchema.parse(res.json());
      expect(env.ActionStatus === 'OK', `#${i} ${command}`).toBe(env.ErrorCode === 0);
      codes.set(env.ErrorCode, (codes.get(env.ErrorCode) ?? 0) + 1);
      h.time.advance(10); // 100 requests/s overall, under the per-API limit
    }
    // The fuzz reached deep into the commands, not just the gateway.
    for (const expected of [0, 60003, 60009, 10004, 70402, 40001]) expect(codes.get(expected) ?? 0, `code ${expected}`).toBeGreaterThan(0);

    // Still healthy: a fresh room works end to end (the fuzz may have destroyed or muted the first).
    expect((await h.call(`${G}/create_group`, { Type: 'AVChatRoom', Name: 'After', GroupId: 'after_fuzz' })).ErrorCode).toBe(0);
    const info = await h.call(`${G}/get_group_info`, { GroupIdList: ['after_fuzz'] });
    expect(info).toMatchObject({ ActionStatus: 'OK', GroupInfo: [expect.objectContaining({ GroupId: 'after_fuzz', ErrorCode: 0 })] });
    h.engine.join('after_fuzz', watcher.ref);
    const sent = await h.call(`${G}/send_group_msg`, {
      GroupId: 'after_fuzz',
      Random: 4_000_000_001,
      MsgPriority: 'High',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'still alive' } }],
    });
    expect(sent.ErrorCode).toBe(0);
    expect(events.some((e) => e.kind === 'message' && e.groupId === 'after_fuzz' && e.random === 4_000_000_001)).toBe(true);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
  });

  it('the engine API answers 1,000 random client sends with results, never throws', async () => {
    const tmp = tempDir();
    const h: Harness = await startHarness(tmp.dir);
    cleanups.push(tmp.cleanup, () => h.close());
    await h.call(`${G}/create_group`, { Type: 'AVChatRoom', Name: 'Fuzz room', GroupId: 'fuzzroom' });
    h.engine.verifyLogin('f1', h.sig('f1'));
    h.engine.join('fuzzroom', recordingSession('s1', 'f1').ref);
    const rand = prng(42);
    const f = fuzzer(rand);
    const sample = (SAMPLES[`${G}/send_group_msg`] as { MsgBody: unknown }).MsgBody;
    for (let i = 0; i < 1000; i++) {
      const body = JSON.parse(f.body(`${G}/send_group_msg`).startsWith('{') ? JSON.stringify(sample) : '[]') as unknown;
      const input = {
        groupId: rand() < 0.9 ? 'fuzzroom' : f.pick(['', 'nope', 'x'.repeat(60)]),
        from: rand() < 0.9 ? 'f1' : 'f2',
        sessionId: rand() < 0.9 ? 's1' : 's2',
        random: rand() < 0.9 ? i : (f.pick([-1, 1.5, 2 ** 40, Number.NaN]) as number),
        priority: f.pick(['High', 'Normal', 'Low', 'Lowest', 'Urgent']) as 'High',
        body: (rand() < 0.5 ? body : JSON.parse(JSON.stringify([f.pick([null, 1, 'x', {}, { MsgType: 'TIMTextElem' }])]))) as never,
        cloudCustomData: f.pick(['', 'x', 'é'.repeat(100)]),
      };
      const r = await h.engine.sendFromClient(input);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(typeof r.code).toBe('number');
      h.time.advance(3);
    }
    expect(h.engine.stats().delivered).toBeGreaterThan(0);
  });
});
