// No orphans, one owner per data folder, as a host would meet it: web mode goes live on its studio;
// then web mode is SIGKILLed (and, in a second run, only the studio is) — within 5 s no studio,
// ingest or ffmpeg of it is left; the next start on the same folder comes up clean; and a second
// web mode on a folder in use is refused, naming the first one's PID. Needs Debian's ffmpeg.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeWith, ffmpeg, linux } from '../support/prereqs';
import { WebSocket } from 'ws';
import { tempDir } from '../support/tempDir';
import { waitFor } from '../support/waitFor';
import { startWebProcess, type WebProcess } from './support/webMode';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Proc {
  pid: number;
  ppid: number;
  cmd: string;
}

/** Live (non-zombie) processes from /proc. */
function processTable(): Proc[] {
  const out: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // a zombie waiting for its reaper is gone for our purpose
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.push({ pid: Number(entry), ppid: Number(fields[1]), cmd });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Every descendant of pid (children, grandchildren …). */
function descendants(pid: number): Proc[] {
  const table = processTable();
  const found: Proc[] = [];
  const walk = (p: number) => {
    for (const c of table.filter((x) => x.ppid === p)) {
      found.push(c);
      walk(c.pid);
    }
  };
  walk(pid);
  return found;
}

const stillRunning = (pids: number[]): Proc[] => processTable().filter((p) => pids.includes(p.pid));

/** The web-mode API over its socket: call(name, arg) → the command's result. */
async function api(web: WebProcess) {
  const token = new URL(web.url).searchParams.get('token')!;
  const ws = new WebSocket(`${web.origin.replace('http', 'ws')}/ws?token=${token}`);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  let id = 0;
  const pending = new Map<number, (v: unknown) => void>();
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as { t: string; id?: number; result?: unknown };
    if (f.t === 'result' && f.id !== undefined) pending.get(f.id)?.(f.result);
  });
  cleanups.push(() => ws.terminate());
  return <T,>(name: string, arg: unknown = {}) =>
    new Promise<{ ok: boolean; value?: T; error?: { message: string } }>((resolve) => {
      const n = ++id;
      pending.set(n, resolve as (v: unknown) => void);
      ws.send(JSON.stringify({ t: 'call', id: n, name, arg }));
    });
}

async function liveWebMode(folder: string) {
  const web = await startWebProcess(folder);
  cleanups.push(() => web.stop());
  const call = await api(web);
  const status = await waitFor(
    async () => {
      const s = await call<{ state: string; info?: { rtmpIngestUrl: string; restBaseUrl: string } }>('studio:getStatus');
      return s.value?.state === 'running' ? s.value : undefined;
    },
    { timeoutMs: 30_000, message: 'the studio did not start' },
  );
  const started = await call('broadcast:start', { spec: { layout: 'test', video: { preset: '720p30' }, target: { kind: 'studio' } } });
  expect(started.ok, started.error?.message).toBe(true);
  await waitFor(async () => (await call<{ state: { kind: string } }>('broadcast:getState')).value?.state.kind === 'live', {
    timeoutMs: 30_000,
    message: 'the broadcast did not go live',
  });
  return { web, call, studioInfo: status.info! };
}

describeWith([ffmpeg(), linux()])('no orphans, one owner per data folder', () => {
  it('SIGKILL of web mode while live leaves no studio, ingest or ffmpeg after 5 s; the next start is clean', async () => {
    const d = tempDir();
    cleanups.push(() => d.cleanup());
    const { web } = await liveWebMode(d.dir);
    const tree = descendants(web.child.pid!);
    expect(tree.some((p) => /ffmpeg/.test(p.cmd))).toBe(true);
    expect(tree.some((p) => /studio/.test(p.cmd))).toBe(true);
    expect(tree.some((p) => /ingestChild/.test(p.cmd))).toBe(true);

    web.child.kill('SIGKILL');
    const pids = tree.map((p) => p.pid);
    await waitFor(() => stillRunning(pids).length === 0, {
      timeoutMs: 5_000,
      message: `left running 5 s after SIGKILL: ${JSON.stringify(stillRunning(pids))}`,
    });

    // The same folder starts again, with its studio, and goes live.
    const again = await liveWebMode(d.dir);
    expect(again.web.child.exitCode).toBeNull();
  }, 120_000);

  it('SIGKILL of the studio while live leaves no ingest after 5 s, and a second web mode on the folder is refused', async () => {
    const d = tempDir();
    cleanups.push(() => d.cleanup());
    const { web } = await liveWebMode(d.dir);
    const lock = JSON.parse(fs.readFileSync(path.join(d.dir, 'stageside.lock'), 'utf8')) as { pid: number; children: Record<string, number> };
    expect(lock.pid).toBe(web.child.pid);
    expect(lock.children.ffmpeg).toBeGreaterThan(0);
    const studioPid = lock.children.studio!;
    const studioTree = descendants(studioPid);
    expect(studioTree.some((p) => /ingestChild/.test(p.cmd))).toBe(true);

    process.kill(studioPid, 'SIGKILL');
    const pids = [studioPid, ...studioTree.map((p) => p.pid)];
    await waitFor(() => stillRunning(pids).length === 0, { timeoutMs: 5_000, message: 'the ingest outlived its studio' });

    const second = await startWebProcess(d.dir).then(
      (w) => (cleanups.push(() => w.stop()), 'started'),
      (e: Error) => e.message,
    );
    expect(second).toMatch(new RegExp(`in use by Stageside web mode \\(PID ${web.child.pid}`));
  }, 120_000);
});
