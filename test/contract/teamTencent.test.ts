// The team console in Tencent mode, against a capture server standing in for Tencent's REST host:
// each operator's console signs in with its own account (the host's UserID; invited operators'
// `<host>_<id>` accounts are imported on first use with their name as Nick, and their UserSigs are
// for that account), every admin action reaches Tencent as the admin with the journal naming the
// operator who asked, a moderator's launch is refused before any request leaves, and a launch over
// someone else's fresh one is a CONFLICT until confirmed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/node/infra/fileSecretStore';
import { silentLogger } from '../../src/node/infra/logger';
import { nodeCrypto } from '../../src/node/infra/nodeCrypto';
import { captureServer, closeAll, type Captured } from '../../src/node/imRest/imRestClient.testkit';
import { createNodeServices, type NodeServices } from '../../src/node/services';
import type { CommandName, CommandRequest, CommandResult } from '../../src/shared/contract';
import { verifyUserSig } from '../../src/shared/domain/userSig';
import type { Result } from '../../src/shared/errors';
import type { Operator } from '../../src/shared/teamContract';
import { tempDir } from '../support/tempDir';

const SECRET = 'a'.repeat(64);
const SDKAPPID = 1400000000;
const host: Operator = { id: 'host', name: 'Host', role: 'host' };
const ann: Operator = { id: 'a1', name: 'Ann', role: 'assistant' };
const mia: Operator = { id: 'a2', name: 'Mia', role: 'moderator' };
const product = (id: string) => ({ id, title: `Product ${id}`, price: 1990, currency: 'CNY' });

describe('team console in Tencent mode (captured REST)', () => {
  let services: NodeServices;
  let tmp: ReturnType<typeof tempDir>;
  let captured: Captured[];

  const call = <K extends CommandName>(as: Operator, name: K, arg: CommandRequest<K>): Promise<Result<CommandResult<K>>> =>
    services.dispatcher(name, arg, { transport: 'web', operator: as, connectionId: `conn-${as.id}` }) as never;
  const value = async <K extends CommandName>(as: Operator, name: K, arg: CommandRequest<K>): Promise<CommandResult<K>> => {
    const r = await call(as, name, arg);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const commandsSent = () => captured.map((c) => c.path.replace('/v4/', ''));

  beforeAll(async () => {
    tmp = tempDir();
    const rest = await captureServer();
    captured = rest.captured;
    const redirect: typeof fetch = (input, init) => {
      const u = new URL(String(input));
      return u.pathname.startsWith('/v4/') ? fetch(rest.baseUrl + u.pathname + u.search, init) : fetch(input, init);
    };
    services = await createNodeServices({ dataDir: tmp.dir, transport: 'web', secrets: new FileSecretStore(tmp.dir), openFolder: async () => false, log: silentLogger(), fetch: redirect, invites: true });
    const s = services.settings.get().settings;
    await value(host, 'settings:save', { ...s, mode: 'tencent', im: { ...s.im, sdkAppId: SDKAPPID }, room: { groupId: 'live_team', hostUserId: 'anchor_1' } });
    await value(host, 'secrets:set', { name: 'im.secretKey', value: SECRET });
  });

  afterAll(async () => {
    await services?.dispose();
    await closeAll();
    tmp?.cleanup();
  });

  it('each operator signs in as their own account; invited ones are imported with their name as Nick', async () => {
    captured.length = 0;
    const sessions = await Promise.all([host, ann, mia].map((op) => value(op, 'room:getSession', {})));
    expect(sessions.map((s) => s.userId)).toEqual(['anchor_1', 'anchor_1_a1', 'anchor_1_a2']);
    for (const s of sessions) {
      expect(verifyUserSig(nodeCrypto, { sdkAppId: SDKAPPID, secretKey: SECRET, userSig: s.userSig, identifier: s.userId, nowSeconds: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: true });
    }
    expect(sessions[1]!.operator).toEqual(ann);
    const imports = captured.filter((c) => c.path.endsWith('/account_import')).map((c) => c.body);
    expect(imports).toEqual(expect.arrayContaining([{ UserID: 'anchor_1' }, { UserID: 'anchor_1_a1', Nick: 'Ann' }, { UserID: 'anchor_1_a2', Nick: 'Mia' }]));
    // Imported once per account (and name) per process.
    captured.length = 0;
    await value(ann, 'room:getSession', {});
    expect(commandsSent()).not.toContain('im_open_login_svc/account_import');
  });

  it("refuses a moderator's launch before any request leaves, naming the role it needs; their mute goes through", async () => {
    captured.length = 0;
    const r = await call(mia, 'room:launchProduct', { product: product('A1'), seen: '' });
    expect(!r.ok && r.error).toMatchObject({ code: 'FORBIDDEN_ROLE', details: { needed: 'assistant', role: 'moderator' } });
    expect(!r.ok && r.error.message).toMatch(/needs the Assistant role/);
    expect(captured).toHaveLength(0);
    await value(mia, 'room:mute', { userId: 'troll_1', minutes: 10 });
    expect(captured.map((c) => [c.path.replace('/v4/', ''), c.query.identifier?.[0]])).toEqual([['group_open_http_svc/forbid_send_msg', 'administrator']]);
    expect(captured[0]!.body).toMatchObject({ GroupId: 'live_team', Members_Account: ['troll_1'], ShutUpTime: 600 });
  });

  it('journals every action with the operator, the answer, and a conflict asks before replacing a fresh launch', async () => {
    captured.length = 0;
    const ack = await value(ann, 'room:launchProduct', { product: product('A3'), seen: '' });
    expect(ack.journalId).toBeGreaterThan(0);
    const conflict = await call(host, 'room:launchProduct', { product: product('A1'), seen: '' });
    expect(!conflict.ok && conflict.error).toMatchObject({ code: 'CONFLICT', details: { productId: 'A3', by: 'Ann', role: 'assistant' } });
    expect(!conflict.ok && conflict.error.message).toMatch(/^Product A3 was launched by Ann \d s ago$/);
    await value(host, 'room:launchProduct', { product: product('A1'), seen: '', force: true });
    await value(host, 'room:announce', { text: 'Free shipping tonight' });
    expect(commandsSent()).toEqual(['group_open_http_svc/modify_group_base_info', 'group_open_http_svc/modify_group_base_info', 'group_open_http_svc/modify_group_base_info']);
    const journal = await value(host, 'team:journal', {});
    expect(journal.map((e) => [e.operatorName, e.role, e.kind, e.outcome])).toEqual([
      ['Mia', 'moderator', 'mute', 'ok'],
      ['Ann', 'assistant', 'launch', 'ok'],
      ['Host', 'host', 'launch', 'ok'],
      ['Host', 'host', 'announce', 'ok'],
    ]);
    expect(journal[1]!.answer).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const state = await value(mia, 'team:state', {});
    expect(state).toMatchObject({ show: 'live_team', product: { value: { id: 'A1' }, by: { name: 'Host' } }, announcement: { value: 'Free shipping tonight', by: { name: 'Host' } } });
    // The feeding session (the host's, once it holds its login) acknowledges what it saw.
    await value(host, 'team:claimSession', {});
    expect(await value(host, 'team:feed', { seen: [{ key: 'product:A1' }, { key: 'announcement:Free shipping tonight' }] })).toEqual({ acknowledged: 2 });
    const acked = await value(host, 'team:journal', { operatorId: 'host' });
    expect(acked.every((e) => e.ackAt !== null && e.ackAt >= e.at)).toBe(true);
  });

  it('assistants and moderators cannot invite or read secrets; the host can', async () => {
    expect((await call(ann, 'team:invite', { name: 'Zed', role: 'assistant' })) as { error: { code: string } }).toMatchObject({ error: { code: 'FORBIDDEN_ROLE' } });
    expect((await call(ann, 'secrets:list', {})).ok).toBe(false);
    const inv = await value(host, 'team:invite', { name: 'Zed', role: 'assistant' });
    expect(inv.link).toMatch(/^\/\?invite=a1\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(inv.invite).toMatchObject({ name: 'Zed', userId: 'anchor_1_a1' });
  });
});
