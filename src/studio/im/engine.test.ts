// The engine through its realtime API: sessions and tips, client sends, mutes, de-dup, shedding,
// profiles, login and persistence, on a ManualTime clock.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { IM_ERR } from '../../shared/tencent/errorCodes';
import { type MsgElem, type MsgPriority } from '../../shared/tencent/msgBody';
import { type GroupEvent } from './engineApi';
import { ADMIN, recordingSession, startHarness, type Harness } from './harness.testkit';
import { ManualTime } from './timers';

const text = (t: string): MsgElem[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const messages = (events: GroupEvent[]) => events.filter((e) => e.kind === 'message');
const tips = (events: GroupEvent[]) => events.filter((e) => e.kind === 'tip');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function harness(time?: ManualTime): Promise<Harness & { dir: string }> {
  const tmp = tempDir();
  const h = await startHarness(tmp.dir, {}, time);
  cleanups.push(tmp.cleanup, () => h.close());
  return { ...h, dir: tmp.dir };
}

async function withRoom(h: Harness, groupId = 'room1'): Promise<string> {
  const r = await h.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'Room', GroupId: groupId });
  expect(r.ErrorCode).toBe(0);
  return groupId;
}

function send(h: Harness, groupId: string, sessionId: string, from: string, random: number, priority: MsgPriority = 'Normal') {
  return h.engine.sendFromClient({ groupId, from, sessionId, random, priority, body: text(`m${random}`), cloudCustomData: '' });
}

describe('sessions: join, quit and tips (guest mode, group tips)', () => {
  it('guests join receive-only; logged-in joins and quits tip the others with nick/avatar', async () => {
    const h = await harness();
    const g = await withRoom(h);
    await h.call('im_open_login_svc/account_import', { Identifier: 'alice', Nick: 'Alice', FaceUrl: 'https://a/1.png' });
    const guest = recordingSession('s-guest');
    const alice = recordingSession('s-alice', 'alice');

    expect(h.engine.join(g, guest.ref)).toEqual({ ok: true, value: { status: 'JoinedSuccess' } });
    expect(h.engine.join(g, alice.ref)).toEqual({ ok: true, value: { status: 'JoinedSuccess' } });
    expect(h.engine.join(g, alice.ref)).toEqual({ ok: true, value: { status: 'AlreadyInGroup' } });
    expect(tips(guest.events)).toEqual([
      expect.objectContaining({ kind: 'tip', operationType: 1, operatorID: 'alice', userIDList: ['alice'], nick: 'Alice', avatar: 'https://a/1.png' }),
    ]);
    expect(alice.events).toEqual([]); // not told about its own join

    const bob = recordingSession('s-guest2');
    h.engine.join(g, bob.ref);
    expect(tips(alice.events)).toEqual([]); // guests are silent
    expect(h.engine.onlineCount(g)).toEqual({ ok: true, value: 3 });

    h.engine.quit(g, 's-alice');
    expect(tips(guest.events).at(-1)).toMatchObject({ operationType: 2, operatorID: 'alice' });
    expect(h.engine.onlineCount(g)).toEqual({ ok: true, value: 2 });
    h.engine.quit(g, 's-nobody');
  });

  it('unknown and malformed groups: 10010 / 10015', async () => {
    const h = await harness();
    expect(h.engine.join('nope', recordingSession('s').ref)).toMatchObject({ ok: false, code: IM_ERR.GROUP_NOT_FOUND });
    expect(h.engine.join('x'.repeat(49), recordingSession('s').ref)).toMatchObject({ ok: false, code: IM_ERR.GROUP_ID_INVALID });
    expect(h.engine.onlineCount('nope')).toMatchObject({ ok: false, code: IM_ERR.GROUP_NOT_FOUND });
    expect(h.engine.getGroupProfile('nope')).toMatchObject({ ok: false, code: IM_ERR.GROUP_NOT_FOUND });
  });
});

describe('client sends', () => {
  it('delivers synchronously to the others, not back to the sender', async () => {
    const h = await harness();
    const g = await withRoom(h);
    await h.call('im_open_login_svc/account_import', { Identifier: 'alice', Nick: 'Alice' });
    const alice = recordingSession('s-a', 'alice');
    const viewer = recordingSession('s-v');
    h.engine.join(g, alice.ref);
    h.engine.join(g, viewer.ref);
    const r = await h.engine.sendFromClient({
      groupId: g,
      from: 'alice',
      sessionId: 's-a',
      random: 7,
      priority: 'High',
      body: text('hello'),
      cloudCustomData: '{"v":1}',
    });
    expect(r).toEqual({ ok: true, value: { seq: 1, time: Math.floor(h.time.now() / 1000), body: text('hello'), modified: false } });
    expect(messages(viewer.events)).toEqual([
      {
        kind: 'message',
        groupId: g,
        from: 'alice',
        nick: 'Alice',
        avatar: '',
        time: Math.floor(h.time.now() / 1000),
        seq: 1,
        random: 7,
        priority: 'High',
        body: text('hello'),
        cloudCustomData: '{"v":1}',
        modified: false,
      },
    ]);
    expect(messages(alice.events)).toEqual([]);
  });

  it('refuses non-members (2101), guests (2024), bad bodies (10004/80002)', async () => {
    const h = await harness();
    const g = await withRoom(h);
    h.engine.verifyLogin('alice', h.sig('alice'));
    expect(await send(h, g, 's-a', 'alice', 1)).toMatchObject({ ok: false, code: IM_ERR.SDK_NOT_IN_GROUP });
    h.engine.join(g, recordingSession('s-guest').ref);
    expect(await send(h, g, 's-guest', 'alice', 1)).toMatchObject({ ok: false, code: IM_ERR.SDK_NOT_LOGGED_IN });
    h.engine.join(g, recordingSession('s-a', 'alice').ref);
    const base = { groupId: g, from: 'alice', sessionId: 's-a', priority: 'Normal' as const, cloudCustomData: '' };
    const custom: MsgElem = { MsgType: 'TIMCustomElem', MsgContent: { Data: 'LIKE' } };
    expect(await h.engine.sendFromClient({ ...base, random: 2, body: [custom, custom] })).toMatchObject({ ok: false, code: 10004 });
    expect(await h.engine.sendFromClient({ ...base, random: 3, body: text('x'.repeat(12_300)) })).toMatchObject({ ok: false, code: 80002 });
    expect(await h.engine.sendFromClient({ ...base, random: 4, body: [] })).toMatchObject({ ok: false, code: 10004 });
    expect(await h.engine.sendFromClient({ ...base, random: -1, body: text('x') })).toMatchObject({ ok: false, code: 10004 });
    expect(await h.engine.sendFromClient({ ...base, random: 5, priority: 'Urgent' as never, body: text('x') })).toMatchObject({
      ok: false,
      code: 10004,
    });
  });

  it('mute survives leave and re-join; ShutUpTime 0 unmutes; timed mutes expire', async () => {
    const h = await harness();
    const g = await withRoom(h);
    await h.call('im_open_login_svc/account_import', { Identifier: 'bob' });
    h.engine.join(g, recordingSession('s-b', 'bob').ref);
    expect((await h.call('group_open_http_svc/forbid_send_msg', { GroupId: g, Members_Account: ['bob'], ShutUpTime: 60 })).ErrorCode).toBe(0);
    h.engine.quit(g, 's-b');
    h.engine.join(g, recordingSession('s-b2', 'bob').ref);
    expect(await send(h, g, 's-b2', 'bob', 1)).toMatchObject({ ok: false, code: IM_ERR.SENDER_MUTED });
    h.time.advance(61_000);
    expect(await send(h, g, 's-b2', 'bob', 2)).toMatchObject({ ok: true });
    await h.call('group_open_http_svc/forbid_send_msg', { GroupId: g, Members_Account: ['bob'], ShutUpTime: 4294967295 });
    h.time.advance(365 * 86400_000);
    expect(await send(h, g, 's-b2', 'bob', 3)).toMatchObject({ ok: false, code: IM_ERR.SENDER_MUTED });
    await h.call('group_open_http_svc/forbid_send_msg', { GroupId: g, Members_Account: ['bob'], ShutUpTime: 0 });
    expect(await send(h, g, 's-b2', 'bob', 4)).toMatchObject({ ok: true });
  });

  it('ShutUpAllMember mutes members but not the owner', async () => {
    const h = await harness();
    await h.call('im_open_login_svc/multiaccount_import', { Accounts: ['owner', 'bob'] });
    await h.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'R', GroupId: 'g', Owner_Account: 'owner' });
    h.engine.join('g', recordingSession('s-o', 'owner').ref);
    h.engine.join('g', recordingSession('s-b', 'bob').ref);
    await h.call('group_open_http_svc/modify_group_base_info', { GroupId: 'g', ShutUpAllMember: 'On' });
    expect(await send(h, 'g', 's-b', 'bob', 1)).toMatchObject({ ok: false, code: IM_ERR.SENDER_MUTED });
    expect(await send(h, 'g', 's-o', 'owner', 2)).toMatchObject({ ok: true });
  });

  it('de-duplicates (sender, Random) for 5 minutes with the original seq', async () => {
    const h = await harness();
    const g = await withRoom(h);
    await h.call('im_open_login_svc/multiaccount_import', { Accounts: ['alice', 'bob'] });
    const viewer = recordingSession('s-v');
    h.engine.join(g, viewer.ref);
    h.engine.join(g, recordingSession('s-a', 'alice').ref);
    h.engine.join(g, recordingSession('s-b', 'bob').ref);
    const first = await send(h, g, 's-a', 'alice', 42);
    h.time.advance(299_000);
    const again = await send(h, g, 's-a', 'alice', 42);
    expect(again).toMatchObject({ ok: true, value: { seq: first.ok ? first.value.seq : -1 } });
    expect(await send(h, g, 's-b', 'bob', 42)).toMatchObject({ ok: true }); // another sender, same Random
    expect(messages(viewer.events).map((m) => m.from)).toEqual(['alice', 'bob']);
    h.time.advance(2_000);
    await send(h, g, 's-a', 'alice', 42);
    expect(messages(viewer.events).map((m) => m.from)).toEqual(['alice', 'bob', 'alice']);
    expect(h.engine.stats().deduplicated).toBe(1);
  });

  it('200 mixed-priority client sends within one second: ≈40 delivered at once, High first afterwards', async () => {
    const h = await harness();
    const g = await withRoom(h);
    await h.call('im_open_login_svc/account_import', { Identifier: 'alice' });
    h.engine.join(g, recordingSession('s-a', 'alice').ref);
    const viewer = recordingSession('s-v');
    h.engine.join(g, viewer.ref);
    const prio: MsgPriority[] = ['Lowest', 'Low', 'Normal', 'High'];
    const results = [];
    for (let i = 0; i < 200; i++) {
      results.push(await send(h, g, 's-a', 'alice', i, prio[i % 4]));
      h.time.advance(5);
    }
    expect(results.every((r) => r.ok)).toBe(true); // the sender always sees success
    h.time.advance(2000);
    const got = messages(viewer.events);
    const high = got.filter((m) => m.priority === 'High').length;
    const lowest = got.filter((m) => m.priority === 'Lowest').length;
    expect(got.length).toBeGreaterThanOrEqual(80);
    expect(got.length).toBeLessThanOrEqual(130);
    expect(high).toBe(50);
    expect(lowest).toBeLessThan(20);
    expect(h.engine.stats()).toMatchObject({ delivered: got.length, dropped: 200 - got.length });
  });
});

describe('profiles and login', () => {
  it('verifyLogin answers the verifier codes and registers the account', async () => {
    const h = await harness();
    expect(h.engine.verifyLogin('carol', '')).toMatchObject({ ok: false, code: 70002 });
    expect(h.engine.verifyLogin('carol', 'garbage')).toMatchObject({ ok: false, code: 70003 });
    expect(h.engine.verifyLogin('carol', h.sig('dave'))).toMatchObject({ ok: false, code: 70013 });
    const short = h.sig('carol', 5);
    h.time.advance(6000);
    expect(h.engine.verifyLogin('carol', short)).toMatchObject({ ok: false, code: 70001 });
    expect(h.engine.getProfiles(['carol'])).toEqual([]);
    expect(h.engine.verifyLogin('carol', h.sig('carol'))).toMatchObject({ ok: true });
    expect(h.engine.getProfiles(['carol', 'ghost'])).toEqual([{ userID: 'carol', nick: '', avatar: '', profileCustomField: [] }]);
  });

  it('updateProfile sets nick, avatar and custom tags, with Tencent codes for bad input', async () => {
    const h = await harness();
    h.engine.verifyLogin('carol', h.sig('carol'));
    const r = h.engine.updateProfile('carol', {
      nick: 'Carol',
      avatar: 'https://c/1.png',
      customFields: [{ key: 'Tag_Profile_Custom_Hobby', value: 'ski' }],
    });
    expect(r).toEqual({
      ok: true,
      value: { userID: 'carol', nick: 'Carol', avatar: 'https://c/1.png', profileCustomField: [{ key: 'Tag_Profile_Custom_Hobby', value: 'ski' }] },
    });
    // The level tag is the App admin's (portrait_set): a user cannot raise their own level.
    expect(h.engine.updateProfile('carol', { customFields: [{ key: 'Tag_Profile_Custom_Level', value: '3' }] })).toMatchObject({ ok: false, code: 40008 });
    expect(h.engine.updateProfile('carol', { nick: 'x'.repeat(501) })).toMatchObject({ ok: false, code: 40601 });
    expect(h.engine.updateProfile('carol', { customFields: [{ key: 'Level', value: '1' }] })).toMatchObject({ ok: false, code: 40009 });
    expect(h.engine.updateProfile('ghost', { nick: 'x' })).toMatchObject({ ok: false, code: 40003 });
  });

  it('getGroupProfile returns custom fields only when named in the filter (SDK behaviour)', async () => {
    const h = await harness();
    await h.call('group_open_http_svc/create_group', {
      Type: 'AVChatRoom',
      Name: 'R',
      GroupId: 'g',
      Notification: 'hi',
      AppDefinedData: [
        { Key: 'room_status', Value: '1' },
        { Key: 'add_goods', Value: '[]' },
      ],
    });
    const all = h.engine.getGroupProfile('g');
    expect(all).toMatchObject({ ok: true, value: { groupID: 'g', name: 'R', notification: 'hi', type: 'AVChatRoom', joinOption: 'FreeAccess', groupCustomField: [] } });
    expect(h.engine.getGroupProfile('g', ['room_status'])).toMatchObject({ ok: true, value: { groupCustomField: [{ key: 'room_status', value: '1' }] } });
  });
});

describe('state', () => {
  it('persists accounts, groups, custom fields and mutes across a restart', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const time = new ManualTime();
    const a = await startHarness(tmp.dir, {}, time);
    await a.call('im_open_login_svc/account_import', { Identifier: 'alice', Nick: 'Alice' });
    await a.call('group_open_http_svc/create_group', {
      Type: 'AVChatRoom',
      Name: 'Persisted',
      GroupId: 'keep',
      AppDefinedData: [{ Key: 'room_status', Value: '1' }],
    });
    await a.call('group_open_http_svc/forbid_send_msg', { GroupId: 'keep', Members_Account: ['alice'], ShutUpTime: 3600 });
    await a.call('profile/portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_Custom_Level', Value: '7' }] });
    await a.close();

    const b = await startHarness(tmp.dir, {}, time);
    cleanups.push(() => b.close());
    const info = await b.call('group_open_http_svc/get_group_info', { GroupIdList: ['keep'] });
    expect(info.GroupInfo).toEqual([expect.objectContaining({ Name: 'Persisted', AppDefinedData: [{ Key: 'room_status', Value: '1' }] })]);
    expect(b.engine.getProfiles(['alice', ADMIN]).map((p) => [p.userID, p.nick, p.profileCustomField])).toEqual([
      ['alice', 'Alice', [{ key: 'Tag_Profile_Custom_Level', value: '7' }]],
      [ADMIN, '', []],
    ]);
    b.engine.join('keep', recordingSession('s', 'alice').ref);
    expect(await send(b, 'keep', 's', 'alice', 1)).toMatchObject({ ok: false, code: IM_ERR.SENDER_MUTED });
  });

  it('writes are debounced and flushed on dispose; an unreadable file is moved aside', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const file = path.join(tmp.dir, 'im-state.json');
    const time = new ManualTime();
    const h = await startHarness(tmp.dir, {}, time);
    await h.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'R', GroupId: 'g' });
    time.advance(250);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).groups).toHaveLength(1);
    await h.close();

    fs.writeFileSync(file, '{not json');
    const again = await startHarness(tmp.dir, {}, time);
    cleanups.push(() => again.close());
    expect((await again.call('group_open_http_svc/get_group_info', { GroupIdList: ['g'] })).GroupInfo).toEqual([
      expect.objectContaining({ ErrorCode: IM_ERR.GROUP_NOT_FOUND }),
    ]);
    expect(fs.readdirSync(tmp.dir).some((f) => f.startsWith('im-state.json.invalid-'))).toBe(true);
  });

  it('two engines coexist in one process without sharing state', async () => {
    const one = await harness();
    const two = await harness();
    await withRoom(one, 'only-in-one');
    expect(one.engine.onlineCount('only-in-one')).toEqual({ ok: true, value: 0 });
    expect(two.engine.onlineCount('only-in-one')).toMatchObject({ ok: false, code: IM_ERR.GROUP_NOT_FOUND });
  });
});
