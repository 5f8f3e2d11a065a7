// Process lookups for bench:recover and the fault e2e (Linux /proc): who is whose child, so a fault hits exactly the
// process it names — the ffmpeg the app recorded in its data folder's lock, the studio's ingest child.
import fs from 'node:fs';
import path from 'node:path';
import { LOCK_FILE, type LockRecord } from '../../src/node/infra/dataFolderLock';

export interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

/** One process's parent and command line; null once it is gone (or on a system without /proc). */
export function procInfo(pid: number): ProcInfo | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces; the fields after the last ')' are fixed.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { pid, ppid, cmdline: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() };
  } catch {
    return null;
  }
}

/** Every live descendant of `root` (children, grandchildren, …), from one pass over /proc. */
export function descendants(root: number): ProcInfo[] {
  const all = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => procInfo(Number(d)))
    .filter((p): p is ProcInfo => p !== null);
  const byParent = new Map<number, ProcInfo[]>();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out: ProcInfo[] = [];
  const stack = [root];
  while (stack.length) {
    for (const child of byParent.get(stack.pop() as number) ?? []) {
      out.push(child);
      stack.push(child.pid);
    }
  }
  return out;
}

/** The children the app recorded in `<dataDir>/stageside.lock` (studio, ffmpeg) while they run. */
export function lockedChildren(dataDir: string): Record<string, number> {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockRecord).children ?? {};
  } catch {
    return {};
  }
}

/** SIGKILL to one PID; false when it was already gone. */
export function kill9(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

export const hasProc = (): boolean => process.platform === 'linux' && fs.existsSync('/proc/self/stat');
