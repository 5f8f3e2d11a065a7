// One owner per data folder: a live owner refuses a second one by PID; a crashed owner's lock is
// taken over after the children it recorded (and that still look like ours) are ended.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { DataFolderBusyError, DataFolderLock, LOCK_FILE, type ProcessProbe } from './dataFolderLock';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});
const folder = () => {
  const d = tempDir();
  dirs.push(d);
  return d.dir;
};

/** A process table: pid → command line; kill() removes a process and records the signal. */
function fakeProbe(table: Record<number, string>) {
  const killed: Array<[number, string]> = [];
  const probe: ProcessProbe = {
    isAlive: (pid) => pid in table,
    commandLine: (pid) => table[pid],
    kill: (pid, signal) => {
      killed.push([pid, signal]);
      delete table[pid];
    },
  };
  return { probe, killed };
}

describe('DataFolderLock', () => {
  it('records its owner and children, and gives the folder back', async () => {
    const dir = folder();
    const lock = await DataFolderLock.acquire(dir, 'web', { pid: 4242, now: () => 1000, probe: fakeProbe({}).probe });
    lock.setChild('studio', 5000);
    lock.setChild('ffmpeg', 5001);
    lock.setChild('ffmpeg', undefined);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toEqual({ pid: 4242, kind: 'web', startedAt: 1000, children: { studio: 5000 } });
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second owner while the first runs, naming its PID', async () => {
    const dir = folder();
    const { probe } = fakeProbe({ 4242: 'node /app/bin/stageside.js web' });
    await DataFolderLock.acquire(dir, 'web', { pid: 4242, probe });
    const second = await DataFolderLock.acquire(dir, 'desktop', { pid: 777, probe }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataFolderBusyError);
    expect((second as Error).message).toMatch(/in use by Stageside web mode \(PID 4242/);
  });

  it("takes over a crashed owner's folder after ending the children it left running", async () => {
    const dir = folder();
    const table: Record<number, string> = { 5000: 'node /app/out/main/cli.js studio --exit-with-parent', 5001: '/usr/bin/ffmpeg -re -f lavfi …', 5002: 'bash' };
    const { probe, killed } = fakeProbe(table);
    const crashed = await DataFolderLock.acquire(dir, 'web', { pid: 4242, probe });
    crashed.setChild('studio', 5000);
    crashed.setChild('ffmpeg', 5001);
    // PID 5002 was recorded as a studio but now runs bash (a reused PID): never killed.
    crashed.setChild('ingest', 5002);
    // 4242 is gone (not in the table): the next start cleans up and owns the folder.
    const next = await DataFolderLock.acquire(dir, 'web', { pid: 9000, probe });
    expect(killed).toEqual([
      [5000, 'SIGTERM'],
      [5001, 'SIGTERM'],
    ]);
    expect(table[5002]).toBe('bash');
    expect(next.owner).toMatchObject({ pid: 9000, children: {} });
  });

  it('takes over an unreadable lock file', async () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, LOCK_FILE), '{garbage');
    const lock = await DataFolderLock.acquire(dir, 'studio', { pid: 1, probe: fakeProbe({}).probe });
    expect(lock.owner.kind).toBe('studio');
  });

  it('does not remove a lock that another owner took meanwhile', async () => {
    const dir = folder();
    const { probe } = fakeProbe({});
    const a = await DataFolderLock.acquire(dir, 'web', { pid: 1, probe });
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2, kind: 'web', startedAt: 0, children: {} }));
    a.release();
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(2);
  });
});
