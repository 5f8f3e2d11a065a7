// Test helpers for the callbacks service: a service on a temporary SQLite store with a recording
// level sink, and Tencent-shaped callback requests (the sample bodies of Tencent's callback pages).
import path from 'node:path';
import { tempDir } from '../../test/support/tempDir';
import { silentLogger } from '../node/infra/logger';
import { nodeCrypto } from '../node/infra/nodeCrypto';
import { buildCallbacksApp } from './app';
import { CallbacksService } from './callbacksService';
import { type FailMode } from './protocol';
import { SqliteLevelStore } from './store/sqliteStore';

export const SDKAPPID = 1400000001;
export const ADMIN = 'administrator';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export async function makeKit(o: { token?: string; failMode?: FailMode; now?: () => number } = {}) {
  const dir = tempDir('stageside-cb-');
  const store = new SqliteLevelStore(path.join(dir.dir, 'cb.sqlite'));
  const published: Array<[string, number]> = [];
  const log = silentLogger();
  const service = new CallbacksService({
    store,
    sdkAppId: SDKAPPID,
    adminIdentifier: ADMIN,
    ...(o.token ? { token: o.token } : { insecureNoToken: true }),
    failMode: o.failMode ?? 'open',
    crypto: nodeCrypto,
    log,
    publish: (a, l) => published.push([a, l]),
    ...(o.now ? { now: o.now } : {}),
  });
  await service.init();
  const app = buildCallbacksApp({ service, failMode: o.failMode ?? 'open', log, adminToken: ADMIN_TOKEN });
  return {
    app,
    service,
    store,
    published,
    async close() {
      await app.close();
      await service.drain();
      await store.close();
      dir.cleanup();
    },
  };
}

export function callbackQuery(command: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ SdkAppid: String(SDKAPPID), CallbackCommand: command, contenttype: 'json', ClientIP: '1.2.3.4', OptPlatform: 'Web', ...extra }).toString();
}

export const beforeSendBody = (text: string, extra: Record<string, unknown> = {}) => ({
  CallbackCommand: 'Group.CallbackBeforeSendMsg',
  GroupId: 'live_20240501_001',
  Type: 'AVChatRoom',
  From_Account: 'viewer_9',
  Operator_Account: 'viewer_9',
  Random: 123456,
  OnlineOnlyFlag: 0,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
  CloudCustomData: '',
  EventTime: 1714500300123,
  ...extra,
});

export const afterSendBody = (extra: Record<string, unknown> = {}) => ({
  CallbackCommand: 'Group.CallbackAfterSendMsg',
  GroupId: 'live_20240501_001',
  Type: 'AVChatRoom',
  From_Account: 'viewer_9',
  Operator_Account: 'viewer_9',
  Random: 123456,
  MsgSeq: 123,
  MsgTime: 1490686222,
  OnlineOnlyFlag: 0,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
  CloudCustomData: '',
  EventTime: 1714500300456,
  ...extra,
});

export const joinBody = (account = 'viewer_9', at = 1714500300789) => ({
  CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
  GroupId: 'live_20240501_001',
  Type: 'AVChatRoom',
  JoinType: 'Apply',
  Operator_Account: account,
  NewMemberList: [{ Member_Account: account }],
  EventTime: at,
});

export const exitBody = (account = 'viewer_9', at = 1714500309000) => ({
  CallbackCommand: 'Group.CallbackAfterMemberExit',
  GroupId: 'live_20240501_001',
  Type: 'AVChatRoom',
  ExitType: 'Quit',
  Operator_Account: account,
  ExitMemberList: [{ Member_Account: account }],
  EventTime: at,
});
