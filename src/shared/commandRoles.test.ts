import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from './contract';
import { COMMAND_ROLES } from './commandRoles';
import { createDispatcher, type Handlers } from './rpc';

const calls: string[] = [];
const handlers = new Proxy({} as Handlers, { get: (_t, name: string) => () => (calls.push(name), { done: name }) });
const dispatch = createDispatcher(handlers);

describe('role checks', () => {
  it('names a role for every command (the table is the whole contract)', () => {
    expect(Object.keys(COMMAND_ROLES).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('refuses a moderator launch before reading it, naming the role it needs', async () => {
    calls.length = 0;
    const r = await dispatch('room:launchProduct', { not: 'even valid' }, { transport: 'web', operator: { id: 'a2', name: 'Mia', role: 'moderator' } });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN_ROLE',
        message: 'room:launchProduct needs the Assistant role (Mia is Moderator)',
        details: { needed: 'assistant', role: 'moderator', command: 'room:launchProduct' },
      },
    });
    expect(calls).toEqual([]);
  });

  it('lets each role run its own commands and those below, and no more', async () => {
    const asRole = (role: 'host' | 'assistant' | 'moderator') => ({ transport: 'web' as const, operator: { id: 'x', name: 'X', role } });
    expect((await dispatch('room:mute', { userId: 'u1', minutes: 5 }, asRole('moderator'))).ok).toBe(true);
    expect((await dispatch('room:setStatus', { status: 'paused' }, asRole('assistant'))).ok).toBe(true);
    expect((await dispatch('secrets:list', {}, asRole('assistant'))).ok).toBe(false);
    expect((await dispatch('settings:save', {}, asRole('assistant')) as { error: { code: string } }).error.code).toBe('FORBIDDEN_ROLE');
    expect((await dispatch('team:invite', { name: 'B', role: 'assistant' }, asRole('assistant')) as { error: { message: string } }).error.message).toMatch(/needs the Host role/);
    // No operator named: the desktop window, the CLI: the host.
    expect((await dispatch('broadcast:stop', {}, { transport: 'electron' })).ok).toBe(true);
  });
});
