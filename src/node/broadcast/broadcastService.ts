// The broadcast supervisor: runs the go-live checklist, spawns ffmpeg, follows its progress and
// stderr, reconnects a push that had been live with visible backoff (a first connect that fails is
// reported as itself, at once) and emits a snapshot on every change. The decisions are the pure
// state machine's (shared/domain/broadcast/stateMachine.ts); this reacts to them.
import type { BackoffPolicy } from '../../shared/domain/backoff';
import { broadcastError, type BroadcastError } from '../../shared/domain/broadcast/errors';
import type { BuiltCommand } from '../../shared/domain/broadcast/ffmpegArgs';
import type { Platform } from '../../shared/domain/broadcast/inputs';
import { healthTarget, healthView, newRun, observe, startHealth, type HealthState } from '../../shared/domain/broadcast/health';
import type { ProgressStats } from '../../shared/domain/broadcast/progress';
import type { StreamSnapshot } from '../../shared/domain/broadcast/snapshot';
import type { BroadcastSpec, BroadcastSpecInput } from '../../shared/domain/broadcast/spec';
import { maskSecret } from '../../shared/secrets';
import { EARLY_CLOSE_MS, classifyFailure, lineSignal } from '../../shared/domain/broadcast/stderrClassifier';
import { defaultBackoff, isActive, transition, type ChecklistStep, type StepStatus, type StreamEvent, type StreamState } from '../../shared/domain/broadcast/stateMachine';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import type { Logger } from '../infra/logger';
import { nodeCrypto } from '../infra/nodeCrypto';
import { probeCapabilities, type FfmpegCapabilities } from './capabilities';
import { currentPlatform, listDevices } from './deviceLister';
import { FfmpegProcess, type FfmpegExit, type Spawner } from './ffmpegProcess';
import { ClockedPush } from './clockedPush';
import { DESTINATION_STABLE_MS, DestinationSet, type DestinationSpec } from './destinations';
import { joinServerKey, signTarget, type TargetSource } from './pushTargets';
import type { LocateResult } from './ffmpegLocator';
import { attemptTarget, buildAttempt, runChecklist, type GoLivePlan } from './goLive';
import { type Checked } from './deviceCheck';
import { ProcSampler, type ProcUsage } from './procStats';
import { writtenBytes } from './recording';
import type { CaptureDevice } from '../../shared/domain/broadcast/devices';
import type { ViewerDelayView } from '../../shared/domain/streamClock/viewerDelay';

export interface BroadcastServiceDeps {
  log: Logger;
  clock: Clock;
  spawner?: Spawner;
  /** Settings path → ffmpeg-static → PATH (ffmpegLocator.locateFfmpeg). */
  resolveFfmpeg: () => Promise<LocateResult>;
  recordingsDir: string;
  onState(snapshot: StreamSnapshot): void;
  platform?: Platform;
  crypto?: CryptoPort;
  /** The LVB push key from the secret store, for `lvb` targets without an inline key. */
  resolvePushKey?: () => Promise<string | undefined>;
  /** Replaces the real probe (tests with the fake ffmpeg). */
  probeCapabilities?: (loc: { path: string; source: FfmpegCapabilities['source'] }) => Promise<FfmpegCapabilities>;
  backoff?: BackoffPolicy;
  stallMs?: number;
  stopPhaseMs?: number;
  /** ffmpeg's PID while it runs (undefined once it has exited), for the data folder's lock record. */
  onFfmpegPid?(pid: number | undefined): void;
  random?: () => number;
  /** Where the preview JPEG goes when the spec asks for one (default: the recordings folder). */
  previewDir?: string;
  /**
   * Push through the stream-clock pass-through (clockedPush.ts: a clock SEI per keyframe and per
   * cue); default on. Off: ffmpeg pushes directly (no clock; the benches' baseline).
   */
  streamClock?: boolean;
  /** The measured viewer delay to put in snapshots (viewerDelayProbe.ts). */
  viewerDelay?: () => ViewerDelayView | null;
  /** The pusher's PID while it runs (the data folder's lock record). */
  onPusherPid?(pid: number | undefined): void;
}

interface Run {
  proc: FfmpegProcess;
  /** The stream-clock pusher, when the push goes through it (a set of them for several destinations). */
  push: ClockedPush | DestinationSet | null;
  tee: boolean;
  pushFailed: boolean;
  tail: string[];
  sampler: ProcSampler | null;
  /** With tee, this run's recording part: ffmpeg gives no size, its growth on disk measures the bitrate. */
  recordPath: string | null;
  written: { at: number; bytes: number } | null;
  /** The show had been live before this run started (a reconnect): its key was accepted then. */
  afterLive: boolean;
}


const TAIL_LINES = 60;
const SHOWINFO = /Parsed_showinfo_\d+ @ [^\]]*\] n:\s*(\d+) pts:\s*-?\d+\s+pts_time:(-?[\d.]+)/;

export class BroadcastService {
  private state: StreamState = { kind: 'idle' };
  private session: GoLivePlan | undefined;
  private run: Run | undefined;
  private usage: ProcUsage = { cpuPercent: null, memoryMb: null };
  private recordingError: BroadcastError | null = null;
  private health: HealthState | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private stopPromise: Promise<StreamSnapshot> | undefined;
  private capsCache = new Map<string, Promise<FfmpegCapabilities>>();
  private lastSpec: BroadcastSpecInput | undefined;
  /** Asked where to push at every connect attempt of the session (reconnects and Retry now too). */
  private source: TargetSource | undefined;
  private readonly platform: Platform;
  private readonly policy: BackoffPolicy;

  constructor(private readonly d: BroadcastServiceDeps) {
    this.platform = d.platform ?? currentPlatform();
    this.policy = d.backoff ?? defaultBackoff;
  }

  /** The state read fresh (dispatch changes it behind TypeScript's narrowing). */
  private get current(): StreamState {
    return this.state;
  }

  getState(): StreamSnapshot {
    const s = this.session;
    const at = this.d.clock.now();
    return {
      state: this.state,
      target: s?.pushUrl ? displayTarget(s.spec.target, s.pushUrl) : null,
      encoder: s?.encoder ?? null,
      recording: s?.parts ? { files: [...s.parts.files], error: this.recordingError } : null,
      previewPath: s?.previewPath ?? null,
      health: this.health ? healthView(this.health, at) : null,
      at,
      ...(this.d.viewerDelay ? { viewerDelay: this.d.viewerDelay() } : {}),
      ...(this.run?.push instanceof DestinationSet ? { destinations: this.run.push.views(at) } : {}),
    };
  }

  async probe(): Promise<Checked<FfmpegCapabilities>> {
    const loc = await this.d.resolveFfmpeg();
    if (!loc.ok) return loc;
    let caps = this.capsCache.get(loc.value.path);
    if (!caps) {
      caps = (this.d.probeCapabilities ?? ((l) => probeCapabilities(l)))(loc.value);
      this.capsCache.set(loc.value.path, caps);
      caps.catch(() => this.capsCache.delete(loc.value.path));
    }
    try {
      return { ok: true, value: await caps };
    } catch (e) {
      return { ok: false, error: broadcastError('FFMPEG_CRASHED', e instanceof Error ? e.message : String(e)) };
    }
  }

  async listDevices(): Promise<Checked<CaptureDevice[]>> {
    const loc = await this.d.resolveFfmpeg();
    if (!loc.ok) return loc;
    return { ok: true, value: await listDevices(loc.value.path, this.platform) };
  }

  /**
   * Runs the checklist and goes live; never throws: failures end in the `failed` state. With a
   * `source`, every connect attempt asks it where to push (a restarted studio's new address, a
   * changed setting, LVB re-signed); without, the spec's target is signed afresh for each.
   */
  async start(input: BroadcastSpecInput, source?: TargetSource): Promise<StreamSnapshot> {
    if (isActive(this.state)) return this.getState();
    this.lastSpec = input;
    this.source = source;
    this.session = undefined;
    this.recordingError = null;
    this.health = null;
    this.dispatch({ type: 'start', at: this.d.clock.now() });
    const prepared = await runChecklist(input, {
      clock: this.d.clock,
      crypto: this.d.crypto ?? nodeCrypto,
      platform: this.platform,
      recordingsDir: this.d.recordingsDir,
      ...(this.d.previewDir ? { previewDir: this.d.previewDir } : {}),
      ...(this.d.resolvePushKey ? { resolvePushKey: this.d.resolvePushKey } : {}),
      ...(source ? { source } : {}),
      probe: () => this.probe(),
      step: (step, status) => this.step(step, status),
      still: () => this.current.kind === 'preparing',
      streamClock: this.d.streamClock ?? true,
    });
    if (prepared === null) return this.getState();
    if (!prepared.ok) {
      this.dispatch({ type: 'failure', at: this.d.clock.now(), error: prepared.error, random: 0 });
      return this.getState();
    }
    this.session = prepared.value.session;
    this.dispatch({ type: 'connect', at: this.d.clock.now() });
    this.spawnRun(prepared.value.attempt);
    return this.getState();
  }

  /** Reconnect at once instead of waiting out the backoff; after a give-up, start over. Both ask where to push. */
  async retryNow(): Promise<StreamSnapshot> {
    if (this.state.kind === 'reconnecting') await this.retry();
    else if (this.state.kind === 'failed' && this.lastSpec !== undefined) return this.start(this.lastSpec, this.source);
    return this.getState();
  }

  /** Idempotent; a user stop ends in `ended`, never `failed`. */
  stop(): Promise<StreamSnapshot> {
    if (this.stopPromise) return this.stopPromise;
    if (!isActive(this.state)) return Promise.resolve(this.getState());
    this.dispatch({ type: 'stop', at: this.d.clock.now() });
    this.clearTimers();
    this.stopPromise = (async () => {
      const run = this.run;
      if (run) await Promise.all([run.proc.stop(), run.push?.stop()]);
      this.run = undefined;
      this.dispatch({ type: 'exited', at: this.d.clock.now() });
      this.stopPromise = undefined;
      return this.getState();
    })();
    return this.stopPromise;
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.clearTimers();
  }

  /** Runs one attempt's command as built (once per attempt: runChecklist or retry). */
  private spawnRun(attempt: BuiltCommand): void {
    const s = this.session;
    if (!s) return;
    const recordPath = attempt.outputs.tee ? (s.parts?.files.at(-1) ?? null) : null;
    const afterLive = (this.state.kind === 'connecting' || this.state.kind === 'live') && this.state.session.wentLive;
    const run: Run = { proc: undefined as unknown as FfmpegProcess, push: null, tee: attempt.outputs.tee, pushFailed: false, tail: [], sampler: null, recordPath, written: null, afterLive };
    this.health = newRun(this.health ?? startHealth(healthTarget(s.spec)));
    const push = !attempt.outputs.clockPipe || !s.pushUrl ? null : s.spec.extraTargets.length > 0 ? this.destinationSet(run, s, s.pushUrl) : this.clockedPush(run, s.ffmpegPath, s.pushUrl);
    run.push = push;
    run.proc = new FfmpegProcess({
      file: s.ffmpegPath,
      args: attempt.args,
      clock: this.d.clock,
      ...(this.d.spawner ? { spawner: this.d.spawner } : {}),
      stallMs: this.d.stallMs ?? 5000,
      stopPhaseMs: this.d.stopPhaseMs ?? 3000,
      ...(push ? { flvOut: (chunk: Buffer) => push.write(chunk), onFlvEnd: () => push.end() } : {}),
      onSpawn: (pid) => {
        this.d.onFfmpegPid?.(pid);
        if (this.run !== run) return;
        run.sampler = new ProcSampler(pid);
        this.step('spawn', 'ok');
      },
      onProgress: (stats) => this.onProgress(run, stats),
      onStderr: (line) => this.onStderr(run, line),
      onStall: () => {
        if (this.run !== run || run.pushFailed) return;
        this.failRun(run, broadcastError('STALLED', `no progress for ${(this.d.stallMs ?? 5000) / 1000} s`));
        void run.proc.kill();
      },
      onExit: (exit) => {
        if (this.run === run) this.d.onFfmpegPid?.(undefined);
        this.onExit(run, exit);
      },
    });
    this.run = run;
    this.d.log.info({ args: attempt.args.map(maskSecretsInUrl), encoder: attempt.encoder, streamClock: push !== null }, 'broadcast: starting ffmpeg');
    push?.start();
    run.proc.start();
    this.startStatsTimer();
  }

  private onProgress(run: Run, stats: ProgressStats): void {
    if (this.run !== run || run.pushFailed) return;
    // Through the stream clock the encoder runs before the push is up: not live until the server took it.
    if (run.push && !run.push.connected) return;
    if (this.state.kind === 'connecting' && stats.frame > 0) this.step('firstProgress', 'ok');
    const at = this.d.clock.now();
    // ffmpeg's total_size, or with tee (N/A there) the recording's growth, unless the recording failed.
    const written = stats.totalSize !== null ? { at, bytes: stats.totalSize } : this.recordingError ? null : run.written;
    const ffmpeg = { fps: stats.fps, speed: stats.speed, bitrateKbps: stats.bitrateKbps };
    if (this.health) this.health = observe(this.health, { at, frame: stats.frame, outTimeMs: stats.outTimeMs, dropFrames: stats.dropFrames, written, ffmpeg });
    this.dispatch({
      type: 'progress',
      at,
      stats: {
        frames: stats.frame, ...(this.health?.current ?? { ...ffmpeg, bitrateEstimated: false }),
        dropFrames: stats.dropFrames, dupFrames: stats.dupFrames, outTimeMs: stats.outTimeMs, ...this.usage,
      },
    });
  }

  private onStderr(run: Run, line: string): void {
    // The encoder's per-frame input lines (showinfo, two a frame): the stream clock's capture time,
    // not messages; kept out of the tail the failure classifier reads, and out of the log.
    if (line.startsWith('[Parsed_showinfo_')) {
      const input = SHOWINFO.exec(line);
      if (input) run.push?.stamper.noteCapture(Number(input[1]), Number(input[2]) * 1000, this.d.clock.now());
      return;
    }
    run.tail.push(line);
    if (run.tail.length > TAIL_LINES) run.tail.shift();
    this.d.log.debug({ src: 'ffmpeg' }, line);
    if (this.run !== run) return;
    const signal = lineSignal(line, run.tee);
    if (signal?.kind === 'record-failed') {
      this.recordingError = broadcastError('RECORDING_FAILED', line.trim().slice(0, 300));
      this.emit();
    } else if (signal?.kind === 'push-failed' && !run.pushFailed && (this.state.kind === 'connecting' || this.state.kind === 'live')) {
      // Let the cause lines that follow the failure line arrive before classifying.
      setTimeout(() => this.failRun(run, this.classify(run, null)), 50);
      run.pushFailed = true;
    }
  }

  private onExit(run: Run, exit: FfmpegExit): void {
    this.d.log.info({ code: exit.code, signal: exit.signal, phase: exit.phase }, 'broadcast: ffmpeg exited');
    if (this.run === run && this.state.kind !== 'reconnecting') this.stopStatsTimer();
    if (this.run !== run || run.pushFailed || this.state.kind === 'stopping') return;
    if (exit.phase === 'spawn-failed') return this.failRun(run, this.spawnFailure(exit));
    if (exit.phase === 'before-progress') this.step('firstProgress', 'failed');
    this.failRun(run, this.classify(run, exit));
  }

  private spawnFailure(exit: { spawnError?: { code: string; message: string } }): BroadcastError {
    const code = exit.spawnError?.code === 'ENOENT' ? 'FFMPEG_NOT_FOUND' : 'FFMPEG_CRASHED';
    return broadcastError(code, `${this.session?.ffmpegPath}: ${exit.spawnError?.message ?? 'could not start'}`);
  }

  private classify(run: Run, exit: FfmpegExit | null): BroadcastError {
    const p = run.proc.lastProgress;
    const live = this.state.kind === 'live' ? this.state : null;
    return classifyFailure(run.tail, {
      // A reconnect closed early is the server going away (a second fault right after the first),
      // not a refused key: that key was accepted earlier in the show. A refusal the server words
      // (AUTH_TEXT) still fails at once.
      everLive: run.afterLive || (live !== null && this.d.clock.now() - live.since >= EARLY_CLOSE_MS && (p?.outTimeMs ?? 0) >= EARLY_CLOSE_MS),
      outTimeMs: p?.outTimeMs ?? 0,
      totalSize: run.tee ? null : (p?.totalSize ?? null),
      exitCode: exit?.code ?? null,
      signal: exit?.signal ?? null,
    });
  }

  /** A failed push or run: the machine decides between reconnecting and failed. */
  private failRun(run: Run | undefined, error: BroadcastError): void {
    if (run && this.run !== run) return;
    if (run) run.pushFailed = true;
    if (this.state.kind !== 'connecting' && this.state.kind !== 'live') return;
    const wentLive = this.state.session.wentLive;
    this.d.log.warn({ code: error.code, message: error.message, detail: error.detail, wentLive }, wentLive ? 'broadcast: push failed' : 'broadcast: go live failed');
    this.dispatch({ type: 'failure', at: this.d.clock.now(), error, random: (this.d.random ?? Math.random)() });
    const after = this.current;
    const recordingGoesOn = run !== undefined && run.tee && !run.proc.exited && after.kind === 'reconnecting';
    // With tee the recording continues while we wait; otherwise the run is over.
    if (run && !recordingGoesOn) void run.proc.stop();
    if (run) void run.push?.stop();
    if (after.kind === 'reconnecting') {
      const delay = Math.max(0, after.nextAt - this.d.clock.now());
      this.retryTimer = setTimeout(() => void this.retry(), delay);
    } else {
      this.stopStatsTimer();
    }
  }

  private async retry(): Promise<void> {
    if (this.state.kind !== 'reconnecting') return;
    this.clearTimers();
    this.dispatch({ type: 'retry', at: this.d.clock.now() });
    const old = this.run;
    if (old) await Promise.all([old.proc.stop(), old.push?.stop()]);
    if (this.current.kind !== 'connecting') return;
    const s = this.session;
    if (!s) return;
    // Asked again and signed afresh: a restarted studio's new address, a changed setting, and an LVB
    // URL never close to expiry after a long outage. Not there now (the studio restarting): this
    // attempt fails like a refused connection, and the next one asks again.
    const next = await attemptTarget(s.spec, {
      crypto: this.d.crypto ?? nodeCrypto,
      clock: this.d.clock,
      ...(this.d.resolvePushKey ? { pushKey: this.d.resolvePushKey } : {}),
      ...(this.source ? { source: this.source } : {}),
    });
    if (this.current.kind !== 'connecting' || this.session !== s) return;
    if (!next.ok) return this.failRun(undefined, next.error);
    s.spec = { ...s.spec, target: next.value.target };
    s.pushUrl = next.value.pushUrl;
    const attempt = buildAttempt(s, this.platform);
    if (!attempt.ok) return this.failRun(undefined, attempt.error);
    this.spawnRun(attempt.value);
  }

  /** The pusher of a run: its stderr joins the run's (one classifier), its death is the push's. */
  private clockedPush(run: Run, file: string, pushUrl: string): ClockedPush {
    return new ClockedPush({
      file,
      pushUrl,
      clock: this.d.clock,
      ...(this.d.spawner ? { spawner: this.d.spawner } : {}),
      stopPhaseMs: this.d.stopPhaseMs ?? 3000,
      onSpawn: (pid) => this.d.onPusherPid?.(pid),
      onStderr: (line) => this.onStderr(run, line),
      onExit: (exit) => {
        if (this.run === run) this.d.onPusherPid?.(undefined);
        this.d.log.info({ code: exit.code, signal: exit.signal, outcome: exit.outcome }, 'broadcast: pusher exited');
        if (this.run !== run || run.pushFailed || exit.stopRequested || this.state.kind === 'stopping') return;
        if (exit.phase === 'spawn-failed') return this.failRun(run, this.spawnFailure(exit));
        const phase = run.proc.lastProgress ? 'running' : 'before-progress';
        this.failRun(run, this.classify(run, { code: exit.code, signal: exit.signal, phase, stopRequested: false }));
      },
    });
  }

  /**
   * The push of a run with several destinations: each pusher reconnects alone (destinations.ts);
   * the run fails only when every destination gave up. Pusher lines go to the log, not to the run's
   * classifier (one destination's failure is not the show's).
   */
  private destinationSet(run: Run, s: GoLivePlan, mainUrl: string): DestinationSet {
    const sign = { crypto: this.d.crypto ?? nodeCrypto, clock: this.d.clock, ...(this.d.resolvePushKey ? { pushKey: this.d.resolvePushKey } : {}) };
    const main: DestinationSpec = {
      label: displayTarget(s.spec.target, mainUrl),
      url: mainUrl,
      resolve: async () => {
        const next = await attemptTarget(s.spec, { ...sign, ...(this.source ? { source: this.source } : {}) });
        return next.ok ? next.value.pushUrl : null;
      },
    };
    const extras = s.spec.extraTargets.map((t): DestinationSpec => {
      const url = t.kind === 'url' ? t.url : joinServerKey(t.server, t.key);
      return {
        label: displayTarget(t, url),
        url,
        resolve: async () => ((r) => (r.ok ? r.value : null))(await signTarget(t, sign)),
      };
    });
    return new DestinationSet({
      file: s.ffmpegPath,
      destinations: [main, ...extras],
      clock: this.d.clock,
      policy: { ...this.policy, stableMs: DESTINATION_STABLE_MS },
      ...(this.d.spawner ? { spawner: this.d.spawner } : {}),
      ...(this.d.random ? { random: this.d.random } : {}),
      stopPhaseMs: this.d.stopPhaseMs ?? 3000,
      onLine: (i, line) => this.d.log.debug({ src: 'pusher', destination: i }, line),
      onChange: () => {
        if (this.run === run) this.emit();
      },
      onAllFailed: (error) => {
        if (this.run === run && (this.state.kind === 'connecting' || this.state.kind === 'live')) this.failRun(run, error);
      },
    });
  }

  /** Stops one destination of a show with several; the others go on. False: no such destination now. */
  async stopDestination(index: number): Promise<boolean> {
    const d = this.run?.push instanceof DestinationSet ? this.run.push.destinations[index] : undefined;
    if (!d) return false;
    await d.stop();
    return true;
  }

  /** Connects one destination again now (after a stop, a give-up, or instead of its backoff). */
  async retryDestination(index: number): Promise<boolean> {
    const d = this.run?.push instanceof DestinationSet ? this.run.push.destinations[index] : undefined;
    if (!d) return false;
    await d.retry();
    return true;
  }

  /**
   * Asks the running push to carry `id` in the next frame's clock SEI; the stream clock (ms) of that
   * moment, or null when no clocked push is running.
   */
  cue(id: string): number | null {
    const push = this.run?.push;
    if (!push?.running) return null;
    push.cue(id);
    return this.d.clock.now();
  }

  /** Whether the push carries the stream clock now (a clocked pusher is running). */
  get clocked(): boolean {
    return this.run?.push?.running ?? false;
  }

  private startStatsTimer(): void {
    if (this.statsTimer) return;
    this.statsTimer = setInterval(() => {
      const run = this.run;
      if (run?.sampler) void run.sampler.sample(this.d.clock.now()).then((u) => (this.usage = u));
      if (run?.recordPath) void writtenBytes(run.recordPath).then((bytes) => bytes !== null && (run.written = { at: this.d.clock.now(), bytes }));
    }, 1000);
  }

  private stopStatsTimer(): void {
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stopStatsTimer();
  }

  private step(step: ChecklistStep, status: StepStatus): void {
    this.dispatch({ type: 'step', step, status });
  }

  private dispatch(event: StreamEvent): void {
    const prev = this.state;
    const next = transition(prev, event, this.policy);
    if (next === prev) return;
    this.state = next;
    if (next.kind !== prev.kind) {
      const extra = next.kind === 'failed' ? { code: next.error.code, detail: next.error.detail } : next.kind === 'reconnecting' ? { attempt: next.attempt, nextAt: next.nextAt, code: next.lastError.code } : {};
      this.d.log.info({ from: prev.kind, to: next.kind, ...extra }, 'broadcast: state');
    }
    this.emit();
  }

  private emit(): void {
    try {
      this.d.onState(this.getState());
    } catch (e) {
      this.d.log.error({ err: e }, 'broadcast: onState listener threw');
    }
  }
}

/** The push target as shown and logged: signatures masked, and a plain stream key hidden. */
export function displayTarget(target: BroadcastSpec['target'], pushUrl: string): string {
  if (target.kind === 'server') return `${target.server.replace(/\/+$/, '')}/${maskSecret(target.key)}`;
  return maskSecretsInUrl(pushUrl);
}
