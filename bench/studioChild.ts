// The studio under test in a child process (`stageside studio --port 0 --no-ingest`), so its
// event loop and CPU are not shared with the thousands of client sockets the benchmark drives.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StudioInfo } from '../src/studio/studio';

export interface StudioChild {
  info: StudioInfo;
  pid: number;
  /** Resident memory of the child in MB (Linux /proc), or undefined elsewhere. */
  rssMb(): number | undefined;
  /** SIGTERM, then SIGKILL after 5 s; removes the temporary data dir. Idempotent. */
  stop(): Promise<void>;
}

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/stageside.js');

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startStudioChild(startTimeoutMs = 30_000): Promise<StudioChild> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-bench-'));
  const child = spawn(process.execPath, [BIN, 'studio', '--port', '0', '--data-dir', dataDir, '--no-ingest'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitExit(child, 2000);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const info = await new Promise<StudioInfo>((resolve, reject) => {
    let buf = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${why}\n--- studio stderr ---\n${stderr.trim()}`)));
    };
    const timer = setTimeout(() => fail(`the studio did not print its JSON line within ${startTimeoutMs} ms`), startTimeoutMs);
    child.once('error', (e) => fail(`could not start the studio: ${e.message}`));
    child.once('exit', (code, signal) => fail(`the studio exited before it was ready (code ${code}, signal ${signal})`));
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      try {
        const parsed = JSON.parse(buf.slice(0, nl)) as StudioInfo;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(parsed);
      } catch {
        fail(`the studio printed something other than its JSON line: ${buf.slice(0, nl).slice(0, 200)}`);
      }
    });
  });

  return {
    info,
    pid: child.pid ?? -1,
    rssMb() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
        return kb ? Number(kb) / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    stop,
  };
}
