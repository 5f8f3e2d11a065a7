// The built Electron main (out/main/index.js) under a stand-in `electron` module that models
// Electron 45 — its API, and its Node's ABI (150) refusing add-ons built for this machine's Node:
// main starts, takes its data folder, starts the studio from the built CLI entry with a Node whose
// ABI matches node_modules, answers IPC, goes live, asks before closing while live, and quitting
// while live leaves no process after 5 s. Packaged mode (Electron's binary as Node, no rebuild)
// shows the studio's whole ABI error. Needs a build (`npm test` builds first) and ffmpeg.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import { describeWith, built, ffmpeg, linux } from '../support/prereqs';
import { tempDir } from '../support/tempDir';
import { waitFor } from '../support/waitFor';


interface Line {
  ready?: boolean;
  id?: number;
  result?: { ok: boolean; value?: unknown; error?: { message: string } };
  dialog?: string;
  message?: string;
  exit?: number;
  event?: string;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function descendants(pid: number): number[] {
  const table: Array<{ pid: number; ppid: number }> = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (f[0] !== 'Z') table.push({ pid: Number(e), ppid: Number(f[1]) });
    } catch {
      // gone
    }
  }
  const found: number[] = [];
  const walk = (p: number) => table.filter((x) => x.ppid === p).forEach((c) => (found.push(c.pid), walk(c.pid)));
  walk(pid);
  return found;
}
const alive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

function startMain(env: Record<string, string>) {
  const userData = tempDir();
  const child: ChildProcess = spawn(process.execPath, ['--import', './test/electron-standin/register.mjs', 'out/main/index.js'], {
    cwd: process.cwd(),
    env: { ...process.env, STANDIN_USER_DATA: userData.dir, npm_node_execpath: process.execPath, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: Line[] = [];
  let stderr = '';
  readline.createInterface({ input: child.stdout! }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as Line);
    } catch {
      // not ours
    }
  });
  child.stderr!.on('data', (d) => (stderr += String(d)));
  cleanups.push(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    userData.cleanup();
  });
  let id = 0;
  const invoke = async <T,>(channel: string, arg: unknown = {}) => {
    const n = ++id;
    child.stdin!.write(`${JSON.stringify({ op: 'invoke', id: n, channel, arg })}\n`);
    const line = await waitFor(() => lines.find((l) => l.id === n), { timeoutMs: 15_000, message: `no answer to ${channel}; stderr: ${stderr}` });
    return line.result as { ok: boolean; value?: T; error?: { message: string } };
  };
  return {
    child,
    lines,
    invoke,
    userData: userData.dir,
    stderr: () => stderr,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    send: (o: object) => child.stdin!.write(`${JSON.stringify(o)}\n`),
  };
}

describeWith([built('out/main/index.js', 'out/main/cli.js'), ffmpeg(), linux()])('Electron main under the stand-in electron (Electron 45 ABI enforced)', () => {
  it('starts the studio, goes live over IPC, asks before closing while live, and quits leaving no process', async () => {
    const m = startMain({});
    await waitFor(() => m.lines.some((l) => l.ready) || m.exited(), { timeoutMs: 20_000, message: 'main did not load its window' });
    expect(m.exited(), m.stderr()).toBe(false);
    const lock = JSON.parse(fs.readFileSync(path.join(m.userData, 'stageside.lock'), 'utf8')) as { pid: number; kind: string };
    expect(lock).toMatchObject({ pid: m.child.pid, kind: 'desktop' });

    const status = await waitFor(
      async () => {
        const s = await m.invoke<{ state: string; lastError?: string }>('studio:getStatus');
        return s.value?.state === 'running' ? s.value : undefined;
      },
      { timeoutMs: 40_000, message: `the studio did not reach running: ${m.stderr()}` },
    );
    expect(status.state).toBe('running');
    // The studio runs from the built entry with the Node whose ABI matches node_modules.
    const studioPid = (JSON.parse(fs.readFileSync(path.join(m.userData, 'stageside.lock'), 'utf8')) as { children: { studio: number } }).children.studio;
    const cmd = fs.readFileSync(`/proc/${studioPid}/cmdline`, 'utf8').split('\0');
    expect(cmd[0]).toBe(process.execPath);
    expect(cmd[1]).toMatch(/out\/main\/cli\.js$/);
    expect(cmd.join(' ')).not.toMatch(/tsx|\.ts\b/);

    const started = await m.invoke('broadcast:start', { spec: { layout: 'test', video: { preset: '720p30' }, target: { kind: 'studio' } } });
    expect(started.ok, started.error?.message).toBe(true);
    await waitFor(async () => ((await m.invoke<{ state: { kind: string } }>('broadcast:getState')).value?.state.kind === 'live' ? true : undefined), {
      timeoutMs: 30_000,
      message: 'not live',
    });

    // The page gets the CSP of the settings' mode (studio: loopback only, no https: images).
    m.send({ op: 'headers', id: 9001 });
    const headers = await waitFor(() => m.lines.find((l) => l.id === 9001), { timeoutMs: 5_000 });
    const csp = String((headers.result as unknown as Record<string, string[]>)['Content-Security-Policy']?.[0] ?? '');
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\*/);
    expect(csp).not.toMatch(/img-src[^;]*https:(?!\/\/)/);

    // Closing the window while live asks, and the default answer keeps streaming.
    m.send({ op: 'closeWindow' });
    await waitFor(() => m.lines.some((l) => l.dialog === 'message' && /You are live/.test(l.message ?? '')), { timeoutMs: 5_000 });
    expect((await m.invoke<{ state: { kind: string } }>('broadcast:getState')).value?.state.kind).toBe('live');

    const tree = descendants(m.child.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(3); // studio, its ingest, ffmpeg
    m.send({ op: 'quit' });
    await waitFor(() => m.child.exitCode !== null || m.child.signalCode !== null, { timeoutMs: 15_000, message: 'main did not exit' });
    expect(m.lines.some((l) => l.exit === 0)).toBe(true);
    await waitFor(() => tree.every((p) => !alive(p)), { timeoutMs: 5_000, message: `left running: ${tree.filter(alive).join(', ')}` });
    expect(fs.existsSync(path.join(m.userData, 'stageside.lock'))).toBe(false);
  }, 120_000);

  it("packaged without a rebuild: the studio under Electron's Node is refused the add-on, and the console gets the whole reason", async () => {
    const m = startMain({ STANDIN_PACKAGED: '1' });
    await waitFor(() => m.lines.some((l) => l.ready) || m.exited(), { timeoutMs: 20_000, message: 'main did not load its window' });
    expect(m.exited(), m.stderr()).toBe(false);
    const failed = await waitFor(
      async () => {
        const s = await m.invoke<{ state: string; lastError?: string }>('studio:getStatus');
        return s.value?.lastError ? s.value : undefined;
      },
      { timeoutMs: 40_000, message: 'the studio did not report its failure' },
    );
    expect(failed.lastError).toMatch(/NODE_MODULE_VERSION 115/);
    expect(failed.lastError).toMatch(/requires\s+NODE_MODULE_VERSION 150/);
    m.send({ op: 'quit' });
    await waitFor(() => m.child.exitCode !== null || m.child.signalCode !== null, { timeoutMs: 15_000, message: 'main did not exit' });
  }, 90_000);
});
