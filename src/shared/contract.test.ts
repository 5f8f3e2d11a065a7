// Type-level checks of the contract: request/result types flow from the one map to handlers and
// to the renderer API, so a wrong argument or a missing handler is a compile error.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  COMMAND_NAMES,
  type commands,
  EVENT_NAMES,
  isCommandName,
  type CommandRequest,
  type CommandResult,
  type EventPayload,
} from './contract';
import type { Result } from './errors';
import type { Handlers, StagesideApi } from './rpc';
import type { SecretStatus } from './secrets';
import type { Settings, SettingsState } from './settings';

describe('contract types', () => {
  it('derives request and result types per command', () => {
    expectTypeOf<CommandRequest<'settings:save'>>().toEqualTypeOf<Settings>();
    expectTypeOf<CommandResult<'settings:get'>>().toEqualTypeOf<SettingsState>();
    expectTypeOf<CommandResult<'secrets:list'>>().toEqualTypeOf<SecretStatus[]>();
    expectTypeOf<EventPayload<'settings:changed'>>().toEqualTypeOf<SettingsState>();
    // Defaults make fields optional for callers but present for handlers.
    expectTypeOf<CommandRequest<'lvb:previewPushUrl'>>().toEqualTypeOf<{ validHours?: number | undefined }>();
    expectTypeOf<Parameters<Handlers['lvb:previewPushUrl']>[0]>().toEqualTypeOf<{ validHours: number }>();
  });

  it('types the renderer API from the same map', () => {
    expectTypeOf<StagesideApi['call']>().parameter(0).toEqualTypeOf<keyof typeof commands>();
    type SaveCall = (n: 'settings:save', a: Settings) => Promise<Result<SettingsState>>;
    expectTypeOf<StagesideApi['call']>().toExtend<SaveCall>();
    // A secret value can be sent to main, but no command result carries one back.
    expectTypeOf<CommandResult<'secrets:set'>>().not.toHaveProperty('value');
  });

  it('requires a handler for every command', () => {
    expectTypeOf<keyof Handlers>().toEqualTypeOf<(typeof COMMAND_NAMES)[number]>();
  });
});

describe('contract runtime', () => {
  it('uses domain:verb names, unique across commands and events', () => {
    for (const n of [...COMMAND_NAMES, ...EVENT_NAMES]) expect(n).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(new Set(COMMAND_NAMES).size).toBe(COMMAND_NAMES.length);
  });

  it('recognises only own command names (no prototype keys)', () => {
    expect(isCommandName('settings:get')).toBe(true);
    expect(isCommandName('toString')).toBe(false);
    expect(isCommandName('__proto__')).toBe(false);
    expect(isCommandName(42)).toBe(false);
  });
});
