import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { patiently } from '../../../test/support/waitFor';
import { silentLogger } from '../../node/infra/logger';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { genUserSig } from '../../shared/domain/userSig';
import { createTimCompat, EVENT, TYPES } from '../../tim/timCompat';
import type { TimMessage } from '../../tim/timTypes';
import { startStudio, type Studio } from '../studio';
import { runAudience } from './audience';
import { StudioUnreachableError } from './locate';
import { planAudience, type AudienceShape } from './schedule';
import { classify, tipMembers } from './wire';

let studio: Studio;
let dir: string;

const sig = (userID: string) =>
  genUserSig(nodeCrypto, {
    sdkAppId: studio.info.sdkAppId,
    secretKey: studio.info.secretKey,
    identifier: userID,
    expireSeconds: 3600,
    nowSeconds: Math.floor(Date.now() / 1000),
  });

async function rest(command: string, body: unknown): Promise<Record<string, unknown>> {
  const q = new URLSearchParams({
    sdkappid: String(studio.info.sdkAppId),
    identifier: studio.info.adminIdentifier,
    usersig: sig(studio.info.adminIdentifier),
    random: '1',
    contenttype: 'json',
  });
  const res = await fetch(`${studio.info.restBaseUrl}/v4/${command}?${q}`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

/** A closed port: listen on 0, note it, close. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-sim-'));
  studio = await startStudio({ dataDir: dir, port: 0, log: silentLogger(), ingest: false });
});

afterAll(async () => {
  await studio?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('runAudience against a real studio', () => {
  it('sends what the plan says, and a separate client receives it all', async () => {
    const room = studio.info.demoRoomId;
    const product = { id: 'sku-sim', title: 'Rehearsal teapot', price: 8800, currency: 'CNY' };
    const launched = await rest('group_open_http_svc/modify_group_base_info', {
      GroupId: room,
      AppDefinedData: [{ Key: 'add_goods', Value: JSON.stringify(product) }],
    });
    expect(launched.ErrorCode).toBe(0);

    // The console's view of the room: one more logged-in client, outside the simulator.
    const watcher = createTimCompat({ endpoint: studio.info.realtimeUrl, WebSocket }).create({ SDKAppID: studio.info.sdkAppId });
    const seen: TimMessage[] = [];
    watcher.on(EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => void seen.push(...e.data));
    await watcher.login({ userID: 'console_watch', userSig: sig('console_watch') });
    await watcher.joinGroup({ groupID: room, type: TYPES.GRP_AVCHATROOM });

    const shape: AudienceShape = { viewers: 20, chatRate: 3, likeRate: 3, giftRate: 1.5, buyRate: 1.5, durationSec: 3, seed: 11 };
    const plan = planAudience(shape);
    for (const kind of ['chat', 'like', 'gift', 'follow', 'buy'] as const) expect(plan.counts[kind]).toBeGreaterThan(0);
    const progress: number[] = [];
    const summary = await runAudience({ ...shape, info: studio.info, WebSocket, onProgress: (p) => progress.push(p.elapsedMs) });

    expect(summary.room).toBe(room);
    expect(summary.failures).toEqual({});
    expect(summary.viewers).toMatchObject({ planned: 20, joined: 20, left: 20, failedToJoin: 0 });
    expect(summary.sent).toEqual(plan.counts);
    expect(summary.skipped).toEqual({ buyNoProduct: 0, giftNoCatalog: 0, viewerOffline: 0 });
    expect(summary.likeTaps).toBe(plan.actions.reduce((n, a) => n + (a.kind === 'like' ? a.count : 0), 0));
    expect(summary.giftValue).toBeGreaterThan(0);
    // The simulator's own observer saw every message and every join/quit of the viewers.
    const r = summary.received;
    expect([r.text, r.like, r.gift, r.follow, r.buy]).toEqual([plan.counts.chat, plan.counts.like, plan.counts.gift, plan.counts.follow, plan.counts.buy]);
    expect([r.join, r.quit]).toEqual([20, 20]);
    expect(progress.length).toBeGreaterThanOrEqual(2);

    // So did the outside client (plus the observer's own join and quit); a merged join/quit tip
    // counts every viewer it names.
    const count = (kind: string) => seen.filter((m) => classify(m) === kind).reduce((n, m) => n + tipMembers(m), 0);
    await expect.poll(() => count('quit'), patiently).toBe(21);
    expect([count('text'), count('like'), count('gift'), count('follow'), count('buy')]).toEqual([
      plan.counts.chat,
      plan.counts.like,
      plan.counts.gift,
      plan.counts.follow,
      plan.counts.buy,
    ]);
    expect(count('join')).toBe(21);
    // Messages carry the nick each viewer set, and buys name the launched product.
    const nickOf = new Map(plan.viewers.map((v) => [v.userID, v.nick]));
    for (const m of seen.filter((x) => x.type === TYPES.MSG_TEXT)) expect(m.nick).toBe(nickOf.get(m.from));
    const buy = seen.find((m) => classify(m) === 'buy');
    expect(JSON.parse((buy?.payload as { extension: string }).extension)).toMatchObject({ id: 'sku-sim', price: 8800 });
    await expect.poll(() => studio.realtime.sessionCount(), patiently).toBe(1);
    await watcher.destroy();
  });

  it('stops early on abort: everyone who joined leaves', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 700);
    const summary = await runAudience({
      viewers: 6,
      chatRate: 2,
      likeRate: 0,
      giftRate: 0,
      buyRate: 0,
      durationSec: 60,
      seed: 3,
      idPrefix: 'abort_',
      info: studio.info,
      WebSocket,
      signal: ac.signal,
    });
    expect(summary.aborted).toBe(true);
    expect(summary.durationMs).toBeLessThan(5000);
    expect(summary.viewers.left).toBe(summary.viewers.joined);
    await expect.poll(() => studio.realtime.sessionCount(), patiently).toBe(0);
  });

  it('says clearly when the studio is not there', async () => {
    const port = await closedPort();
    const run = runAudience({
      viewers: 1,
      chatRate: 1,
      likeRate: 0,
      giftRate: 0,
      buyRate: 0,
      durationSec: 1,
      seed: 1,
      studioUrl: `http://127.0.0.1:${port}`,
      WebSocket,
    });
    await expect(run).rejects.toThrow(StudioUnreachableError);
    await expect(run).rejects.toThrow(/Cannot reach the studio at http:\/\/127\.0\.0\.1:\d+ \(GET \/studio\/info: ECONNREFUSED\)/);
  });

  it('names the room when the observer cannot enter it', async () => {
    const run = runAudience({
      viewers: 1,
      chatRate: 0,
      likeRate: 0,
      giftRate: 0,
      buyRate: 0,
      durationSec: 1,
      seed: 1,
      info: studio.info,
      room: 'no_such_room',
      WebSocket,
    });
    await expect(run).rejects.toThrow(/observer could not enter room no_such_room \(100\d\d:/);
  });
});
