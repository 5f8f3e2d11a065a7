// One node-media-server child on the supervision kit (src/node/process): the IPC handshake (hello →
// start → ready), push events and the pushes on the air, the URLs; stop is IPC stop, SIGTERM, SIGKILL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { appRoot, isBuilt } from '../../node/infra/appRoot';
import { type Logger } from '../../node/infra/logger';
import { nodeCrypto, systemClock } from '../../node/infra/nodeCrypto';
import { type ChildExit, SupervisedChild } from '../../node/process/supervisedChild';
import { signLvbPush } from '../../node/broadcast/pushTargets';
import { type Clock, type CryptoPort } from '../../shared/domain/cryptoPort';
import { buildPlayUrls, maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { assertNever } from '../../shared/errors';
import { postPushEvent } from './callbackPoster';
import { type ChildConfig, type ChildMessage, childMessageSchema, type ParentMessage, type PushEvent } from './protocol';
import { type PushSession, pushInterruptEvent } from './pushEvents';

export interface IngestOptions {
  /** 0 picks a free port (NMS treats port 0 as "no listener", so the parent picks it). */
  rtmpPort: number;
  httpPort: number;
  /** Loopback: the studio is a single-machine stand-in. */
  host: string;
  appName: string;
  /** Signs pushes (txSecret = md5(key + stream name + txTime)) and, as CSS's callback key, the events' `sign`. */
  pushKey: string;
  /** Turns play auth on for HTTP-FLV/RTMP play. */
  playKey?: string;
  log: Logger;
  onEvent?: (event: PushEvent) => void;
  /** Push events are also POSTed here (fire-and-forget, 2 s timeout). */
  callbackUrl?: string;
  /** Reported as `appid` in events (CSS account APPID); default 0. */
  appId?: number;
  /** Handshake deadline (includes compiling the child's TypeScript when run from sources); default 15 s. */
  startTimeoutMs?: number;
  /** Per stop phase (IPC stop, then SIGTERM, then SIGKILL); default 2 s. */
  stopPhaseMs?: number;
  /**
   * The watchdog: once ready, the child is pinged every `everyMs`; a child silent for `silentMs`
   * (hung: stopped, deadlocked) is killed, so its keeper restarts it. Default 1 s / 8 s; false: off.
   */
  watchdog?: { everyMs: number; silentMs: number } | false;
  /** Runs this Node script (with these arguments) instead of ingestChild.ts: tests use a fake child. */
  childEntry?: { script: string; args?: string[] };
  crypto?: CryptoPort;
  clock?: Clock;
}

export interface IngestExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** False when the child died without stop() being called. */
  expected: boolean;
}

export interface IngestHandle {
  /** `rtmp://HOST:PORT/APP`: OBS "Server"; the stream key is `name?txSecret=…&txTime=…`. */
  readonly rtmpUrl: string;
  /** `http://HOST:PORT/APP`: HTTP-FLV is `<playBaseUrl>/<name>.flv`. */
  readonly playBaseUrl: string;
  readonly pid: number;
  /** Stream names currently on the air (from start/interrupt events). */
  liveStreams(): string[];
  /** A push URL for `streamName` signed with the push key, valid until `expiresAt` (Unix s). */
  pushUrl(streamName: string, expiresAt: number): string;
  /** The HTTP-FLV URL; signed with the play key when play auth is on (then `expiresAt` is needed). */
  flvUrl(streamName: string, expiresAt?: number): string;
  /** Idempotent: IPC stop, then SIGTERM, then SIGKILL, each after a timeout. */
  stop(): Promise<void>;
  /** Called once when the child exits (at once if it already has); returns an unsubscribe. */
  onExit(cb: (exit: IngestExit) => void): () => void;
}

export type IngestStartFailure = 'PORT_IN_USE' | 'START_TIMEOUT' | 'CHILD_EXITED' | 'SPAWN_FAILED' | 'BAD_OPTIONS';

export class IngestStartError extends Error {
  constructor(
    readonly code: IngestStartFailure,
    message: string,
  ) {
    super(message);
    this.name = 'IngestStartError';
  }
}

/** The child's entry: out/main/ingestChild.js in a build, the TypeScript source otherwise. */
const BUILT = isBuilt(import.meta.url);
const CHILD_ENTRY = BUILT ? path.join(appRoot(import.meta.url), 'out', 'main', 'ingestChild.js') : fileURLToPath(new URL('./ingestChild.ts', import.meta.url));
const OUTPUT_TAIL_LINES = 40;
const DEFAULT_WATCHDOG = { everyMs: 1000, silentMs: 8000 };

/**
 * From sources, the TypeScript loader the running process was started with (bin/stageside.js and
 * the test runner set STAGESIDE_TS_LOADER), so the child compiles its entry the same way. A build
 * never needs one.
 */
function typeScriptLoader(): string {
  const loader = process.env.STAGESIDE_TS_LOADER;
  if (!loader) throw new Error('The ingest child runs from TypeScript sources here, but no loader is known: start through bin/stageside.js, or run `npm run build`');
  return loader;
}

function childArgs(opts: IngestOptions): string[] {
  if (opts.childEntry) return [opts.childEntry.script, ...(opts.childEntry.args ?? [])];
  return BUILT ? [CHILD_ENTRY] : ['--import', typeScriptLoader(), CHILD_ENTRY];
}

/** The ingest on two chosen ports (nonzero); start() resolves once both listeners are bound. */
export class IngestSupervisor implements IngestHandle {
  readonly rtmpUrl: string;
  readonly playBaseUrl: string;
  /** The ports it listens on (a restart binds the same ones, so its URLs stay valid). */
  readonly ports: { rtmpPort: number; httpPort: number };
  /** The supervised child (for a restart loop, or to watch readiness and exit). */
  readonly child: SupervisedChild;
  /** What the child is told on start, but its store dir (made by start()). */
  private readonly config: Omit<ChildConfig, 'storeDir'>;
  /** node-media-server's JSON store (it always opens one): a throwaway dir, removed on exit. */
  private storeDir: string | undefined;
  private readonly crypto: CryptoPort;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly tail: string[] = [];
  /** Accepted pushes by sequence, from their start events. */
  private readonly live = new Map<string, { event: PushEvent; startedAtMs: number }>();
  private readonly exitListeners = new Set<(exit: IngestExit) => void>();
  private exitInfo: IngestExit | undefined;
  private stopPromise: Promise<void> | undefined;
  private startPromise: Promise<void> | undefined;
  /** Set while start() is pending: resolves it (no error) or rejects it, once. */
  private settleStart: ((err?: IngestStartError) => void) | undefined;
  /** start() failed: the child's end (or its kill at the start timeout) is then expected. */
  private startFailed = false;
  /** When the child last sent anything (the watchdog's clock). */
  private lastHeardAt = 0;
  private watchdogTimer: ReturnType<typeof setInterval> | undefined;
  /** Set when the watchdog killed the child: how long it had been silent (ms). */
  silentForMs: number | undefined;

  constructor(
    private readonly opts: IngestOptions,
    ports: { rtmpPort: number; httpPort: number },
  ) {
    this.crypto = opts.crypto ?? nodeCrypto;
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log;
    this.config = {
      host: opts.host,
      ...ports,
      appName: opts.appName,
      pushKey: opts.pushKey,
      ...(opts.playKey ? { playKey: opts.playKey } : {}),
      appId: opts.appId ?? 0,
    };
    this.rtmpUrl = `rtmp://${opts.host}:${ports.rtmpPort}/${opts.appName}`;
    this.playBaseUrl = `http://${opts.host}:${ports.httpPort}/${opts.appName}`;
    this.ports = { ...ports };
    this.child = new SupervisedChild({
      file: process.execPath,
      args: childArgs(opts),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Lets the Electron binary act as Node when the studio runs inside the app.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      startTimeoutMs: opts.startTimeoutMs ?? 15_000,
      stop: {
        steps: [{ kind: 'call', run: () => this.send({ type: 'stop' }) }, { kind: 'signal', signal: 'SIGTERM' }, { kind: 'signal', signal: 'SIGKILL' }],
        stepMs: opts.stopPhaseMs ?? 2000,
      },
      attach: (child) => {
        this.pipeOutput(child.stdout, 'debug');
        this.pipeOutput(child.stderr, 'warn');
        child.on('message', (raw) => this.onMessage(raw));
      },
      onStartTimeout: () => {
        const ms = opts.startTimeoutMs ?? 15_000;
        this.settleStart?.(new IngestStartError('START_TIMEOUT', `Ingest did not start within ${ms} ms${this.tailText()}`));
      },
      onError: (e) => this.log.warn({ error: e.message }, 'Ingest process error'),
      onExit: (exit) => this.onChildExit(exit),
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Spawns the child once; rejects with an IngestStartError (the child is then gone). */
  start(): Promise<void> {
    this.startPromise ??= new Promise<void>((resolve, reject) => {
      this.settleStart = (err) => {
        this.settleStart = undefined;
        if (!err) {
          this.log.info({ rtmpUrl: this.rtmpUrl, playBaseUrl: this.playBaseUrl, pid: this.pid }, 'Ingest listening');
          resolve();
          return;
        }
        // The child has exited, or the kit kills it (start timeout).
        this.startFailed = true;
        this.log.error({ code: err.code }, err.message);
        this.removeStoreDir();
        reject(err);
      };
      this.storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-ingest-'));
      this.child.start();
    });
    return this.startPromise;
  }

  private pipeOutput(stream: NodeJS.ReadableStream | null, level: 'debug' | 'warn'): void {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (raw) => {
      const line = maskSecretsInUrl(raw);
      this.tail.push(line);
      if (this.tail.length > OUTPUT_TAIL_LINES) this.tail.shift();
      this.log[level]({ src: 'ingest' }, line);
    });
  }

  private tailText(): string {
    const last = this.tail.slice(-8).join('\n');
    return last ? `; last output:\n${last}` : '';
  }

  private onMessage(raw: unknown): void {
    const parsed = childMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn({ issues: parsed.error.issues.length }, 'Ingest process sent an invalid message');
      return;
    }
    const message: ChildMessage = parsed.data;
    this.lastHeardAt = this.clock.now();
    switch (message.type) {
      case 'hello':
        if (this.storeDir) this.send({ type: 'start', config: { ...this.config, storeDir: this.storeDir } });
        return;
      case 'ready':
        if (this.child.exit) return;
        this.child.markReady();
        this.settleStart?.();
        this.startWatchdog();
        return;
      case 'pong':
        return;
      case 'push':
        if (!this.exitInfo) this.deliver(message.event);
        return;
      case 'log':
        this.log[message.level]({ src: 'ingest', ...message.fields }, message.msg);
        return;
      default:
        assertNever(message);
    }
  }

  /** Pings the ready child; one silent for too long is SIGKILLed as a death (not a stop), so it is restarted. */
  private startWatchdog(): void {
    const w = this.opts.watchdog ?? DEFAULT_WATCHDOG;
    if (w === false || this.watchdogTimer) return;
    this.watchdogTimer = setInterval(() => {
      const silent = this.clock.now() - this.lastHeardAt;
      if (silent < w.silentMs) {
        this.send({ type: 'ping' });
        return;
      }
      this.stopWatchdog();
      this.silentForMs = silent;
      this.log.error({ pid: this.pid, silentMs: silent }, 'Ingest process stopped answering; killing it');
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // gone meanwhile: its exit is reported anyway
      }
    }, w.everyMs);
    this.watchdogTimer.unref?.();
  }

  private stopWatchdog(): void {
    if (this.watchdogTimer) clearInterval(this.watchdogTimer);
    this.watchdogTimer = undefined;
  }

  private send(message: ParentMessage): void {
    const child = this.child.childProcess;
    if (!child?.connected) return;
    child.send(message, (e) => {
      if (e) this.log.debug({ error: e.message }, 'Ingest IPC send failed');
    });
  }

  /** Why start() failed, from how the child ended (NMS logs "already in use" for a taken port). */
  private startFailure(exit: ChildExit): IngestStartError {
    const { config } = this;
    if (exit.spawnError) return new IngestStartError('SPAWN_FAILED', `Could not start the ingest process: ${exit.spawnError.message}`);
    const inUse = this.tail.find((l) => /already in use/i.test(l));
    if (inUse) {
      return new IngestStartError(
        'PORT_IN_USE',
        `Ingest could not listen: ${inUse.replace(/^.*?\] /, '').replace(/\s*$/, '')} ` +
          `(RTMP ${config.host}:${config.rtmpPort}, HTTP ${config.host}:${config.httpPort})`,
      );
    }
    return new IngestStartError(
      'CHILD_EXITED',
      `Ingest process exited during startup (code ${exit.code ?? '-'}, signal ${exit.signal ?? '-'})${this.tailText()}`,
    );
  }

  private deliver(event: PushEvent): void {
    if (event.event_type === 1) this.live.set(event.sequence, { event, startedAtMs: this.clock.now() });
    else this.live.delete(event.sequence);
    this.log.info(
      { stream: event.stream_id, sequence: event.sequence, eventType: event.event_type, duration: event.push_duration },
      event.event_type === 1 ? 'Push started' : 'Push interrupted',
    );
    try {
      this.opts.onEvent?.(event);
    } catch (e) {
      this.log.error({ error: e instanceof Error ? e.message : String(e) }, 'Push event handler threw');
    }
    const url = this.opts.callbackUrl;
    if (url) void postPushEvent(url, event, { log: this.log });
  }

  /** Pushes the dead child could not report end now, so "on air" never outlives the ingest. */
  private interruptRemaining(reason: string): void {
    const keys = { callbackKey: this.config.pushKey, appId: this.config.appId };
    for (const { event, startedAtMs } of [...this.live.values()]) {
      const session: PushSession = {
        sequence: event.sequence,
        domain: event.app,
        appName: event.appname,
        streamId: event.stream_id,
        node: event.node,
        userIp: event.user_ip,
        streamParam: event.stream_param,
        startedAtMs,
      };
      this.deliver(pushInterruptEvent(this.crypto, keys, session, this.clock.now(), { errmsg: reason }));
    }
  }

  private onChildExit(exit: ChildExit): void {
    this.stopWatchdog();
    // A child that ended before it was ready failed start(); that ending is expected (start() said so).
    this.settleStart?.(this.startFailure(exit));
    const expected = exit.stopRequested || this.startFailed;
    const { code, signal } = exit;
    this.interruptRemaining(expected ? 'ingest stopped' : 'ingest process exited');
    this.exitInfo = { code, signal, expected };
    if (expected) this.log.info({ code, signal }, 'Ingest stopped');
    else this.log.error({ code, signal, pid: this.pid }, 'Ingest process exited unexpectedly');
    this.removeStoreDir();
    for (const cb of [...this.exitListeners]) this.callExitListener(cb);
    this.exitListeners.clear();
  }

  /** Synchronous, so a process that exits right after stop() leaves nothing behind. */
  private removeStoreDir(): void {
    if (!this.storeDir) return;
    try {
      fs.rmSync(this.storeDir, { recursive: true, force: true });
    } catch (e) {
      this.log.debug({ error: e instanceof Error ? e.message : String(e) }, 'Could not remove the ingest store dir');
    }
  }

  private callExitListener(cb: (exit: IngestExit) => void): void {
    try {
      cb(this.exitInfo as IngestExit);
    } catch (e) {
      this.log.error({ error: e instanceof Error ? e.message : String(e) }, 'Ingest exit listener threw');
    }
  }

  liveStreams(): string[] {
    return [...new Set([...this.live.values()].map((l) => l.event.stream_id))];
  }

  pushUrl(streamName: string, expiresAt: number): string {
    return signLvbPush(this.crypto, {
      domain: `${this.config.host}:${this.config.rtmpPort}`,
      appName: this.config.appName,
      streamName,
      key: this.config.pushKey,
      expiresAt,
    }).rtmp;
  }

  flvUrl(streamName: string, expiresAt?: number): string {
    const key = this.config.playKey;
    if (key !== undefined && expiresAt === undefined) throw new Error('Play auth is on: flvUrl needs an expiry');
    return buildPlayUrls(this.crypto, {
      domain: `${this.config.host}:${this.config.httpPort}`,
      appName: this.config.appName,
      streamName,
      secure: false,
      ...(key !== undefined ? { key, expiresAt } : {}),
    }).flv;
  }

  onExit(cb: (exit: IngestExit) => void): () => void {
    if (this.exitInfo) {
      queueMicrotask(() => this.callExitListener(cb));
      return () => {};
    }
    this.exitListeners.add(cb);
    return () => this.exitListeners.delete(cb);
  }

  stop(): Promise<void> {
    this.stopPromise ??= this.child.stop().then(() => undefined);
    return this.stopPromise;
  }
}
