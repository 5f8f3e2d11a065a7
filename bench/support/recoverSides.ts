// The two pushers of bench:recover. Stageside: node services as web mode composes them (the data
// folder's lock, createNodeServices with the studio as a child process), going live through the
// dispatcher with the test source to the studio target, exactly as the console's Go Live does.
// Baseline: the same ffmpeg argv (the same builder) run bare under a naive supervisor that starts
// it again 100 ms after any exit (systemd's Restart=always at its default RestartSec), with its push
// URL signed once, as a script would.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFolderLock } from '../../src/node/infra/dataFolderLock';
import { FileSecretStore } from '../../src/node/infra/fileSecretStore';
import { nodeCrypto } from '../../src/node/infra/nodeCrypto';
import { expiresAfter, PUSH_VALID_SECONDS, signLvbPush } from '../../src/node/broadcast/pushTargets';
import { createNodeServices, type NodeServices, type NodeServicesOptions } from '../../src/node/services';
import { studioCommandFor } from '../../src/node/web/startWeb';
import type { ProbeResult } from '../../src/shared/broadcastContract';
import type { CommandName, CommandRequest, CommandResult } from '../../src/shared/contract';
import { buildFfmpegArgs } from '../../src/shared/domain/broadcast/ffmpegArgs';
import type { Platform } from '../../src/shared/domain/broadcast/inputs';
import type { StreamSnapshot } from '../../src/shared/domain/broadcast/snapshot';
import { broadcastSpecSchema } from '../../src/shared/domain/broadcast/spec';
import type { Result } from '../../src/shared/errors';
import type { StudioPublicInfo, StudioStatus } from '../../src/shared/studioStatus';
import { descendants, kill9, lockedChildren, procInfo } from '../../test/support/procTree';

/** The broadcast both sides push: the test source at 720p30 (what the console's test layout sends). */
export const TEST_SPEC = { layout: 'test', video: { preset: '720p30' } } as const;
/** The room the Stageside side goes live in (the studio's demo room) and the baseline's stream. */
export const STAGESIDE_STREAM = 'demo';
export const BASELINE_STREAM = 'baseline';
/** A naive supervisor's pause between an exit and the next start (systemd's default RestartSec). */
export const NAIVE_RESTART_MS = 100;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await Promise.resolve(fn()).catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

interface Stamped<T> {
  at: number;
  value: T;
}

/** Node services with the studio child, as web mode runs them (without the web server). */
export class StagesideSide {
  readonly states: Stamped<StreamSnapshot>[] = [];
  readonly studioStatuses: Stamped<StudioStatus>[] = [];
  /** Wall time the broadcast last became live (a snapshot of kind live after one of another kind). */
  liveSince = NaN;
  /** Wall time the studio's ingest last reported running with at least one restart behind it. */
  ingestBackAt = NaN;

  private constructor(
    readonly dataDir: string,
    private readonly lock: DataFolderLock,
    readonly services: NodeServices,
  ) {
    services.events.add({
      emit: (name, payload) => {
        const at = Date.now();
        if (name === 'broadcast:state') {
          const snap = payload as StreamSnapshot;
          if (snap.state.kind === 'live' && this.states.at(-1)?.value.state.kind !== 'live') this.liveSince = at;
          this.states.push({ at, value: snap });
          if (this.states.length > 20_000) this.states.splice(0, 10_000);
        } else if (name === 'studio:status') {
          const s = payload as StudioStatus;
          const before = this.studioStatuses.at(-1)?.value.ingest;
          if (s.ingest?.state === 'running' && s.ingest.restarts > 0 && before?.state !== 'running') this.ingestBackAt = at;
          this.studioStatuses.push({ at, value: s });
        }
      },
    });
  }

  /** Takes a fresh data folder, starts the services and waits for the studio to run. */
  static async start(timeoutMs: number, extra: Pick<NodeServicesOptions, 'ffmpegPath'> = {}): Promise<{ side: StagesideSide; studioReadyMs: number }> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-recover-'));
    const lock = await DataFolderLock.acquire(dataDir, 'web');
    const t0 = Date.now();
    let services: NodeServices;
    try {
      services = await createNodeServices({
        lock,
        dataDir,
        transport: 'web',
        secrets: new FileSecretStore(dataDir),
        openFolder: async () => false,
        studioCommand: studioCommandFor(path.join(dataDir, 'studio')),
        ...extra,
      });
    } catch (e) {
      lock.release();
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw e;
    }
    const side = new StagesideSide(dataDir, lock, services);
    try {
      await until('the studio to run', () => services.studio?.get().state === 'running', timeoutMs);
    } catch (e) {
      await side.close();
      throw new Error(`${(e as Error).message}: ${JSON.stringify(services.studio?.get())}`);
    }
    return { side, studioReadyMs: Date.now() - t0 };
  }

  call<K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<Result<CommandResult<K>>> {
    return this.services.dispatcher(name, arg, { transport: 'web' }) as never;
  }

  async must<K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<CommandResult<K>> {
    const r = await this.call(name, arg);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  studio(): StudioStatus {
    return this.services.studio?.get() ?? { state: 'off', restarts: 0 };
  }

  /** The running studio's public info; throws while it is not running. */
  info(): StudioPublicInfo {
    const s = this.studio();
    if (s.state !== 'running' || !s.info) throw new Error(`the studio is ${s.state}${s.lastError ? `: ${s.lastError}` : ''}`);
    return s.info;
  }

  probe(): Promise<ProbeResult> {
    return this.must('broadcast:probe', {});
  }

  /** Go Live as the console does: the test source, to the studio target (main signs the push). */
  async goLive(): Promise<void> {
    const snap = await this.must('broadcast:start', { spec: { ...TEST_SPEC, target: { kind: 'studio' } } });
    if (snap.state.kind === 'failed') throw new Error(`Go Live failed: ${snap.state.error.code} ${snap.state.error.message}`);
  }

  /** Stop, then Go Live again (the harness restoring a push that did not come back by itself). */
  async goLiveAgain(): Promise<void> {
    await this.call('broadcast:stop', {});
    await this.goLive();
  }

  state(): StreamSnapshot['state'] {
    return this.services.broadcastState().state;
  }

  /** Pushing again after a fault at `faultAt`: the state left live after it and is live now. */
  liveAgain(faultAt: number): boolean {
    const left = this.states.findIndex((s) => s.at >= faultAt && s.value.state.kind !== 'live');
    return left >= 0 && this.states.length - 1 > left && this.states.at(-1)?.value.state.kind === 'live';
  }

  /** The ffmpeg the app runs, as recorded in the data folder's lock (checked to be an ffmpeg). */
  ffmpegPid(): number | undefined {
    const pid = lockedChildren(this.dataDir).ffmpeg;
    return pid !== undefined && /ffmpeg/.test(procInfo(pid)?.cmdline ?? '') ? pid : undefined;
  }

  /** The studio's ingest child: the descendant of the recorded studio process that runs ingestChild. */
  ingestPid(): number | undefined {
    const studio = lockedChildren(this.dataDir).studio;
    return studio === undefined ? undefined : descendants(studio).find((p) => /ingestChild/.test(p.cmdline))?.pid;
  }

  /** The studio's /healthz `onAir` list, or undefined when it does not answer within `timeoutMs`. */
  async onAir(timeoutMs: number): Promise<string[] | undefined> {
    const s = this.studio();
    if (s.state !== 'running' || !s.info) return undefined;
    try {
      const res = await fetch(`${s.info.restBaseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
      return ((await res.json()) as { onAir?: string[] }).onAir ?? [];
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.services.dispose().catch(() => undefined);
    this.lock.release();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** One bare ffmpeg run: its PID, when it was spawned, when its -progress first showed a frame. */
export interface BareRun {
  child: ChildProcess;
  pid: number;
  spawnedAt: number;
  firstFrameAt: number;
  exited: boolean;
}

/** The baseline pusher: the builder's argv, spawned bare, started again NAIVE_RESTART_MS after each exit. */
export class NaiveSupervisor {
  readonly runs: BareRun[] = [];
  private on = false;
  private timer: NodeJS.Timeout | undefined;
  args: string[] = [];

  constructor(private readonly ffmpegPath: string) {}

  /** Starts supervising these arguments (the push URL signed once, inside them). */
  start(args: string[]): void {
    this.args = args;
    this.on = true;
    this.spawnOne();
  }

  current(): BareRun | undefined {
    const r = this.runs.at(-1);
    return r && !r.exited ? r : undefined;
  }

  /** Pushing again after a fault: a run spawned after it is up with frames out. */
  liveAgain(faultAt: number): boolean {
    const r = this.current();
    return r !== undefined && r.spawnedAt > faultAt && Number.isFinite(r.firstFrameAt);
  }

  /** Pushing now (frames out), whenever it started. */
  live(): boolean {
    return Number.isFinite(this.current()?.firstFrameAt ?? NaN);
  }

  private spawnOne(): void {
    if (!this.on) return;
    // Same process group as this benchmark (a group kill of the run takes it too); ffmpeg also ends
    // when its pipes close.
    const child = spawn(this.ffmpegPath, this.args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const run: BareRun = { child, pid: child.pid ?? -1, spawnedAt: Date.now(), firstFrameAt: NaN, exited: false };
    this.runs.push(run);
    if (this.runs.length > 1000) this.runs.splice(0, 500);
    child.stdin?.on('error', () => {});
    child.stderr?.resume();
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      if (Number.isFinite(run.firstFrameAt)) return;
      for (const m of d.matchAll(/^frame=(\d+)/gm)) if (Number(m[1]) > 0 && Number.isNaN(run.firstFrameAt)) run.firstFrameAt = Date.now();
    });
    child.once('error', () => undefined);
    child.once('close', () => {
      run.exited = true;
      if (this.on) this.timer = setTimeout(() => this.spawnOne(), NAIVE_RESTART_MS);
    });
  }

  /** SIGKILL to the running ffmpeg (fault a); the supervisor starts it again. */
  killCurrent(): number | undefined {
    const r = this.current();
    if (r && kill9(r.pid)) return r.pid;
    return undefined;
  }

  async stop(): Promise<void> {
    this.on = false;
    clearTimeout(this.timer);
    await Promise.all(
      this.runs
        .filter((r) => !r.exited)
        .map((r) => new Promise<void>((resolve) => (r.child.once('close', () => resolve()), r.child.kill('SIGKILL')))),
    );
  }
}

/** The builder's argv for the test spec pushing to `url` (both sides' ffmpeg argv come from here). */
export function builtArgs(url: string, caps: ProbeResult, platform: Platform, clockPipe = false): string[] {
  const built = buildFfmpegArgs(broadcastSpecSchema.parse({ ...TEST_SPEC, target: { kind: 'url', url } }), platform, caps as never, {
    pushUrl: url,
    recordPath: null,
    previewPath: null,
    clockPipe,
  });
  if (!built.ok) throw new Error(`argv builder: ${built.error.code} ${built.error.message}`);
  return built.value.args;
}

/** The baseline's push URL: the studio ingest's, signed for its own stream with the studio's push key. */
export function baselinePushUrl(side: StagesideSide): string {
  const info = side.info();
  const key = side.services.studio?.credentials()?.pushKey;
  if (!info.rtmpIngestUrl || !key) throw new Error('the studio runs without an ingest');
  const u = new URL(info.rtmpIngestUrl);
  return signLvbPush(nodeCrypto, {
    domain: u.host,
    appName: u.pathname.replace(/^\//, '') || 'live',
    streamName: BASELINE_STREAM,
    key,
    expiresAt: expiresAfter(Date.now(), PUSH_VALID_SECONDS),
  }).rtmp;
}

/** The baseline's FLV URL at the studio's ingest (the plain page plays it). */
export function baselineFlvUrl(side: StagesideSide): string {
  const { playBaseUrl } = side.info();
  if (!playBaseUrl) throw new Error('the studio runs without an ingest');
  return `${playBaseUrl}/${BASELINE_STREAM}.flv`;
}

/** The arguments of a running process (its program left out). */
export function argvOf(pid: number): string[] | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(1);
  } catch {
    return undefined;
  }
}
