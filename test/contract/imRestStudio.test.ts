// The console's IM REST client against a real local studio: the same wire the Tencent tests capture,
// answered by the emulator, with the call log checked for the UserSig. (Cross-layer: node + studio.)
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { genUserSig } from '../../src/shared/domain/userSig';
import { CachedUserSig, ImRestClient, type ImRestError } from '../../src/node/imRest/imRestClient';
import { createLogger, silentLogger } from '../../src/node/infra/logger';
import { nodeCrypto } from '../../src/node/infra/nodeCrypto';
import { startStudio, type Studio } from '../../src/studio/studio';
import { tempDir } from '../support/tempDir';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe('ImRestClient against the local studio', () => {
  it('drives a real studio and logs calls without the UserSig', async () => {
    const d = tempDir();
    const logDir = tempDir();
    const studio: Studio = await startStudio({ dataDir: d.dir, port: 0, log: silentLogger(), ingest: false });
    closers.push(async () => (await studio.close(), d.cleanup(), logDir.cleanup()));
    const log = createLogger({ dir: logDir.dir, level: 'info' });
    const sig = new CachedUserSig(async () => {
      const nowSeconds = Math.floor(Date.now() / 1000);
      return {
        userSig: genUserSig(nodeCrypto, { sdkAppId: studio.info.sdkAppId, secretKey: studio.info.secretKey, identifier: 'administrator', expireSeconds: 3600, nowSeconds }),
        expiresAt: nowSeconds + 3600,
      };
    });
    const c = new ImRestClient({ baseUrl: studio.info.restBaseUrl, sdkAppId: studio.info.sdkAppId, adminIdentifier: 'administrator', userSig: sig, log });
    await c.call('group_open_http_svc/modify_group_base_info', { GroupId: 'demo', AppDefinedData: [{ Key: 'room_status', Value: 'live' }] });
    const info = await c.call('group_open_http_svc/get_group_info', { GroupIdList: ['demo'] });
    expect(info.GroupInfo?.[0]?.AppDefinedData).toContainEqual({ Key: 'room_status', Value: 'live' });
    const err = await c.call('group_open_http_svc/modify_group_base_info', { GroupId: 'demo', Notification: 'x'.repeat(301) }).catch((e: unknown) => e);
    expect((err as ImRestError).errorCode).toBe(10004);
    const text = fs.readdirSync(logDir.dir).map((f) => fs.readFileSync(path.join(logDir.dir, f), 'utf8')).join('');
    expect(text).toContain('"command":"group_open_http_svc/get_group_info"');
    expect(text).toContain('"errorCode":10004');
    expect(text).not.toContain(await sig.get(60));
  });
});
