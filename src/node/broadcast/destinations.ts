// Several destinations from one encode: the encoder's FLV is stamped once (stream clock) and fed to
// one pusher per destination (`ffmpeg -c copy`, clockedPush.ts's pusherChild), each kept up by its
// own RestartLoop with the shared backoff. A destination that fails reconnects alone, joining the
// running stream at its next keyframe (shared/domain/streamClock/flvJoin.ts) and asking for its URL
// again (an LVB address is signed afresh); the others and the encoder go on. Each can be stopped or
// retried alone. Used when a show has more than one destination; one destination keeps ClockedPush.
import type { RestartPolicy } from '../../shared/domain/backoff';
import { broadcastError, type BroadcastError } from '../../shared/domain/broadcast/errors';
import { LineSplitter } from '../../shared/domain/broadcast/progress';
import type { DestinationView } from '../../shared/domain/broadcast/snapshot';
import { EARLY_CLOSE_MS, classifyFailure } from '../../shared/domain/broadcast/stderrClassifier';
import type { Clock } from '../../shared/domain/cryptoPort';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { FlvJoinGate, FlvJoinPoint, type FlvItemKind } from '../../shared/domain/streamClock/flvJoin';
import { FlvClockStamper } from '../../shared/domain/streamClock/stamper';
import { RestartLoop, type RestartState } from '../process/restartLoop';
import type { ChildExit, Spawner, SupervisedChild } from '../process/supervisedChild';
import { PUSHER_CONNECTED, pusherChild, writePusher } from './clockedPush';

const TAIL_LINES = 40;
/** A destination live this long starts its reconnect count over. */
export const DESTINATION_STABLE_MS = 20_000;

export interface DestinationSpec {
  /** As shown and logged (secrets masked). */
  label: string;
  /** The URL of the first attempt. */
  url: string;
  /** Asked again after each failure, for the next attempt (null: keep the last URL). */
  resolve(): Promise<string | null>;
}

export interface DestinationSetOptions {
  file: string;
  destinations: readonly DestinationSpec[];
  clock: Clock;
  policy: RestartPolicy;
  spawner?: Spawner;
  env?: NodeJS.ProcessEnv;
  stopPhaseMs?: number;
  random?: () => number;
  /** A pusher's stderr line (masked), with its destination's index. */
  onLine?(index: number, line: string): void;
  /** Any destination's state changed. */
  onChange?(): void;
  /** Every destination gave up (none left trying): the error of the last one. */
  onAllFailed?(error: BroadcastError): void;
}

type DestinationOptions = DestinationSetOptions & { onGaveUp(d: Destination): void };

export class Destination {
  private readonly loop: RestartLoop;
  private readonly gate: FlvJoinGate;
  private child: SupervisedChild | undefined;
  private url: string;
  private tail: string[] = [];
  private connectedAt: number | null = null;
  private lastError: BroadcastError | null = null;
  private liveSince: number | null = null;
  /** It was live once: its key is good, so a connection closed early later is the server going away. */
  private wasLive = false;
  /** The server refused its first connect (a wrong key): not retried until asked (retry()). */
  private refused = false;
  /** Bytes handed to the current pusher. */
  bytes = 0;

  constructor(
    readonly index: number,
    private readonly spec: DestinationSpec,
    point: FlvJoinPoint,
    private readonly o: DestinationOptions,
  ) {
    this.url = spec.url;
    this.gate = new FlvJoinGate(point);
    this.loop = new RestartLoop({
      policy: o.policy,
      clock: o.clock,
      ...(o.random ? { random: o.random } : {}),
      spawn: () => this.spawn(),
      onState: (s) => this.onState(s),
    });
  }

  get state(): RestartState {
    return this.loop.current;
  }

  get live(): boolean {
    return this.loop.current.kind === 'running';
  }

  start(): void {
    this.loop.start();
  }

  /** Stops this destination alone (the others go on). */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Connects again now: after a stop, a give-up, or instead of waiting out the backoff. */
  async retry(): Promise<void> {
    const k = this.loop.current.kind;
    if (k === 'running' || k === 'starting') return;
    this.refused = false;
    await this.loop.stop();
    this.loop.start();
  }

  write(item: Uint8Array, kind: FlvItemKind): void {
    const child = this.child;
    if (!child) return;
    const out = this.gate.pass(item, kind);
    if (out.length === 0) return;
    for (const b of out) this.bytes += b.length;
    writePusher(child, out, (line) => this.onLine(line));
  }

  view(at: number): DestinationView {
    const s = this.loop.current;
    const base = { index: this.index, target: this.spec.label, error: this.lastError, bytes: this.bytes };
    switch (s.kind) {
      case 'idle':
      case 'starting':
        return { ...base, status: 'connecting', attempt: s.kind === 'starting' ? s.attempt : 0, since: null, nextAt: null };
      case 'running':
        return { ...base, status: 'live', attempt: s.attempt, since: this.liveSince ?? at, nextAt: null };
      case 'waiting':
        return { ...base, status: 'reconnecting', attempt: s.attempt, since: null, nextAt: this.waitingUntil ?? at + s.delayMs };
      case 'gave-up':
        return { ...base, status: 'failed', attempt: s.attempt, since: null, nextAt: null };
      case 'stopped':
        return { ...base, status: this.refused ? 'failed' : 'stopped', attempt: 0, since: null, nextAt: null };
    }
  }

  private waitingUntil: number | null = null;

  private spawn(): SupervisedChild {
    this.tail = [];
    this.connectedAt = null;
    this.bytes = 0;
    this.gate.reset();
    const child = pusherChild({
      file: this.o.file,
      pushUrl: this.url,
      ...(this.o.spawner ? { spawner: this.o.spawner } : {}),
      ...(this.o.env ? { env: this.o.env } : {}),
      ...(this.o.stopPhaseMs !== undefined ? { stopPhaseMs: this.o.stopPhaseMs } : {}),
      lines: new LineSplitter(),
      onLine: (line) => this.onLine(line),
      onExit: (exit) => this.onExit(exit),
    });
    this.child = child;
    child.start();
    return child;
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    const masked = maskSecretsInUrl(line);
    this.tail.push(masked);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    // The server took the push: the destination is live.
    if (this.connectedAt === null && PUSHER_CONNECTED.test(line)) {
      this.connectedAt = this.o.clock.now();
      this.lastError = null;
      this.wasLive = true;
      this.child?.markReady();
    }
    this.o.onLine?.(this.index, masked);
  }

  private onExit(exit: ChildExit): void {
    if (exit.stopRequested) return;
    const now = this.o.clock.now();
    const upMs = this.connectedAt === null ? 0 : now - this.connectedAt;
    this.lastError =
      exit.phase === 'spawn-failed'
        ? broadcastError(exit.spawnError?.code === 'ENOENT' ? 'FFMPEG_NOT_FOUND' : 'FFMPEG_CRASHED', exit.spawnError?.message)
        : classifyFailure(this.tail, { everLive: this.wasLive || upMs >= EARLY_CLOSE_MS, outTimeMs: upMs, totalSize: this.connectedAt === null ? 0 : null, exitCode: exit.code, signal: exit.signal });
    // A refused key fails every attempt the same way: not retried (as with one destination).
    this.refused = this.lastError.code === 'INGEST_AUTH_REJECTED';
    // Asked again for the next attempt (a restarted studio's address, an LVB URL signed afresh).
    void this.spec.resolve().then(
      (url) => url && (this.url = url),
      () => undefined,
    );
  }

  private onState(s: RestartState): void {
    const now = this.o.clock.now();
    if (s.kind === 'running') this.liveSince = now;
    if (s.kind !== 'running') this.liveSince = null;
    this.waitingUntil = s.kind === 'waiting' ? now + s.delayMs : null;
    if (s.kind !== 'starting' && s.kind !== 'running') this.child = undefined;
    if (s.kind === 'waiting' && this.refused) {
      void this.loop.stop();
      return;
    }
    this.o.onChange?.();
    if (s.kind === 'gave-up' || (s.kind === 'stopped' && this.refused)) this.o.onGaveUp(this);
  }

  /** Why it last failed (null once live again). */
  get error(): BroadcastError | null {
    return this.lastError;
  }
}

/** The push of a run with several destinations: one stamper, one join point, a Destination each. */
export class DestinationSet {
  readonly stamper: FlvClockStamper;
  readonly destinations: Destination[];
  private readonly point = new FlvJoinPoint();
  /** CPU time (µs) spent stamping and fanning out, for the benches. */
  stampMicros = 0;

  constructor(private readonly o: DestinationSetOptions) {
    this.stamper = new FlvClockStamper(() => o.clock.now());
    const inner = { ...o, onGaveUp: () => this.onGaveUp() };
    this.destinations = o.destinations.map((d, i) => new Destination(i, d, this.point, inner));
  }

  /** Some destination is live: the show is on air. */
  get connected(): boolean {
    return this.destinations.some((d) => d.live);
  }

  /** Some destination is up or trying (a cue still reaches viewers). */
  get running(): boolean {
    return this.destinations.some((d) => d.state.kind !== 'gave-up' && d.state.kind !== 'stopped');
  }

  start(): void {
    for (const d of this.destinations) d.start();
  }

  cue(id: string): void {
    this.stamper.cue(id);
  }

  write(chunk: Buffer): void {
    const t = process.hrtime.bigint();
    for (const item of this.stamper.push(chunk)) {
      const kind = this.point.observe(item);
      for (const d of this.destinations) d.write(item, kind);
    }
    this.stampMicros += Number(process.hrtime.bigint() - t) / 1000;
  }

  /** The encoder's FLV ended: every pusher finishes what it has and exits. */
  end(): void {
    void this.stop();
  }

  async stop(): Promise<void> {
    await Promise.all(this.destinations.map((d) => d.stop()));
  }

  views(at: number): DestinationView[] {
    return this.destinations.map((d) => d.view(at));
  }

  private onGaveUp(): void {
    if (this.running) return;
    const last = this.destinations.at(-1)?.error ?? broadcastError('UNKNOWN', 'every destination gave up');
    this.o.onAllFailed?.(last);
  }
}
