// The live room's Node side: resolves where the room lives (the embedded studio or Tencent Cloud,
// from settings), issues the console's UserSig (the SecretKey never reaches the renderer), runs
// admin actions through the one IM REST client, and keeps the console's room state per room so a
// restart mid-show restores counters, the launched product and the feed tail.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { encodeFieldValue, FIELD_ADD_GOODS, FIELD_GIFT_CATALOG, FIELD_ROOM_STATUS, type Gift, type LaunchedProduct, type RoomStatus } from '../../shared/domain/liveCommerce';
import { genUserSig } from '../../shared/domain/userSig';
import { encodePaidBy } from '../../shared/domain/room';
import type { AdminAck, RoomRole, RoomSession } from '../../shared/roomContract';
import type { SecretStore } from '../../shared/secrets';
import { restBaseUrl } from '../../shared/tencent/regions';
import type { ImRestCommand, ImRestRequest } from '../../shared/tencent/restSchemas';
import { readFileIfExists, writeFileAtomic } from '../atomicFile';
import { CachedUserSig, ImRestClient, ImRestError } from '../imRest/imRestClient';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settingsStore';
import type { StudioSupervisor } from '../studioSupervisor';

export const MAX_STATE_BYTES = 2 * 1024 * 1024;

interface Target {
  mode: 'studio' | 'tencent';
  sdkAppId: number;
  adminIdentifier: string;
  secretKey: string;
  restBaseUrl: string;
  realtimeUrl: string | null;
  viewerUrl: string | null;
  defaultGroupId: string;
}

export interface RoomServiceDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  studio: StudioSupervisor | undefined;
  crypto: CryptoPort;
  clock: Clock;
  log: Logger;
  dataDir: string;
  fetch?: typeof fetch;
  /** Checks operator texts against the room's word lists before publishing (throws to block). */
  preflight?: (text: string, what: string) => Promise<void>;
}

export class RoomService {
  private client: { key: string; client: ImRestClient } | undefined;

  constructor(private readonly d: RoomServiceDeps) {}

  async session(role: RoomRole): Promise<RoomSession> {
    const t = await this.target();
    const { room } = this.d.settings.get().settings;
    // Host and assistant are separate UserIDs: one login per UserID is allowed at a time.
    const userId = role === 'host' ? room.hostUserId : `${room.hostUserId}_assistant`.slice(0, 32);
    const nowSeconds = Math.floor(this.d.clock.now() / 1000);
    const expireSeconds = 86400;
    return {
      mode: t.mode,
      sdkAppId: t.sdkAppId,
      realtimeUrl: t.realtimeUrl,
      groupId: this.groupId(t),
      userId,
      userSig: genUserSig(this.d.crypto, { sdkAppId: t.sdkAppId, secretKey: t.secretKey, identifier: userId, expireSeconds, nowSeconds }),
      userSigExpiresAt: nowSeconds + expireSeconds,
      adminIdentifier: t.adminIdentifier,
      viewerUrl: t.viewerUrl,
    };
  }

  async launchProduct(product: LaunchedProduct): Promise<AdminAck> {
    await this.d.preflight?.(product.title, 'product title');
    return this.setField('launchProduct', FIELD_ADD_GOODS, encodeField(product));
  }

  unpinProduct(): Promise<AdminAck> {
    // `Value: ""` deletes the key (reference §2.6): viewers see the card disappear.
    return this.setField('unpinProduct', FIELD_ADD_GOODS, '');
  }

  setStatus(status: RoomStatus): Promise<AdminAck> {
    return this.setField('setStatus', FIELD_ROOM_STATUS, status);
  }

  launchGifts(gifts: Gift[]): Promise<AdminAck> {
    return this.setField('launchGifts', FIELD_GIFT_CATALOG, encodeField(gifts));
  }

  async announce(text: string): Promise<AdminAck> {
    await this.d.preflight?.(text, 'announcement');
    return this.admin('announce', 'group_open_http_svc/modify_group_base_info', (groupId) => ({ GroupId: groupId, Notification: text }));
  }

  mute(userId: string, minutes: number): Promise<AdminAck> {
    return this.admin('mute', 'group_open_http_svc/forbid_send_msg', (groupId) => ({
      GroupId: groupId,
      Members_Account: [userId],
      ShutUpTime: minutes * 60,
    }));
  }

  /** A paid gift or purchase announced by the backend account: High priority, verified revenue. */
  announceVerified(a: { kind: 'gift' | 'purchase'; userId: string; nick: string; itemId: string; name: string; value: number; count: number }): Promise<AdminAck> {
    const [data, ext] =
      a.kind === 'gift'
        ? ['SEND_GIFT', { giftId: a.itemId, name: a.name, value: a.value, count: a.count }]
        : ['BUY_GOODS', { id: a.itemId, title: a.name, price: a.value, quantity: a.count }];
    return this.admin('announceVerified', 'group_open_http_svc/send_group_msg', (groupId) => ({
      GroupId: groupId,
      Random: Math.floor(Math.random() * 0x100000000) >>> 0,
      MsgPriority: 'High',
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: data, Desc: '', Ext: JSON.stringify(ext) } }],
      // Ext keeps im-live-sells' shape; who paid rides in CloudCustomData (src/shared/domain/room).
      CloudCustomData: encodePaidBy({ userId: a.userId, ...(a.nick ? { nick: a.nick } : {}) }),
    }));
  }

  async onlineCount(): Promise<{ count: number }> {
    const t = await this.target();
    const r = await this.rest(t).call('group_open_http_svc/get_online_member_num', { GroupId: this.groupId(t) }).catch(rethrow);
    return { count: r.OnlineMemberNum ?? 0 };
  }

  saveState(groupId: string, state: unknown): void {
    const json = JSON.stringify(state);
    if (json.length > MAX_STATE_BYTES) throw new AppError('BAD_REQUEST', `Room state is larger than ${MAX_STATE_BYTES} bytes`);
    writeFileAtomic(this.stateFile(groupId), json);
  }

  loadState(groupId: string): { state: unknown } {
    const text = readFileIfExists(this.stateFile(groupId));
    if (text === undefined) return { state: null };
    try {
      return { state: JSON.parse(text) as unknown };
    } catch {
      this.d.log.warn({ groupId }, 'room state file is corrupt; starting fresh');
      fs.renameSync(this.stateFile(groupId), this.stateFile(groupId) + '.corrupt');
      return { state: null };
    }
  }

  private stateFile(groupId: string): string {
    const safe = groupId.replace(/[^A-Za-z0-9_.-]/g, '_') || '_default';
    return path.join(this.d.dataDir, 'rooms', `${safe}.json`);
  }

  private groupId(t: Target): string {
    return this.d.settings.get().settings.room.groupId || t.defaultGroupId;
  }

  private setField(action: string, key: string, value: string): Promise<AdminAck> {
    return this.admin(action, 'group_open_http_svc/modify_group_base_info', (groupId) => ({
      GroupId: groupId,
      AppDefinedData: [{ Key: key, Value: value }],
    }));
  }

  private async admin<C extends ImRestCommand>(action: string, command: C, body: (groupId: string) => ImRestRequest<C>): Promise<AdminAck> {
    const t = await this.target();
    const groupId = this.groupId(t);
    await this.rest(t).call(command, body(groupId)).catch(rethrow);
    this.d.log.info({ action, groupId }, 'room admin action');
    return { action, at: this.d.clock.now(), groupId };
  }

  private rest(t: Target): ImRestClient {
    const key = `${t.restBaseUrl}|${t.sdkAppId}|${t.adminIdentifier}|${t.secretKey.length}:${t.secretKey.slice(-4)}`;
    if (this.client?.key === key) return this.client.client;
    const sig = new CachedUserSig(async () => {
      const nowSeconds = Math.floor(this.d.clock.now() / 1000);
      const expireSeconds = 86400;
      return {
        userSig: genUserSig(this.d.crypto, { sdkAppId: t.sdkAppId, secretKey: t.secretKey, identifier: t.adminIdentifier, expireSeconds, nowSeconds }),
        expiresAt: nowSeconds + expireSeconds,
      };
    });
    const client = new ImRestClient({
      baseUrl: t.restBaseUrl,
      sdkAppId: t.sdkAppId,
      adminIdentifier: t.adminIdentifier,
      userSig: sig,
      log: this.d.log,
      ...(this.d.fetch ? { fetch: this.d.fetch } : {}),
    });
    this.client = { key, client };
    return client;
  }

  /** Where the room lives right now: the running studio, or Tencent from settings + secrets. */
  private async target(): Promise<Target> {
    const s = this.d.settings.get().settings;
    if (s.mode === 'studio') {
      const status = this.d.studio?.get();
      const creds = this.d.studio?.credentials();
      if (!status?.info || status.state !== 'running' || !creds) {
        throw new AppError('ROOM_NOT_READY', `The local studio is not running (${status?.state ?? 'not managed here'})`);
      }
      return {
        mode: 'studio',
        sdkAppId: status.info.sdkAppId,
        adminIdentifier: status.info.adminIdentifier,
        secretKey: creds.secretKey,
        restBaseUrl: status.info.restBaseUrl,
        realtimeUrl: status.info.realtimeUrl,
        viewerUrl: status.info.viewerUrl,
        defaultGroupId: status.info.demoRoomId,
      };
    }
    if (!s.im.sdkAppId) throw new AppError('ROOM_NOT_READY', 'Set the SDKAppID in Settings first');
    const secretKey = await this.d.secrets.get('im.secretKey');
    if (!secretKey) throw new AppError('SECRET_MISSING', 'Set the IM SecretKey in Settings first');
    if (!s.room.groupId) throw new AppError('ROOM_NOT_READY', 'Set the room (group ID) in Settings first');
    return {
      mode: 'tencent',
      sdkAppId: s.im.sdkAppId,
      adminIdentifier: s.im.adminIdentifier,
      secretKey,
      restBaseUrl: restBaseUrl({ restDomain: s.im.restDomain, region: s.im.region, sdkAppId: s.im.sdkAppId }),
      realtimeUrl: null,
      viewerUrl: null,
      defaultGroupId: s.room.groupId,
    };
  }
}

function encodeField(value: unknown): string {
  try {
    return encodeFieldValue(value);
  } catch (e) {
    throw new AppError('BAD_REQUEST', `${(e as Error).message}: shorten the title or drop the image/link`);
  }
}

function rethrow(e: unknown): never {
  if (e instanceof ImRestError) {
    throw new AppError('IM_REST_FAILED', `${e.errorCode} ${e.errorInfo}`, { errorCode: e.errorCode, errorInfo: e.errorInfo, command: e.command });
  }
  throw e;
}
