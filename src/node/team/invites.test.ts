import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { Invites } from './invites';

describe('Invites', () => {
  let tmp: ReturnType<typeof tempDir>;
  let now: number;
  const open = () => new Invites({ dir: path.join(tmp.dir, 'team'), clock: { now: () => now }, userIdOf: (op) => `host_${op.id}` });
  beforeEach(() => {
    tmp = tempDir();
    now = 1_700_000_000_000;
  });
  afterEach(() => tmp.cleanup());

  it('issues a signed link per operator that names them until it expires', () => {
    const inv = open();
    const { invite, token } = inv.issue({ name: 'Mia', role: 'moderator', validHours: 2 });
    expect(invite).toMatchObject({ id: 'a1', name: 'Mia', role: 'moderator', userId: 'host_a1', expiresAt: now + 7_200_000, revokedAt: null });
    expect(inv.verify(token)).toEqual({ id: 'a1', name: 'Mia', role: 'moderator' });
    expect(inv.issue({ name: 'Bo', role: 'assistant', validHours: 1 }).invite.id).toBe('a2');
    now += 7_200_000;
    expect(inv.verify(token)).toBeNull();
    expect(inv.isValid('a1')).toBe(false);
  });

  it('refuses forged, stretched and mangled tokens', () => {
    const inv = open();
    const { token } = inv.issue({ name: 'Mia', role: 'assistant', validHours: 2 });
    const [id, exp, mac] = token.split('.') as [string, string, string];
    expect(inv.verify(`${id}.${Number(exp) + 3_600_000}.${mac}`)).toBeNull();
    expect(inv.verify(`a2.${exp}.${mac}`)).toBeNull();
    // The first character carries six bits of the MAC (the last one's low bits are padding).
    expect(inv.verify(`${id}.${exp}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`)).toBeNull();
    expect(inv.verify('')).toBeNull();
    expect(inv.verify(`${token}x`)).toBeNull();
  });

  it('keeps revocations and the signing key across restarts (the key file is 0600)', () => {
    let inv = open();
    const a = inv.issue({ name: 'Mia', role: 'assistant', validHours: 2 });
    const b = inv.issue({ name: 'Bo', role: 'assistant', validHours: 2 });
    inv.revoke('a1');
    inv = open();
    expect(inv.verify(a.token)).toBeNull();
    expect(inv.verify(b.token)).toEqual({ id: 'a2', name: 'Bo', role: 'assistant' });
    expect(inv.list().map((i) => [i.id, i.revokedAt !== null])).toEqual([['a1', true], ['a2', false]]);
    expect(inv.issue({ name: 'Cy', role: 'moderator', validHours: 1 }).invite.id).toBe('a3');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(tmp.dir, 'team', 'invite.key')).mode & 0o777).toBe(0o600);
    expect(() => inv.revoke('a9')).toThrow(/No invite a9/);
  });

  it('sets a damaged list aside and starts over', () => {
    fs.mkdirSync(path.join(tmp.dir, 'team'), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, 'team', 'invites.json'), '{nope');
    const inv = open();
    expect(inv.list()).toEqual([]);
    expect(fs.readdirSync(path.join(tmp.dir, 'team')).some((f) => f.startsWith('invites.json.invalid-'))).toBe(true);
  });
});
