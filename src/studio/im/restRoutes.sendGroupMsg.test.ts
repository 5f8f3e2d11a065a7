// send_group_msg over REST: delivery with the sender's profile, the 12 KB body limit, invalid
// messages, muted senders and Random de-duplication.
import { afterEach, describe, expect, it } from 'vitest';
import { type GroupEvent } from './engineApi';
import { ADMIN, recordingSession } from './harness.testkit';
import { code, G, harness, ROOM, runCleanups, withRoom } from './restRoutes.testkit';

afterEach(runCleanups);

describe('send_group_msg', () => {
  const msg = (over: Record<string, unknown> = {}) => ({
    GroupId: ROOM.GroupId,
    From_Account: 'anchor_001',
    Random: 1843219947,
    MsgPriority: 'High',
    MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'ADD_GOODS', Desc: '', Ext: '{"sku":"A1","price":1999}', Sound: '' } }],
    CloudCustomData: '{"v":1}',
    SendMsgControl: ['NoLastMsg'],
    ...over,
  });

  it('delivers with the sender profile and answers MsgTime/MsgSeq', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    const r = await h.call(`${G}/send_group_msg`, msg());
    const now = Math.floor(h.time.now() / 1000);
    expect(r).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgTime: now, MsgSeq: 1 });
    expect(viewer.events).toEqual<GroupEvent[]>([
      {
        kind: 'message',
        groupId: ROOM.GroupId,
        from: 'anchor_001',
        nick: 'Anchor',
        avatar: '',
        time: now,
        seq: 1,
        random: 1843219947,
        priority: 'High',
        body: msg().MsgBody as never,
        cloudCustomData: '{"v":1}',
        modified: false,
      },
    ]);
    const fromAdmin = await h.call(`${G}/send_group_msg`, msg({ From_Account: undefined, Random: 2 }));
    expect(fromAdmin.MsgSeq).toBe(2);
    expect(viewer.events.at(-1)).toMatchObject({ from: ADMIN, priority: 'High' });
  });

  it('12,288 bytes pass, one more → 80002', async () => {
    const h = await harness();
    await withRoom(h);
    // {"Text":"…"} adds 11 bytes of JSON around the text.
    const body = (n: number) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: 't'.repeat(n) } }];
    expect(code(await h.call(`${G}/send_group_msg`, msg({ Random: 1, MsgBody: body(12_277) })))).toBe(0);
    const over = await h.call(`${G}/send_group_msg`, msg({ Random: 2, MsgBody: body(12_278) }));
    expect(over).toMatchObject({ ErrorCode: 80002, ErrorInfo: expect.stringContaining('12289 bytes') });
  });

  it.each([
    ['two TIMCustomElem', { MsgBody: [msg().MsgBody[0], msg().MsgBody[0]] }, 10004],
    ['Random over uint32', { Random: 4294967296 }, 10004],
    ['negative Random', { Random: -1 }, 10004],
    ['lower-case priority', { MsgPriority: 'high' }, 10004],
    ['image element', { MsgBody: [{ MsgType: 'TIMImageElem', MsgContent: {} }] }, 10004],
    ['unknown From_Account', { From_Account: 'nobody' }, 10019],
    ['unknown group', { GroupId: 'nope' }, 10010],
    ['bad group id', { GroupId: '@TGS#' + 'x'.repeat(44) }, 10015],
  ])('%s → %i', async (_n, over, expected) => {
    const h = await harness();
    await withRoom(h);
    expect(code(await h.call(`${G}/send_group_msg`, msg(over)))).toBe(expected);
  });

  it('muted From_Account → 10017; a repeated Random is swallowed with success', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    const first = await h.call(`${G}/send_group_msg`, msg({ Random: 5 }));
    const dup = await h.call(`${G}/send_group_msg`, msg({ Random: 5, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'other' } }] }));
    expect(dup).toEqual(first);
    expect(viewer.events).toHaveLength(1);
    await h.call(`${G}/forbid_send_msg`, { GroupId: ROOM.GroupId, Members_Account: ['anchor_001'], ShutUpTime: 600 });
    expect(code(await h.call(`${G}/send_group_msg`, msg({ Random: 6 })))).toBe(10017);
    expect(code(await h.call(`${G}/forbid_send_msg`, { GroupId: 'nope', Members_Account: ['a'], ShutUpTime: 1 }))).toBe(10010);
    expect(code(await h.call(`${G}/forbid_send_msg`, { GroupId: ROOM.GroupId, Members_Account: [], ShutUpTime: 1 }))).toBe(10004);
  });
});
