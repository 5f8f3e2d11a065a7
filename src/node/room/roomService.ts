// The live room's Node side: resolves where the room lives (the embedded studio or Tencent Cloud,
// from settings), issues the console's UserSig (the SecretKey never reaches the renderer), runs
// admin actions through the one IM REST client, and keeps the console's room state per room so a
// restart mid-show restores counters, the launched product and the feed tail.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import type { Gift, LaunchedProduct, RoomStatus } from '../../shared/domain/liveCommerce';
import type { ConnectionReport, RoomInfo, RoomRole, RoomSession, RoomUrls } from '../../shared/roomContract';
import type { PushUrlPreview } from '../../shared/contract';
import { HOST_OPERATOR_ID, type Operator } from '../../shared/teamContract';
import { HOST_USER_ID_MAX, type Settings } from '../../shared/settings';
import type { BroadcastTarget } from '../../shared/domain/broadcast/spec';
import type { SecretStore } from '../../shared/secrets';
import { readFileIfExists, writeFileAtomic } from '../infra/atomicFile';
import { CachedUserSig, ImRestClient, ImRestError } from '../imRest/imRestClient';
import type { Logger } from '../infra/logger';
import type { SettingsStore } from '../infra/settingsStore';
import type { StudioSupervisor } from '../studio/studioSupervisor';
import { testConnection, type CheckOutcome } from './connectionChecks';
import { createRoomBody, RoomAdmin, type AdminResult, type VerifiedSend } from './roomAdmin';
import { resolveTarget, type Target } from './roomTarget';
import { maskPush, playUrls, resolvePush, streamNameOf, type UrlDeps } from './roomUrls';

export const MAX_STATE_BYTES = 2 * 1024 * 1024;

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
  /** Electron: main writes the clipboard itself, so the push URL never crosses to the renderer. */
  copyToClipboard?: (text: string) => Promise<boolean>;
  /** Reaches the callbacks service; returns a detail line, or `{skip}` when none is configured. */
  probeCallbacks?: () => Promise<CheckOutcome>;
  /** Persists changed settings and tells every window (room:create / room:use pick the room). */
  saveSettings?: (next: Settings) => void;
}

export class RoomService {
  private client: { key: string; client: ImRestClient } | undefined;
  /** Accounts already imported (account_import is idempotent; once per process is enough). */
  private readonly imported = new Set<string>();

  constructor(private readonly d: RoomServiceDeps) {}

  /**
   * The IM login of a console. With an operator (every console since the team console): the host
   * signs in as the host's UserID, each invited operator as `<host>_<operator id>`, imported on first
   * use with the operator's name as Nick, so viewers see who speaks and no two consoles share an
   * account. Without one (older callers): the host or the one shared `<host>_assistant`.
   */
  async session(role: RoomRole, operator?: Operator): Promise<RoomSession> {
    const t = await this.target();
    const groupId = this.groupId(t);
    const { room } = this.d.settings.get().settings;
    const userId = operator ? this.userIdOf(operator) : role === 'host' ? room.hostUserId : assistantOf(room.hostUserId);
    // An account must exist before it can log in (account_import); the host owns rooms it creates.
    await this.ensureAccounts(t, [userId], operator && operator.id !== HOST_OPERATOR_ID ? operator.name : undefined);
    const sig = await t.issuer.issue(userId, 86400);
    return {
      mode: t.mode,
      sdkAppId: t.sdkAppId,
      realtimeUrl: t.realtimeUrl,
      groupId,
      userId,
      userSig: sig.userSig,
      userSigExpiresAt: sig.expiresAt,
      adminIdentifier: t.adminIdentifier,
      viewerUrl: t.viewerUrl ? viewerPageFor(t.viewerUrl, groupId) : null,
      ...(operator ? { operator } : {}),
    };
  }

  /** The account an operator's console signs in with (see `session`). */
  userIdOf(operator: Operator): string {
    const host = this.d.settings.get().settings.room.hostUserId;
    return operator.id === HOST_OPERATOR_ID ? host : operatorUserId(host, operator.id);
  }

  /** The room in settings, or '' when none is chosen yet (the journal's show). */
  currentGroupId(): string {
    const s = this.d.settings.get().settings;
    return s.room.groupId || (s.mode === 'studio' ? (this.d.studio?.get().info?.demoRoomId ?? '') : '');
  }

  /** Creates an AVChatRoom owned by the console's host account and makes it the room in settings. */
  async create(r: { groupId: string; name: string; notification: string }): Promise<RoomInfo> {
    const t = await this.target();
    const { room } = this.d.settings.get().settings;
    await this.ensureAccounts(t, [room.hostUserId, assistantOf(room.hostUserId)]);
    const created = await this.rest(t)
      .call('group_open_http_svc/create_group', createRoomBody({ ...r, owner: room.hostUserId }))
      .catch(async (e: unknown) => {
        // 10025 "already used by you": a retry after a lost answer lands here when the first try
        // created it. The same name and the host as owner mean it is this room: carry on with it.
        if (e instanceof ImRestError && e.errorCode === 10025 && r.groupId) {
          const existing = await this.readInfo(t, r.groupId).catch(() => undefined);
          if (existing && existing.hostIsOwner && existing.name === r.name) return { GroupId: r.groupId };
        }
        return rethrow(e);
      });
    const groupId = created.GroupId ?? r.groupId;
    this.d.log.info({ groupId, mode: t.mode }, 'room created');
    this.pickRoom(groupId);
    return this.info();
  }

  /** Makes an existing AVChatRoom the room in settings, after checking it exists. */
  async use(groupId: string): Promise<RoomInfo> {
    const t = await this.target();
    const info = await this.readInfo(t, groupId);
    if (info.type !== 'AVChatRoom') {
      throw new AppError('BAD_REQUEST', `Group ${groupId} is a ${info.type || 'non-live'} group; a live room must be an AVChatRoom`);
    }
    this.pickRoom(groupId);
    return info;
  }

  async info(): Promise<RoomInfo> {
    const t = await this.target();
    return this.readInfo(t, this.groupId(t));
  }

  async urls(): Promise<RoomUrls> {
    const t = await this.target();
    const groupId = this.groupId(t);
    const d = this.urlDeps();
    let push: RoomUrls['push'] = null;
    let pushProblem: string | null = null;
    try {
      const p = await resolvePush(d, groupId);
      push = { target: p.target, ...maskPush(p), obsServer: p.obsServer, expiresAt: p.expiresAt };
    } catch (e) {
      pushProblem = (e as Error).message;
    }
    return {
      mode: t.mode,
      streamName: streamNameOf(d.settings, groupId),
      ...(await playUrls(d, groupId)),
      push,
      pushProblem,
      viewerPage: t.viewerUrl ? viewerPageFor(t.viewerUrl, groupId) : null,
    };
  }

  /** The room's FLV play URL (signed when LVB has a play key), for the console's delay probe; never sent to the renderer. */
  async playFlvUrl(): Promise<{ url: string } | { url: null; problem: string }> {
    const t = await this.target();
    const p = await playUrls(this.urlDeps(), this.groupId(t));
    return p.play?.flv ? { url: p.play.flv } : { url: null, problem: p.playProblem ?? 'no FLV play URL' };
  }

  /** The studio ingest's push URL for the room, masked: what Settings' push URL preview shows in studio mode. */
  async studioPushPreview(): Promise<PushUrlPreview> {
    const t = await this.target();
    const p = await resolvePush(this.urlDeps(), this.groupId(t));
    return { maskedUrl: maskPush(p).maskedUrl, expiresAt: p.expiresAt ?? 0 };
  }

  /** Go Live targets resolved here so their keys stay in main (broadcast:start). */
  async pushTarget(kind: 'studio' | 'savedServer' | 'lvbStreamName'): Promise<BroadcastTarget | string> {
    const t = await this.target();
    const groupId = this.groupId(t);
    if (kind === 'lvbStreamName') return streamNameOf(this.d.settings.get().settings, groupId);
    if (kind === 'studio' && t.mode !== 'studio') throw new AppError('ROOM_NOT_READY', 'The local studio is not running in Tencent mode');
    const p = await resolvePush(this.urlDeps(), groupId, kind === 'savedServer' ? 'rtmp' : undefined);
    return p.target === 'rtmp' ? { kind: 'server', server: p.obsServer, key: p.streamKey } : { kind: 'url', url: p.url };
  }

  /** The real push URL (or its stream key) to the clipboard; web mode gets it back to copy itself. */
  async copyPushUrl(part: 'url' | 'streamKey'): Promise<{ copied: boolean; text?: string }> {
    const t = await this.target();
    const p = await resolvePush(this.urlDeps(), this.groupId(t));
    const text = part === 'url' ? p.url : p.streamKey;
    if (this.d.copyToClipboard && (await this.d.copyToClipboard(text))) {
      this.d.log.info({ part, target: p.target }, 'push URL copied');
      return { copied: true };
    }
    // A signed LVB/studio URL is derived and expires; a plain RTMP stream key is the stored secret
    // itself, and secrets never travel to a browser.
    if (p.target === 'rtmp') {
      throw new AppError('NOT_SUPPORTED', 'The RTMP stream key is a stored secret and is never sent to a browser: copy it from the desktop app, or from where you got it');
    }
    this.d.log.info({ part, target: p.target }, 'push URL handed to the browser to copy');
    return { copied: false, text };
  }

  /** Everything that can be checked without going live, each reported (docs/tencent-setup.md). */
  testConnection(): Promise<ConnectionReport> {
    return testConnection({
      settings: this.d.settings.get().settings,
      clock: this.d.clock,
      target: () => this.target(),
      pingRest: (t, groupId) => this.rest(t).call('group_open_http_svc/get_group_info', { GroupIdList: [groupId] }).catch(rethrow),
      readInfo: (t, groupId) => this.readInfo(t, groupId),
      urlDeps: () => this.urlDeps(),
      streamKnown: (groupId) => this.streamKnown(groupId),
      ...(this.d.probeCallbacks ? { probeCallbacks: this.d.probeCallbacks } : {}),
    });
  }

  /** Push/play URLs need a stream: the LVB stream name, or one derived from the room. */
  private streamKnown(groupId: string): boolean {
    const s = this.d.settings.get().settings;
    return Boolean(groupId || (s.mode === 'studio' ? this.d.studio?.get().info?.demoRoomId : s.lvb.streamName));
  }

  private urlDeps(): UrlDeps {
    const status = this.d.studio?.get();
    const creds = this.d.studio?.credentials();
    const studio =
      status?.state === 'running' && status.info?.rtmpIngestUrl && creds
        ? { rtmpIngestUrl: status.info.rtmpIngestUrl, pushKey: creds.pushKey, playBaseUrl: status.info.playBaseUrl }
        : undefined;
    return { settings: this.d.settings.get().settings, secrets: this.d.secrets, studio, crypto: this.d.crypto, clock: this.d.clock };
  }

  launchProduct(product: LaunchedProduct): Promise<AdminResult> {
    return this.admin((a) => a.launchProduct(product));
  }

  unpinProduct(): Promise<AdminResult> {
    return this.admin((a) => a.unpinProduct());
  }

  setStatus(status: RoomStatus): Promise<AdminResult> {
    return this.admin((a) => a.setStatus(status));
  }

  launchGifts(gifts: Gift[]): Promise<AdminResult> {
    return this.admin((a) => a.launchGifts(gifts));
  }

  announce(text: string): Promise<AdminResult> {
    return this.admin((a) => a.announce(text));
  }

  mute(userId: string, minutes: number): Promise<AdminResult> {
    return this.admin((a) => a.mute(userId, minutes));
  }

  announceVerified(v: VerifiedSend): Promise<AdminResult> {
    return this.admin((a) => a.announceVerified(v));
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
    const id = this.d.settings.get().settings.room.groupId || t.defaultGroupId;
    if (!id) throw new AppError('ROOM_NOT_READY', 'Choose the room first: create one or use an existing group (Room management)');
    return id;
  }

  private pickRoom(groupId: string): void {
    const s = this.d.settings.get().settings;
    if (s.room.groupId === groupId) return;
    const next = { ...s, room: { ...s.room, groupId } };
    if (this.d.saveSettings) this.d.saveSettings(next);
    else this.d.settings.save(next);
  }

  private async ensureAccounts(t: Target, userIds: string[], nick?: string): Promise<void> {
    for (const userId of userIds) {
      const key = `${t.restBaseUrl}|${t.sdkAppId}|${userId}|${nick ?? ''}`;
      if (this.imported.has(key)) continue;
      // A re-import with a Nick updates it: a renamed operator is seen under the new name.
      await this.rest(t).call('im_open_login_svc/account_import', { UserID: userId, ...(nick ? { Nick: nick } : {}) }).catch(rethrow);
      this.imported.add(key);
    }
  }

  private async readInfo(t: Target, groupId: string): Promise<RoomInfo> {
    const res = await this.rest(t).call('group_open_http_svc/get_group_info', { GroupIdList: [groupId] }).catch(rethrow);
    const g = res.GroupInfo?.find((e) => e.GroupId === groupId) ?? res.GroupInfo?.[0];
    if (!g) throw new AppError('IM_REST_FAILED', `get_group_info returned nothing for ${groupId}`);
    if (g.ErrorCode !== 0) {
      const hint = g.ErrorCode === 10010 || g.ErrorCode === 10015 ? ' (no such group: create it or check the ID)' : '';
      throw new AppError('IM_REST_FAILED', `${g.ErrorCode} ${g.ErrorInfo}${hint}`, { errorCode: g.ErrorCode, errorInfo: g.ErrorInfo, command: 'group_open_http_svc/get_group_info' });
    }
    let online: number | null = null;
    if (g.Type === 'AVChatRoom') {
      online = await this.rest(t)
        .call('group_open_http_svc/get_online_member_num', { GroupId: groupId })
        .then((r) => r.OnlineMemberNum ?? 0)
        .catch(() => null);
    }
    const owner = g.Owner_Account ?? '';
    return {
      groupId,
      type: g.Type ?? '',
      name: g.Name ?? '',
      owner,
      notification: g.Notification ?? '',
      createdAt: g.CreateTime ?? null,
      online,
      fields: Object.fromEntries((g.AppDefinedData ?? []).map((f) => [f.Key, f.Value])),
      hostIsOwner: owner !== '' && owner === this.d.settings.get().settings.room.hostUserId,
    };
  }

  /** Runs one admin action on the room in settings, through the shared RoomAdmin (promotions too). */
  async admin<T extends AdminResult>(action: (a: RoomAdmin) => Promise<T>): Promise<T> {
    const t = await this.target();
    const groupId = this.groupId(t);
    const client = this.rest(t);
    const a = new RoomAdmin(
      {
        call: (command, body) => client.call(command, body).catch(rethrow),
        clock: this.d.clock,
        ...(this.d.preflight ? { preflight: this.d.preflight } : {}),
        onDone: (name, group) => this.d.log.info({ action: name, groupId: group }, 'room admin action'),
      },
      groupId,
    );
    // Tencent's answer stays in main (the journal keeps it); handlers hand the console the ack only.
    return action(a);
  }

  private rest(t: Target): ImRestClient {
    const key = `${t.restBaseUrl}|${t.sdkAppId}|${t.adminIdentifier}|${t.issuerKey}`;
    if (this.client?.key === key) return this.client.client;
    const sig = new CachedUserSig(
      () => t.issuer.issue(t.adminIdentifier, 86400),
      () => Math.floor(this.d.clock.now() / 1000),
    );
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
  target(): Promise<Target> {
    return resolveTarget({
      settings: this.d.settings.get().settings,
      secrets: this.d.secrets,
      studio: this.d.studio,
      crypto: this.d.crypto,
      clock: this.d.clock,
      ...(this.d.fetch ? { fetch: this.d.fetch } : {}),
    });
  }
}

/** An invited operator's own UserID: `<host>_a7` stays within 32 bytes (the host's id is at most 22). */
export const operatorUserId = (hostUserId: string, operatorId: string): string => `${hostUserId.slice(0, HOST_USER_ID_MAX)}_${operatorId}`;

/** The assistant's own UserID (one login per UserID); never equal to the host's, even for long ids. */
export const assistantOf = (hostUserId: string): string => `${hostUserId.slice(0, HOST_USER_ID_MAX)}_assistant`;

/** The studio viewer page opened on a given room. */
export function viewerPageFor(viewerUrl: string, groupId: string): string {
  const u = new URL(viewerUrl);
  u.searchParams.set('room', groupId);
  return u.toString();
}


function rethrow(e: unknown): never {
  if (e instanceof ImRestError) {
    // Negative codes are ours (network, not JSON, unexpected shape), not Tencent's: no code shown.
    if (e.errorCode < 0) throw new AppError('IM_REST_FAILED', e.errorInfo, { errorInfo: e.errorInfo, command: e.command });
    throw new AppError('IM_REST_FAILED', `${e.errorCode} ${e.errorInfo}`, { errorCode: e.errorCode, errorInfo: e.errorInfo, command: e.command });
  }
  throw e;
}
