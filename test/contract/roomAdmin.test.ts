// One writer of admin actions: the console (room:* commands → RoomService) and the CLI
// (`stageside room …`) both go through RoomAdmin, so against the same studio they write the same
// field values, leave out the same parts of an oversize product, and refuse the same filtered
// words before anything reaches the room.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { RoomAdmin } from '../../src/node/room/roomAdmin';
import { servicesWithStudio, type ServicesWithStudio } from '../support/servicesWithStudio';

describe('console and CLI share one admin-command module', () => {
  let ctx: ServicesWithStudio;
  let cliBase: string[];
  let env: Record<string, string>;

  beforeAll(async () => {
    ctx = await servicesWithStudio({ ingest: false });
    const info = ctx.services.studio!.get().info!;
    const creds = ctx.services.studio!.credentials()!;
    cliBase = ['--im-base-url', info.restBaseUrl, '--sdkappid', String(info.sdkAppId), '--group', 'demo'];
    env = { STAGESIDE_IM_SECRET_KEY: creds.secretKey, STAGESIDE_CALLBACKS_TOKEN: creds.callbacksAdminToken ?? '' };
    const list = await ctx.call('moderation:importList', { id: 'banned', action: 'reject', roomId: null, text: 'counterfeit\n' });
    if (!list.ok) throw new Error(list.error.message);
  }, 40_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await ctx?.close();
  });

  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env, now: () => Date.now(), readStdin: async () => '' };
    const code = await main(['room', ...argv, ...cliBase], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const addGoods = async () => {
    const r = await ctx.call('room:info', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value.fields.add_goods;
  };

  it('launches the same oversize product the same way from both, through RoomAdmin', async () => {
    const spy = vi.spyOn(RoomAdmin.prototype, 'launchProduct');
    const product = { id: 'A2', title: '裙'.repeat(120), price: 1, image: `https://cdn.example.com/${'x'.repeat(250)}` };
    const fromConsole = await ctx.call('room:launchProduct', { product });
    expect(fromConsole.ok && fromConsole.value.dropped).toEqual(['image']);
    const written = await addGoods();
    expect(JSON.parse(written!)).toEqual({ id: 'A2', title: '裙'.repeat(120), price: 1, currency: 'CNY' });
    expect((await ctx.call('room:unpinProduct', {})).ok).toBe(true);
    expect(await addGoods()).toBeUndefined();

    const fromCli = await cli('launch', '--product', JSON.stringify(product));
    expect(fromCli.code).toBe(0);
    expect(fromCli.err).toContain('without image');
    expect(await addGoods()).toBe(written);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('stamps a launch with the stream clock only in main: a clock the caller sent is dropped, and nothing is stamped while no clocked push runs', async () => {
    const r = await ctx.call('room:launchProduct', { product: { id: 'T1', title: 'Clocked?', price: 1, at: 5 } });
    expect(r.ok).toBe(true);
    expect(JSON.parse((await addGoods())!)).toEqual({ id: 'T1', title: 'Clocked?', price: 1, currency: 'CNY' });
    expect((await ctx.call('room:launchProduct', { product: { id: 'T2', title: 'Now', price: 1 }, now: true })).ok).toBe(true);
    expect(JSON.parse((await addGoods())!)).not.toHaveProperty('at');
  });

  it('refuses the same filtered words from both before publishing', async () => {
    const fromConsole = await ctx.call('room:announce', { text: 'No counterfeit goods here' });
    expect(!fromConsole.ok && fromConsole.error.code).toBe('BLOCKED_BY_FILTER');
    const callbacksUrl = ctx.services.studio!.get().info!.callbacksUrl!;
    const fromCli = await cli('announce', '--text', 'No counterfeit goods here', '--callbacks-url', callbacksUrl);
    expect(fromCli.code).toBe(1);
    expect(fromCli.err).toMatch(/BLOCKED_BY_FILTER: .*counterfeit/);
    const info = await ctx.call('room:info', {});
    expect(info.ok && info.value.notification).not.toContain('counterfeit');
    // The same text without the word goes through both.
    expect((await cli('announce', '--text', 'Genuine goods here', '--callbacks-url', callbacksUrl)).code).toBe(0);
    expect((await ctx.call('room:announce', { text: 'Genuine goods only' })).ok).toBe(true);
  });

  it('refuses a product too big even when bare with the same error from both', async () => {
    const product = { id: '裙'.repeat(64), title: '裙'.repeat(120), price: 1 };
    const fromConsole = await ctx.call('room:launchProduct', { product });
    expect(!fromConsole.ok && fromConsole.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/at most 512/) });
    const fromCli = await cli('launch', '--product', JSON.stringify(product));
    expect(fromCli.code).toBe(1);
    expect(fromCli.err).toMatch(/BAD_REQUEST: .*at most 512/);
  });
});
