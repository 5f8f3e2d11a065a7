// The real IM engine publishing through the realtime server's channel (one call per group event,
// not one per member): messages reach everyone but their sender, a merged join tip skips the
// joiners it names, and a destroyed group's notice 5 still reaches its members, who are then out.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { tempDir } from '../../../test/support/tempDir';
import { PATIENCE_MS } from '../../../test/support/waitFor';
import { silentLogger } from '../../node/infra/logger';
import { createTimCompat, EVENT, TYPES, type TimInstance, type TimMessage } from '../../tim/timCompat';
import { startHarness, type Harness } from '../im/harness.testkit';
import { waitFor } from './harness.testkit';
import { attachRealtime, type RealtimeHandle } from './realtimeServer';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ h: Harness; realtime: RealtimeHandle; viewer(userID: string): Promise<{ tim: TimInstance; got: TimMessage[] }> }> {
  const tmp = tempDir();
  const h = await startHarness(tmp.dir, { memberNotices: { burst: 1, perSecond: 1 } });
  expect((await h.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'Live', GroupId: 'live' })).ErrorCode).toBe(0);
  const server = http.createServer((_q, res) => res.writeHead(404).end());
  // The engine runs on the harness's ManualTime; UserSig expiry is judged on the same clock.
  const realtime = attachRealtime(server, h.engine, { log: silentLogger(), now: () => h.time.now() });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `ws://127.0.0.1:${(server.address() as { port: number }).port}/realtime`;
  const tims: TimInstance[] = [];
  cleanups.push(tmp.cleanup, () => h.close(), async () => {
    await Promise.all(tims.map((t) => t.destroy()));
    await realtime.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  const viewer = async (userID: string) => {
    const tim = createTimCompat({ endpoint, WebSocket, requestTimeoutMs: 5000 }).create({ SDKAppID: h.engine.sdkAppId });
    tims.push(tim);
    const got: TimMessage[] = [];
    tim.on(EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => void got.push(...e.data));
    await tim.login({ userID, userSig: h.sig(userID) });
    await tim.joinGroup({ groupID: 'live', type: TYPES.GRP_AVCHATROOM });
    return { tim, got };
  };
  return { h, realtime, viewer };
}

const texts = (got: TimMessage[]) => got.filter((m) => m.type === TYPES.MSG_TEXT).map((m) => (m.payload as { text: string }).text);
const joinLists = (got: TimMessage[]) =>
  got.filter((m) => m.type === TYPES.MSG_GRP_TIP && (m.payload as { operationType: number }).operationType === 1).map((m) => (m.payload as { userIDList: string[] }).userIDList);

describe('the engine publishing through the realtime channel', () => {
  it('delivers a message to every member but its sender, and merged join tips to everyone they do not name', async () => {
    const { h, viewer } = await setup();
    const a = await viewer('ann');
    // The budget (1) went on ann's own join; ben and cy arrive together in one merged tip, 1 s later.
    const [b, c] = await Promise.all([viewer('ben'), viewer('cy')]);
    h.time.advance(1000);
    await waitFor(() => joinLists(a.got).length === 1, PATIENCE_MS, 'the merged join tip');
    expect(joinLists(a.got)).toEqual([['ben', 'cy']]);
    expect(joinLists(b.got)).toEqual([]);
    expect(joinLists(c.got)).toEqual([]);
    await b.tim.sendMessage(b.tim.createTextMessage({ to: 'live', conversationType: TYPES.CONV_GROUP, payload: { text: 'hello from ben' } }));
    await waitFor(() => texts(a.got).length === 1 && texts(c.got).length === 1, PATIENCE_MS, 'the message at ann and cy');
    expect([texts(a.got), texts(b.got), texts(c.got)]).toEqual([['hello from ben'], [], ['hello from ben']]);
  });

  it("a destroyed group's notice 5 reaches its members, who are out of it afterwards", async () => {
    const { h, viewer } = await setup();
    const a = await viewer('ann');
    expect((await h.call('group_open_http_svc/destroy_group', { GroupId: 'live' })).ErrorCode).toBe(0);
    await waitFor(() => a.got.some((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE), PATIENCE_MS, 'notice 5');
    expect(a.got.find((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE)?.payload).toMatchObject({ operationType: 5 });
    const refused = await a.tim
      .sendMessage(a.tim.createTextMessage({ to: 'live', conversationType: TYPES.CONV_GROUP, payload: { text: 'anyone?' } }))
      .catch((e: { code: number }) => e);
    expect(refused).toMatchObject({ code: 2101 });
  });
});
