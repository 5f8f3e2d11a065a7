// The studio's /v4 surface answers every request as Tencent does — HTTP 200 with
// {ActionStatus, ErrorCode, ErrorInfo} — even when fastify or Node would answer first: an
// undecodable path, an over-long command name, an over-long request line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, requestFor } from '../../test/support/rawHttp';
import { tempDir } from '../../test/support/tempDir';
import { silentLogger } from '../node/infra/logger';
import { startStudio, type Studio } from './studio';

let studio: Studio;
let port: number;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  tmp = tempDir();
  studio = await startStudio({ dataDir: tmp.dir, port: 0, log: silentLogger(), ingest: false, callbacks: false });
  port = Number(new URL(studio.info.restBaseUrl).port);
});
afterAll(async () => {
  await studio?.close();
  tmp?.cleanup();
});

const envelope = (body: string) => JSON.parse(body) as { ActionStatus: string; ErrorCode: number; ErrorInfo: string };

describe('the studio /v4 surface', () => {
  const q = () => `?sdkappid=${studio.info.sdkAppId}&identifier=administrator&usersig=x&random=1&contenttype=json`;

  it.each([
    ['an undecodable path (%ff)', () => `/v4/%ff/create_group${q()}`, 60002],
    ['an undecodable command', () => `/v4/group_open_http_svc/%E0%A4%A${q()}`, 60002],
    ['an over-long command name', () => `/v4/group_open_http_svc/${'c'.repeat(5_000)}${q()}`, 60009],
    ['an unknown service', () => `/v4/nope/nope${q()}`, 60009],
  ])('answers %s with HTTP 200 and Tencent\'s envelope', async (_n, path, code) => {
    const r = await rawRequest(port, requestFor('POST', path(), '{}'));
    expect(r.status).toBe(200);
    expect(envelope(r.body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });

  it('answers an over-long request line (beyond Node\'s header limit) with HTTP 200 and 60002', async () => {
    const r = await rawRequest(port, requestFor('POST', `/v4/group_open_http_svc/create_group${q()}&pad=${'p'.repeat(40_000)}`, '{}'));
    expect(r.status).toBe(200);
    expect(envelope(r.body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60002 });
    // The studio goes on.
    const ok = await fetch(`${studio.info.restBaseUrl}/studio/info`);
    expect(ok.status).toBe(200);
  });

  it('keeps plain 400s for its own paths outside /v4', async () => {
    expect((await rawRequest(port, requestFor('GET', '/viewer/%ff'))).status).toBe(400);
  });
});
