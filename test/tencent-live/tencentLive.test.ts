// The console against real Tencent Cloud (IM + LVB), through the same Node services and commands
// the app uses: create a room, launch a product, read it back, test the connection, push 10 s of
// test pattern, clean up. Runs only with credentials in the environment (`npm run test:tencent-live`):
//
//   TENCENT_SDKAPPID, TENCENT_SECRET_KEY         required (IM app)
//   TENCENT_IM_ADMIN                             App admin identifier (default administrator)
//   TENCENT_IM_REGION / TENCENT_IM_DOMAIN        region (auto|china|singapore|…) or REST host override
//   TENCENT_LVB_PUSH_DOMAIN, TENCENT_LVB_PUSH_KEY   the stream test (skipped without them)
//   TENCENT_LVB_PLAY_DOMAIN, TENCENT_LVB_PLAY_KEY   optional: ffprobe the FLV play URL
//   TENCENT_LVB_APP                              AppName (default live)
//
// Without the two required variables every test is reported as skipped and the reason is printed.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locateFfmpeg, locateFfprobe } from '../../src/node/broadcast/ffmpegLocator';
import { FileSecretStore } from '../../src/node/infra/fileSecretStore';
import { CachedUserSig, ImRestClient, ImRestError } from '../../src/node/imRest/imRestClient';
import { silentLogger } from '../../src/node/infra/logger';
import { nodeCrypto } from '../../src/node/infra/nodeCrypto';
import { createNodeServices, type NodeServices } from '../../src/node/services';
import type { CommandName, CommandRequest, CommandResult } from '../../src/shared/contract';
import type { StreamSnapshot } from '../../src/shared/domain/broadcast';
import { decodeGiftCatalog, decodeProduct, type Gift, type LaunchedProduct } from '../../src/shared/domain/liveCommerce';
import { genUserSig } from '../../src/shared/domain/userSig';
import type { Result } from '../../src/shared/errors';
import type { ConnectionCheckId, RoomInfo } from '../../src/shared/roomContract';
import { defaultSettings, IM_REGIONS, type ImRegion, type Settings } from '../../src/shared/settings';
import { restBaseUrl } from '../../src/shared/tencent/regions';
import { tempDir } from '../support/tempDir';

// ── Environment ────────────────────────────────────────────────────────────────────────────

const env = process.env;
const REQUIRED = ['TENCENT_SDKAPPID', 'TENCENT_SECRET_KEY'] as const;
const LVB_REQUIRED = ['TENCENT_LVB_PUSH_DOMAIN', 'TENCENT_LVB_PUSH_KEY'] as const;
const missing = REQUIRED.filter((n) => !env[n]?.trim());
const missingLvb = LVB_REQUIRED.filter((n) => !env[n]?.trim());
const enabled = missing.length === 0;
const lvbEnabled = enabled && missingLvb.length === 0;

if (!enabled) {
  console.warn(
    `[tencent-live] SKIPPED: missing ${missing.join(', ')} — set ${REQUIRED.join(' and ')} ` +
      `(and ${LVB_REQUIRED.join(', ')} for the stream test) to run against Tencent Cloud`,
  );
} else if (!lvbEnabled) {
  console.warn(`[tencent-live] stream test SKIPPED: missing ${missingLvb.join(', ')}`);
}

/** A host name for settings: accepts `https://host/` too, since restBaseUrl would. */
const hostOnly = (s: string | undefined) => (s ?? '').trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');

interface LiveConfig {
  sdkAppId: number;
  secretKey: string;
  admin: string;
  region: ImRegion;
  restDomain: string;
  lvb: { pushDomain: string; pushKey: string; playDomain: string; playKey: string; app: string };
}

function readConfig(): LiveConfig {
  const sdkAppId = Number(env.TENCENT_SDKAPPID);
  if (!Number.isInteger(sdkAppId) || sdkAppId <= 0 || sdkAppId > 4294967295) {
    throw new Error(`TENCENT_SDKAPPID must be a positive integer, got ${JSON.stringify(env.TENCENT_SDKAPPID)}`);
  }
  const region = (env.TENCENT_IM_REGION?.trim() || 'auto') as ImRegion;
  if (!(IM_REGIONS as readonly string[]).includes(region)) {
    throw new Error(`TENCENT_IM_REGION must be one of ${IM_REGIONS.join(', ')}, got ${JSON.stringify(env.TENCENT_IM_REGION)}`);
  }
  return {
    sdkAppId,
    secretKey: env.TENCENT_SECRET_KEY!.trim(),
    admin: env.TENCENT_IM_ADMIN?.trim() || 'administrator',
    region,
    restDomain: hostOnly(env.TENCENT_IM_DOMAIN),
    lvb: {
      pushDomain: hostOnly(env.TENCENT_LVB_PUSH_DOMAIN),
      pushKey: env.TENCENT_LVB_PUSH_KEY?.trim() ?? '',
      playDomain: hostOnly(env.TENCENT_LVB_PLAY_DOMAIN),
      playKey: env.TENCENT_LVB_PLAY_KEY?.trim() ?? '',
      app: env.TENCENT_LVB_APP?.trim() || 'live',
    },
  };
}

// ── Helpers ────────────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The admin REST client straight from the environment, for cleanup even when the services failed. */
function adminClient(c: LiveConfig): ImRestClient {
  const sig = new CachedUserSig(async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    return {
      userSig: genUserSig(nodeCrypto, { sdkAppId: c.sdkAppId, secretKey: c.secretKey, identifier: c.admin, expireSeconds: 3600, nowSeconds }),
      expiresAt: nowSeconds + 3600,
    };
  });
  return new ImRestClient({
    baseUrl: restBaseUrl({ restDomain: c.restDomain, region: c.region, sdkAppId: c.sdkAppId }),
    sdkAppId: c.sdkAppId,
    adminIdentifier: c.admin,
    userSig: sig,
    log: silentLogger(),
    retries: 2,
  });
}

/** ffprobe a network URL without blocking the event loop (the broadcast service needs it). */
function ffprobe(bin: string, url: string): Promise<{ streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }> }> {
  const args = ['-v', 'error', '-of', 'json', '-rw_timeout', '15000000', '-show_entries', 'stream=codec_type,codec_name,width,height', '-read_intervals', '%+2', url];
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: 30_000, windowsHide: true }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`ffprobe failed: ${String(stderr).trim() || err.message}`));
      try {
        resolve(JSON.parse(stdout) as never);
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}

// ── The suite ──────────────────────────────────────────────────────────────────────────────

describe.skipIf(!enabled)(`Tencent Cloud live${enabled ? '' : ` (skipped: ${missing.join(', ')} not set)`}`, () => {
  const stamp = Date.now();
  /** Unique per run; ≤ 30 bytes, so it is also a valid group Name (create_group Name limit). */
  const GROUP = `stageside-live-${stamp}`;
  const HOST = 'stageside_live_host';
  const PRODUCT: LaunchedProduct = { id: `live-${stamp}`, title: 'Stageside live test product', price: 1990, currency: 'CNY' };
  const GIFTS: Gift[] = [{ id: 'rose', name: 'Rose', value: 100, icon: '🌹' }];

  let cfg: LiveConfig;
  let tmp: ReturnType<typeof tempDir> | undefined;
  let services: NodeServices | undefined;
  let secretStore: FileSecretStore | undefined;
  let createAttempted = false;
  let created: RoomInfo | undefined;
  let anyFailed = false;
  const states: StreamSnapshot[] = [];

  async function call<K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<CommandResult<K>> {
    if (!services) throw new Error('node services did not start');
    const r = (await services.dispatcher(name, arg, { transport: 'web' })) as Result<CommandResult<K>>;
    if (!r.ok) {
      const details = r.error.details === undefined ? '' : ` ${JSON.stringify(r.error.details)}`;
      throw new Error(`${name} failed: ${r.error.code} ${r.error.message}${details}`);
    }
    return r.value;
  }

  const requireRoom = () => {
    if (!created) throw new Error('room:create did not succeed earlier in this run');
  };

  beforeAll(async () => {
    cfg = readConfig();
    tmp = tempDir('stageside-tencent-live-');
    // The app's composition: a data dir, a file SecretStore, no studio child (Tencent mode).
    secretStore = new FileSecretStore(tmp.dir);
    services = await createNodeServices({
      dataDir: tmp.dir,
      transport: 'web',
      secrets: secretStore,
      openFolder: async () => false,
    });
    services.events.add({ emit: (name, payload) => void (name === 'broadcast:state' && states.push(payload as StreamSnapshot)) });
    const d = defaultSettings();
    const settings: Settings = {
      ...d,
      profileName: 'tencent-live',
      mode: 'tencent',
      im: { ...d.im, sdkAppId: cfg.sdkAppId, region: cfg.region, restDomain: cfg.restDomain, adminIdentifier: cfg.admin, userSigSource: 'secretKey', userSigEndpoint: '' },
      lvb: { ...d.lvb, pushDomain: cfg.lvb.pushDomain, appName: cfg.lvb.app, streamName: '', playDomain: cfg.lvb.playDomain, target: 'lvb', rtmpServer: '' },
      // No room yet: room:create must pick the new one.
      room: { groupId: '', hostUserId: HOST },
    };
    await call('settings:save', settings);
    await call('secrets:set', { name: 'im.secretKey', value: cfg.secretKey });
    if (cfg.lvb.pushKey) await call('secrets:set', { name: 'lvb.pushKey', value: cfg.lvb.pushKey });
    if (cfg.lvb.playKey) await call('secrets:set', { name: 'lvb.playKey', value: cfg.lvb.playKey });
    console.info(`[tencent-live] SDKAppID ${cfg.sdkAppId}, admin ${cfg.admin}, REST ${restBaseUrl({ restDomain: cfg.restDomain, region: cfg.region, sdkAppId: cfg.sdkAppId })}, room ${GROUP}`);
  });

  beforeEach((ctx) => {
    ctx.onTestFailed(() => void (anyFailed = true));
  });

  afterAll(async () => {
    try {
      const s = states.at(-1)?.state.kind;
      if (services && s && !['idle', 'ended', 'failed'].includes(s)) await call('broadcast:stop', {}).catch(() => undefined);
    } finally {
      // Clean up through the admin REST client, whatever happened above.
      if (createAttempted) {
        try {
          await adminClient(cfg).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
          console.info(`[tencent-live] destroyed ${GROUP}`);
        } catch (e) {
          const gone = e instanceof ImRestError && (e.errorCode === 10010 || e.errorCode === 10015);
          console[gone ? 'info' : 'error'](`[tencent-live] destroy_group ${GROUP}: ${(e as Error).message}`);
        }
      }
      await services?.dispose();
      if (anyFailed && tmp) {
        // Keep the logs (secrets are scrubbed from them), never the keys.
        if (secretStore) fs.rmSync(secretStore.file, { force: true });
        console.error(`[tencent-live] kept the data dir with logs for inspection: ${tmp.dir}`);
      } else tmp?.cleanup();
    }
  });

  it('room:create makes a uniquely named AVChatRoom owned by the console’s host', async () => {
    createAttempted = true;
    const info = await call('room:create', { groupId: GROUP, name: GROUP, notification: 'Stageside live test' });
    created = info;
    expect(info).toMatchObject({ groupId: GROUP, type: 'AVChatRoom', name: GROUP, owner: HOST, hostIsOwner: true });
    expect(services!.settings.get().settings.room.groupId).toBe(GROUP);
  });

  it('room:launchProduct (and room:launchGifts), then room:info reads add_goods back as the product', async () => {
    requireRoom();
    const ack = await call('room:launchProduct', { product: PRODUCT });
    expect(ack).toMatchObject({ action: 'launchProduct', groupId: GROUP });
    // The third custom field, so Test connection finds all of them on the room.
    await call('room:launchGifts', { gifts: GIFTS });
    let info: RoomInfo | undefined;
    await expect
      .poll(
        async () => {
          info = await call('room:info', {});
          return decodeProduct(info.fields.add_goods);
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toEqual(PRODUCT);
    expect(info).toMatchObject({ groupId: GROUP, type: 'AVChatRoom', owner: HOST, hostIsOwner: true });
    expect(decodeGiftCatalog(info!.fields.gift_catalog)).toEqual(GIFTS);
  });

  it('room:testConnection reports every configured check ok', async () => {
    requireRoom();
    const report = await call('room:testConnection', {});
    console.info(`[tencent-live] test connection:\n${report.checks.map((c) => `  ${c.status.padEnd(4)} ${c.id}: ${c.detail}`).join('\n')}`);
    expect(report.mode).toBe('tencent');
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    const mustBeOk: ConnectionCheckId[] = ['settings', 'usersig', 'rest', 'room', 'customFields'];
    if (cfg.lvb.pushDomain && cfg.lvb.pushKey) mustBeOk.push('pushUrl');
    if (cfg.lvb.playDomain) mustBeOk.push('playUrl');
    for (const id of mustBeOk) expect({ id, status: byId.get(id)?.status, detail: byId.get(id)?.detail }).toMatchObject({ id, status: 'ok' });
    // What is not configured here (a deployed callbacks service, LVB without env) may skip, never fail.
    const notConfigured = new Set<ConnectionCheckId>(['callbacks', 'pushUrl', 'playUrl'].filter((id) => !mustBeOk.includes(id as ConnectionCheckId)) as ConnectionCheckId[]);
    expect(report.checks.filter((c) => c.status === 'fail' && !notConfigured.has(c.id))).toEqual([]);
  });

  it.skipIf(!lvbEnabled)('broadcast:start pushes 10 s of test pattern to LVB; the snapshot goes live and the FLV play URL probes', async (ctx) => {
    requireRoom();
    const ff = await locateFfmpeg();
    if (!ff.ok) {
      console.warn(`[tencent-live] stream test SKIPPED: no ffmpeg (${ff.error.message})`);
      return ctx.skip(`no ffmpeg: ${ff.error.message}`);
    }
    const urls = await call('room:urls', {});
    expect(urls.mode).toBe('tencent');
    expect(urls.push?.target).toBe('lvb');
    expect(urls.streamName).not.toBe('');

    await call('broadcast:start', {
      // LVB as Settings has it (push domain, AppName, the room's stream name, the push key).
      spec: { layout: 'test', target: { kind: 'lvb' } },
    });
    const kind = () => states.at(-1)?.state.kind;
    await expect.poll(kind, { timeout: 30_000, interval: 250 }).toBe('live');
    const liveAt = Date.now();
    const live = states.at(-1)!;
    expect(live.target).toMatch(/txSecret=\*+/);
    expect(live.target).not.toContain(cfg.lvb.pushKey);

    if (cfg.lvb.playDomain) {
      const flv = urls.play?.flv;
      expect(flv, `room:urls gave no FLV play URL: ${urls.playProblem ?? ''}`).toBeTruthy();
      const probeBin = locateFfprobe(ff.value.path);
      if (!probeBin) {
        console.warn('[tencent-live] FLV probe SKIPPED: no ffprobe beside ffmpeg or on PATH');
      } else {
        // The CDN needs a moment after the push starts; retry for up to ~30 s.
        let lastError: unknown;
        let probe: Awaited<ReturnType<typeof ffprobe>> | undefined;
        for (let i = 0; i < 6 && !probe; i++) {
          try {
            probe = await ffprobe(probeBin, flv!);
          } catch (e) {
            lastError = e;
            await sleep(5000);
          }
        }
        if (!probe) throw lastError as Error;
        const video = probe.streams.find((s) => s.codec_type === 'video');
        expect(video).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
        expect(probe.streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'aac')).toBe(true);
      }
    } else {
      console.info('[tencent-live] FLV probe skipped: TENCENT_LVB_PLAY_DOMAIN not set');
    }

    const rest = 10_000 - (Date.now() - liveAt);
    if (rest > 0) await sleep(rest);
    expect(kind()).toBe('live');
    expect(states.filter((s) => s.state.kind === 'failed')).toEqual([]);
    await call('broadcast:stop', {});
    await expect.poll(kind, { timeout: 20_000, interval: 250 }).toBe('ended');
  }, 150_000);
});
