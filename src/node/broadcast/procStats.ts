// CPU and memory of a child process without a native dependency: /proc on Linux, `ps` on macOS;
// Windows reports null (the UI shows "–"). Sampled once a second by the supervisor.
import fs from 'node:fs';
import { runTool } from './run';

export interface ProcUsage {
  /** Percent of one core since the previous sample. */
  cpuPercent: number | null;
  memoryMb: number | null;
}

const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

export class ProcSampler {
  private last: { cpuSec: number; atMs: number } | null = null;

  constructor(private readonly pid: number) {}

  async sample(nowMs: number): Promise<ProcUsage> {
    if (process.platform === 'linux') return this.linux(nowMs);
    if (process.platform === 'darwin') return this.ps();
    return { cpuPercent: null, memoryMb: null };
  }

  private linux(nowMs: number): ProcUsage {
    try {
      const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpuSec = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      const rssPages = Number(fs.readFileSync(`/proc/${this.pid}/statm`, 'utf8').split(' ')[1]);
      const prev = this.last;
      this.last = { cpuSec, atMs: nowMs };
      const cpuPercent = prev && nowMs > prev.atMs ? ((cpuSec - prev.cpuSec) / ((nowMs - prev.atMs) / 1000)) * 100 : null;
      return { cpuPercent: cpuPercent === null ? null : Math.round(cpuPercent * 10) / 10, memoryMb: Math.round((rssPages * PAGE_BYTES) / 1048576) };
    } catch {
      return { cpuPercent: null, memoryMb: null };
    }
  }

  private async ps(): Promise<ProcUsage> {
    const r = await runTool('ps', ['-o', '%cpu=,rss=', '-p', String(this.pid)], 2000);
    const [cpu, rss] = r.stdout.trim().split(/\s+/).map(Number);
    return { cpuPercent: Number.isFinite(cpu) ? (cpu as number) : null, memoryMb: Number.isFinite(rss) ? Math.round((rss as number) / 1024) : null };
  }
}

/** Total CPU seconds (user + system) a process has used so far; Linux only, for benchmarks. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
