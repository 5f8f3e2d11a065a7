// Go Live over the contract, as the console does it: node services run the studio child (with its
// ingest), `broadcast:start` with the `studio` target is signed in main, snapshots arrive as
// `broadcast:state` events, and the room goes on air at the ingest. Needs Debian's ffmpeg.
import fs from 'node:fs';
import type { NodeServices } from '../../src/node/services';
import { servicesWithStudio, type ServicesWithStudio } from '../support/servicesWithStudio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, ffmpeg } from '../support/prereqs';
import type { StreamSnapshot } from '../../src/shared/domain/broadcast';

describeWith([ffmpeg()])('broadcast commands against the embedded studio', () => {
  let services: NodeServices;
  let ctx: ServicesWithStudio;
  const states: StreamSnapshot[] = [];
  const call: ServicesWithStudio['call'] = (name, arg) => ctx.call(name, arg);

  beforeAll(async () => {
    ctx = await servicesWithStudio({ ingest: true });
    services = ctx.services;
    services.events.add({ emit: (name, payload) => name === 'broadcast:state' && states.push(payload as StreamSnapshot) });
  }, 40_000);

  afterAll(async () => {
    await ctx?.close();
  });

  // Issue 13 item 13: in Local studio mode the preview said "Set the LVB push domain …".
  it("Settings' push URL preview in Local studio mode is the studio ingest's URL for the room, key masked", async () => {
    const r = await call('lvb:previewPushUrl', {});
    if (!r.ok) throw new Error(r.error.message);
    const ingest = services.studio!.get().info!.rtmpIngestUrl!;
    expect(r.value.maskedUrl).toMatch(new RegExp(`^${ingest.replace(/[.]/g, '\\.')}/demo\\?txSecret=\\*+&txTime=[0-9A-F]{8}$`));
    expect(r.value.expiresAt * 1000).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  it('refuses a bad spec with BAD_SPEC naming the field', async () => {
    const r = await call('broadcast:start', { spec: { layout: 'pip', target: { kind: 'studio' } } });
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_SPEC', message: expect.stringMatching(/camera/) });
  });

  it('goes live on the studio ingest with the test pattern, records, and stops cleanly', async () => {
    const r = await call('broadcast:start', {
      spec: { layout: 'test', video: { preset: '720p30' }, target: { kind: 'studio' }, record: { name: 'rehearsal' } },
    });
    expect(r.ok).toBe(true);
    await expect.poll(() => states.at(-1)?.state.kind, { timeout: 20_000 }).toBe('live');
    const live = states.at(-1)!;
    expect(live.target).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live\/demo\?txSecret=\*+&txTime=[0-9A-F]+$/);
    const studioUrl = services.studio!.get().info!.restBaseUrl;
    await expect.poll(async () => ((await (await fetch(`${studioUrl}/healthz`)).json()) as { onAir: string[] }).onAir, { timeout: 10_000 }).toContain('demo');
    await expect.poll(() => states.some((s) => s.state.kind === 'live' && s.state.stats !== null), { timeout: 10_000 }).toBe(true);
    const stopped = await call('broadcast:stop', {});
    expect(stopped.ok).toBe(true);
    await expect.poll(() => states.at(-1)?.state.kind, { timeout: 15_000 }).toBe('ended');
    const files = states.at(-1)!.recording?.files ?? [];
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(fs.statSync(files[0]!).size).toBeGreaterThan(10_000);
    expect(states.some((s) => s.state.kind === 'failed')).toBe(false);
  }, 60_000);

  it('pushes to the RTMP server + stream key saved in Settings, never showing the key', async () => {
    const missing = await call('broadcast:start', { spec: { layout: 'test', target: { kind: 'savedServer' } } });
    expect(!missing.ok && missing.error.code).toBe('SETTINGS_INVALID');
    // OBS-style split of the studio's signed demo URL: server `rtmp://host/live`, key `demo?txSecret=…`.
    const info = services.studio!.get().info!;
    const signed = new URL(info.rtmpIngestUrl!);
    const urls = await call('room:copyPushUrl', { part: 'streamKey' });
    if (!urls.ok) throw new Error(urls.error.message);
    const streamKey = urls.value.text!;
    expect(streamKey).toMatch(/^demo\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/);
    const s = services.settings.get().settings;
    await call('settings:save', { ...s, lvb: { ...s.lvb, rtmpServer: `rtmp://${signed.host}/live` } });
    await call('secrets:set', { name: 'rtmp.streamKey', value: streamKey });
    states.length = 0;
    const r = await call('broadcast:start', { spec: { layout: 'test', video: { preset: '720p30' }, target: { kind: 'savedServer' } } });
    expect(r.ok ? 'ok' : r.error).toBe('ok');
    await expect.poll(() => states.at(-1)?.state.kind, { timeout: 20_000 }).toBe('live');
    expect(states.at(-1)!.target).toMatch(new RegExp(`^rtmp://${signed.host.replace('.', '\\.')}/live/••••••[0-9A-Za-z]{4}$`));
    expect(JSON.stringify(states)).not.toContain(streamKey.slice(-20));
    await call('broadcast:stop', {});
    await expect.poll(() => states.at(-1)?.state.kind, { timeout: 15_000 }).toBe('ended');
  }, 60_000);

  it('pushes to LVB as Settings has it: main fills the domain, AppName, the room stream and the push key', async () => {
    const noDomain = await call('broadcast:start', { spec: { layout: 'test', target: { kind: 'lvb' } } });
    expect(!noDomain.ok && noDomain.error.code).toBe('SETTINGS_INVALID');
    const s = services.settings.get().settings;
    // A domain that never resolves (RFC 6761): the push is signed and attempted, then fails by itself.
    await call('settings:save', { ...s, lvb: { ...s.lvb, pushDomain: 'push.stageside.invalid', appName: 'live', streamName: '' } });
    states.length = 0;
    const noKey = await call('broadcast:start', { spec: { layout: 'test', target: { kind: 'lvb' } } });
    expect(noKey.ok && noKey.value.state).toMatchObject({ kind: 'failed', error: { code: 'BAD_SPEC', detail: expect.stringMatching(/push key/) } });
    const pushKey = 'lvb-push-key-for-the-contract-test';
    await call('secrets:set', { name: 'lvb.pushKey', value: pushKey });
    states.length = 0;
    const r = await call('broadcast:start', { spec: { layout: 'test', target: { kind: 'lvb' } } });
    expect(r.ok ? 'ok' : r.error).toBe('ok');
    await expect.poll(() => states.find((x) => x.state.kind === 'connecting')?.target ?? null, { timeout: 20_000 }).toMatch(
      /^rtmp:\/\/push\.stageside\.invalid\/live\/demo\?txSecret=\*+&txTime=[0-9A-F]+$/,
    );
    await call('broadcast:stop', {});
    await expect.poll(() => states.at(-1)?.state.kind, { timeout: 20_000 }).toMatch(/^(ended|failed)$/);
    expect(JSON.stringify(states)).not.toContain(pushKey);
  }, 60_000);
});
