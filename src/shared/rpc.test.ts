import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { COMMAND_NAMES } from './contract';
import { createDispatcher, type Handlers } from './rpc';
import { defaultSettings } from './settings';

const ctx = { transport: 'web' as const };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const state = { settings: defaultSettings(), problems: [] };
  const base: Partial<Handlers> = {
    'app:getInfo': () => ({ name: 'S', version: '0', transport: 'web', platform: 'linux', dataDir: '/d', logDir: '/l', secretProtection: 'x' }),
    'settings:get': () => state,
    'settings:save': (s) => ({ settings: s, problems: [] }),
    'secrets:list': () => [],
    'secrets:set': ({ name }) => ({ name, set: true, masked: '' }),
    'secrets:clear': ({ name }) => ({ name, set: false, masked: '' }),
    'logs:openFolder': () => ({ path: '/l', opened: false }),
    'lvb:previewPushUrl': ({ validHours }) => ({ maskedUrl: `h${validHours}`, expiresAt: 0 }),
    'studio:getStatus': () => ({ state: 'off', restarts: 0 }),
    'studio:restart': () => ({ state: 'starting', restarts: 0 }),
  };
  // Commands a test does not exercise throw if called.
  const unused = Object.fromEntries(COMMAND_NAMES.map((n) => [n, () => { throw new Error(`${n} not stubbed`); }]));
  return { ...unused, ...base, ...overrides } as Handlers;
}

describe('createDispatcher', () => {
  it('applies schema defaults before calling the handler', async () => {
    const d = createDispatcher(handlers());
    expect(await d('lvb:previewPushUrl', {}, ctx)).toEqual({ ok: true, value: { maskedUrl: 'h24', expiresAt: 0 } });
    expect(await d('lvb:previewPushUrl', undefined, ctx)).toMatchObject({ ok: true });
  });

  it('turns thrown AppErrors into envelopes with their code and details', async () => {
    const d = createDispatcher(
      handlers({
        'settings:get': () => {
          throw new AppError('SETTINGS_INVALID', 'broken', { issues: ['x'] });
        },
      }),
    );
    expect(await d('settings:get', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'SETTINGS_INVALID', message: 'broken', details: { issues: ['x'] } },
    });
  });

  it('hides unexpected errors behind INTERNAL without a stack', async () => {
    const d = createDispatcher(
      handlers({
        'secrets:list': async () => {
          throw new TypeError('boom');
        },
      }),
    );
    const r = await d('secrets:list', {}, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('rejects non-string, unknown and oversized names and logs each call', async () => {
    const log: Array<{ command: string; ok: boolean; code?: string }> = [];
    const d = createDispatcher(handlers(), (e) => log.push(e));
    expect(await d(123, {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await d('x'.repeat(10_000), {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await d('secrets:set', { name: 'im.secretKey', value: '' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/value/) },
    });
    expect(log.map((l) => l.code)).toEqual(['UNKNOWN_COMMAND', 'UNKNOWN_COMMAND', 'BAD_REQUEST']);
    expect(log[1]?.command.length).toBeLessThanOrEqual(64);
  });
});
