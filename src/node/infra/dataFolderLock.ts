// One owner per data folder: `<folder>/stageside.lock` names the process that owns it (the
// desktop app, web mode or a studio) and the children it runs (studio, ingest, ffmpeg). A second
// owner is refused with the first one's PID; a lock left by a crashed run is taken over after its
// recorded children that still run (an ffmpeg still pushing, a studio still listening) are ended.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'stageside.lock';

export type OwnerKind = 'desktop' | 'web' | 'studio';

export interface LockRecord {
  pid: number;
  kind: OwnerKind;
  /** Epoch ms. */
  startedAt: number;
  /** Child processes by role (studio, ingest, ffmpeg) → PID, while they run. */
  children: Record<string, number>;
}

export class DataFolderBusyError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: LockRecord,
  ) {
    super(
      `${folder} is in use by Stageside ${owner.kind === 'desktop' ? 'desktop app' : owner.kind === 'web' ? 'web mode' : 'studio'} ` +
        `(PID ${owner.pid}, since ${new Date(owner.startedAt).toISOString()}). Close it first, or use another data folder.`,
    );
    this.name = 'DataFolderBusyError';
  }
}

/** What the lock needs from the OS; tests inject their own. */
export interface ProcessProbe {
  isAlive(pid: number): boolean;
  /** The command line of a running process, or undefined where the OS does not tell. */
  commandLine(pid: number): string | undefined;
  kill(pid: number, signal: NodeJS.Signals): void;
}

export const osProbe: ProcessProbe = {
  isAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  commandLine(pid) {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    } catch {
      if (process.platform === 'win32') return undefined;
      try {
        return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
      } catch {
        return undefined;
      }
    }
  },
  kill(pid, signal) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  },
};

/** A recorded PID is ours only while its command line still looks like the role (PIDs are reused). */
const ROLE_PATTERNS: Record<string, RegExp> = {
  owner: /stageside|electron|cli\.js|node/i,
  studio: /stageside|cli\.js/i,
  ingest: /ingestChild/i,
  ffmpeg: /ffmpeg/i,
  pusher: /ffmpeg/i,
};

function stillOurs(probe: ProcessProbe, pid: number, role: string): boolean {
  if (!probe.isAlive(pid)) return false;
  const cmd = probe.commandLine(pid);
  // Where the OS does not tell, a live PID counts as ours: refusing is safer than sharing a folder.
  return cmd === undefined || (ROLE_PATTERNS[role] ?? /stageside/i).test(cmd);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DataFolderLock {
  private released = false;

  private constructor(
    readonly file: string,
    private record: LockRecord,
  ) {}

  /**
   * Takes the folder for this process. Throws DataFolderBusyError when another live Stageside
   * process holds it; ends the recorded children of a crashed owner first (TERM, then KILL).
   */
  static async acquire(folder: string, kind: OwnerKind, o: { probe?: ProcessProbe; now?: () => number; pid?: number; log?: (msg: string) => void } = {}): Promise<DataFolderLock> {
    const probe = o.probe ?? osProbe;
    const pid = o.pid ?? process.pid;
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, LOCK_FILE);
    const record: LockRecord = { pid, kind, startedAt: (o.now ?? Date.now)(), children: {} };
    for (let tries = 0; tries < 5; tries++) {
      try {
        fs.writeFileSync(file, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
        return new DataFolderLock(file, record);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const previous = readRecord(file);
      if (previous && previous.pid !== pid && stillOurs(probe, previous.pid, 'owner')) throw new DataFolderBusyError(folder, previous);
      if (previous) await endLeftovers(probe, previous, o.log);
      fs.rmSync(file, { force: true });
    }
    throw new Error(`Could not take ${file}: another process keeps recreating it`);
  }

  get owner(): LockRecord {
    return this.record;
  }

  /** Records (or, with undefined, forgets) a child by role, so a crash leaves a trail to clean up. */
  setChild(role: string, pid: number | undefined): void {
    if (this.released) return;
    const children = { ...this.record.children };
    if (pid === undefined) delete children[role];
    else children[role] = pid;
    this.record = { ...this.record, children };
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.record), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }

  /** Gives the folder back (only if the file is still ours). */
  release(): void {
    if (this.released) return;
    this.released = true;
    const current = readRecord(this.file);
    if (current?.pid === this.record.pid) fs.rmSync(this.file, { force: true });
  }
}

function readRecord(file: string): LockRecord | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockRecord>;
    if (typeof r.pid !== 'number' || !Number.isInteger(r.pid) || r.pid <= 0) return undefined;
    return { pid: r.pid, kind: r.kind ?? 'web', startedAt: r.startedAt ?? 0, children: r.children && typeof r.children === 'object' ? r.children : {} };
  } catch {
    return undefined;
  }
}

/** Ends the children a crashed owner recorded that still run, SIGTERM then SIGKILL after 2 s. */
async function endLeftovers(probe: ProcessProbe, previous: LockRecord, log?: (msg: string) => void): Promise<void> {
  const leftovers = Object.entries(previous.children).filter(([role, pid]) => Number.isInteger(pid) && pid > 0 && stillOurs(probe, pid, role));
  if (leftovers.length === 0) return;
  log?.(`ending what a previous run (PID ${previous.pid}) left running: ${leftovers.map(([r, p]) => `${r} ${p}`).join(', ')}`);
  for (const [, pid] of leftovers) probe.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline && leftovers.some(([, pid]) => probe.isAlive(pid))) await sleep(50);
  for (const [, pid] of leftovers) if (probe.isAlive(pid)) probe.kill(pid, 'SIGKILL');
}
