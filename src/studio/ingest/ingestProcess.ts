// Runs the LVB-style ingest (node-media-server) in a child process and supervises it (startup,
// push events, stop); a crashing child is reported through onExit, never takes the studio down.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Logger } from '../../node/logger';
import { nodeCrypto, systemClock } from '../../node/nodeCrypto';
import { signLvbPush } from '../../node/pushTargets';
import { type Clock, type CryptoPort } from '../../shared/domain/cryptoPort';
import { buildPlayUrls, maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { assertNever } from '../../shared/errors';
import { postPushEvent } from './callbackPoster';
import { type ChildConfig, type ChildMessage, childMessageSchema, type PushEvent } from './protocol';
import { type PushSession, pushInterruptEvent } from './pushEvents';

export type { PushEvent } from './protocol';

export interface IngestOptions {
  /** 0 picks a free port (NMS treats port 0 as "no listener", so the parent picks it). */
  rtmpPort: number;
  httpPort: number;
  /** Loopback: the studio is a single-machine stand-in. */
  host: string;
  appName: string;
  /** Signs pushes (§5.1) and, as CSS's callback key, the events' `sign`. */
  pushKey: string;
  /** Turns play auth on for HTTP-FLV/RTMP play. */
  playKey?: string;
  log: Logger;
  onEvent?: (event: PushEvent) => void;
  /** Push events are also POSTed here (fire-and-forget, 2 s timeout). */
  callbackUrl?: string;
  /** Reported as `appid` in events (CSS account APPID); default 0. */
  appId?: number;
  /** Handshake deadline (includes tsx compiling the child); default 15 s. */
  startTimeoutMs?: number;
  /** Per stop phase (IPC stop, then SIGTERM, then SIGKILL); default 2 s. */
  stopPhaseMs?: number;
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

const CHILD_ENTRY = fileURLToPath(new URL('./ingestChild.ts', import.meta.url));
const OUTPUT_TAIL_LINES = 40;

/** tsx's ESM loader as an absolute URL, so the child starts whatever the studio's cwd is. */
function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
}

/** Free ports on `host`, held together while choosing so two requests never get the same one. */
export async function pickFreePorts(host: string, count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, () => resolve());
      });
      const addr = server.address();
      if (!addr || typeof addr === 'string') throw new Error('no port assigned');
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

function validate(o: IngestOptions): void {
  const bad = (m: string) => new IngestStartError('BAD_OPTIONS', m);
  for (const [name, port] of [
    ['rtmpPort', o.rtmpPort],
    ['httpPort', o.httpPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw bad(`${name} must be 0-65535 (got ${port})`);
  }
  if (o.rtmpPort !== 0 && o.rtmpPort === o.httpPort) throw bad('rtmpPort and httpPort must differ');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(o.appName)) throw bad(`appName must be 1-64 of A-Z a-z 0-9 _ - (got "${o.appName}")`);
  if (!o.pushKey) throw bad('pushKey must not be empty');
  if (o.playKey === '') throw bad('playKey must not be empty when given');
  if (!o.host || o.host.includes(':')) throw bad(`host must be an IPv4 address or name (got "${o.host}")`);
}

/** Starts the ingest child and resolves once both listeners are bound. */
export async function startIngest(opts: IngestOptions): Promise<IngestHandle> {
  validate(opts);
  // Ports picked here can be taken before the child binds them; then pick again.
  const attempts = opts.rtmpPort === 0 && opts.httpPort === 0 ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      if (!(e instanceof IngestStartError) || e.code !== 'PORT_IN_USE' || attempt >= attempts) throw e;
      opts.log.warn({ attempt }, 'Ingest port was taken meanwhile; picking new ports');
    }
  }
}

async function startOnce(opts: IngestOptions): Promise<IngestSupervisor> {
  let rtmpPort = opts.rtmpPort;
  let httpPort = opts.httpPort;
  if (rtmpPort === 0 || httpPort === 0) {
    let picked: number[];
    try {
      picked = await pickFreePorts(opts.host, 2);
    } catch (e) {
      throw new IngestStartError('BAD_OPTIONS', `Cannot listen on ${opts.host}: ${(e as Error).message}`);
    }
    const [a, b] = picked as [number, number];
    if (rtmpPort === 0) rtmpPort = httpPort === a ? b : a;
    if (httpPort === 0) httpPort = rtmpPort === b ? a : b;
  }
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-ingest-'));
  const config: ChildConfig = {
    host: opts.host,
    rtmpPort,
    httpPort,
    appName: opts.appName,
    pushKey: opts.pushKey,
    ...(opts.playKey ? { playKey: opts.playKey } : {}),
    appId: opts.appId ?? 0,
    storeDir,
  };
  const supervisor = new IngestSupervisor(opts, config);
  await supervisor.start();
  return supervisor;
}

class IngestSupervisor implements IngestHandle {
  readonly rtmpUrl: string;
  readonly playBaseUrl: string;
  private child: ChildProcess | undefined;
  private readonly crypto: CryptoPort;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly tail: string[] = [];
  /** Accepted pushes by sequence, from their start events. */
  private readonly live = new Map<string, { event: PushEvent; startedAtMs: number }>();
  private readonly exitListeners = new Set<(exit: IngestExit) => void>();
  private exitInfo: IngestExit | undefined;
  private stopping = false;
  private stopPromise: Promise<void> | undefined;
  private onReady: ((ports: { rtmpPort: number; httpPort: number }) => void) | undefined;

  constructor(
    private readonly opts: IngestOptions,
    private readonly config: ChildConfig,
  ) {
    this.crypto = opts.crypto ?? nodeCrypto;
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log;
    this.rtmpUrl = `rtmp://${config.host}:${config.rtmpPort}/${config.appName}`;
    this.playBaseUrl = `http://${config.host}:${config.httpPort}/${config.appName}`;
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  start(): Promise<void> {
    const { config } = this;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (err: IngestStartError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.stopping = true;
        this.log.error({ code: err.code }, err.message);
        this.kill('SIGKILL');
        this.removeStoreDir();
        reject(err);
      };
      const timeoutMs = this.opts.startTimeoutMs ?? 15_000;
      const timer = setTimeout(
        () => fail(new IngestStartError('START_TIMEOUT', `Ingest did not start within ${timeoutMs} ms${this.tailText()}`)),
        timeoutMs,
      );
      this.onReady = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.log.info({ rtmpUrl: this.rtmpUrl, playBaseUrl: this.playBaseUrl, pid: this.pid }, 'Ingest listening');
        resolve();
      };

      let child: ChildProcess;
      try {
        child = spawn(process.execPath, ['--import', tsxLoaderUrl(), CHILD_ENTRY], {
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          windowsHide: true,
          // Lets the Electron binary act as Node when the studio runs inside the app.
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        });
      } catch (e) {
        fail(new IngestStartError('SPAWN_FAILED', `Could not start the ingest process: ${(e as Error).message}`));
        return;
      }
      this.child = child;
      this.pipeOutput(child.stdout, 'debug');
      this.pipeOutput(child.stderr, 'warn');
      child.on('error', (e) => {
        if (child.pid === undefined) {
          fail(new IngestStartError('SPAWN_FAILED', `Could not start the ingest process: ${e.message}`));
        } else {
          this.log.warn({ error: e.message }, 'Ingest process error');
        }
      });
      child.on('message', (raw) => this.onMessage(raw));
      // 'close', not 'exit': by then stdout is drained, so NMS's "already in use" line is in the tail.
      child.on('close', (code, signal) => {
        if (!settled) {
          const tail = this.tailText();
          const inUse = this.tail.find((l) => /already in use/i.test(l));
          fail(
            inUse
              ? new IngestStartError(
                  'PORT_IN_USE',
                  `Ingest could not listen: ${inUse.replace(/^.*?\] /, '').replace(/\s*$/, '')} ` +
                    `(RTMP ${config.host}:${config.rtmpPort}, HTTP ${config.host}:${config.httpPort})`,
                )
              : new IngestStartError(
                  'CHILD_EXITED',
                  `Ingest process exited during startup (code ${code ?? '-'}, signal ${signal ?? '-'})${tail}`,
                ),
          );
        }
        this.onChildExit(code, signal);
      });
    });
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
    switch (message.type) {
      case 'hello':
        this.send({ type: 'start', config: this.config });
        return;
      case 'ready':
        this.onReady?.({ rtmpPort: message.rtmpPort, httpPort: message.httpPort });
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

  private send(message: { type: 'start'; config: ChildConfig } | { type: 'stop' }): void {
    const child = this.child;
    if (!child?.connected) return;
    child.send(message, (e) => {
      if (e) this.log.debug({ error: e.message }, 'Ingest IPC send failed');
    });
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

  private onChildExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exitInfo) return;
    const expected = this.stopping;
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
    try {
      fs.rmSync(this.config.storeDir, { recursive: true, force: true });
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

  private kill(signal: NodeJS.Signals): void {
    const child = this.child;
    if (!child || this.exitInfo || child.exitCode !== null || child.signalCode !== null) return;
    try {
      child.kill(signal);
    } catch {
      // already gone
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
    if (this.stopPromise) return this.stopPromise;
    this.stopping = true;
    this.stopPromise = new Promise<void>((resolve) => {
      if (this.exitInfo || !this.child) {
        resolve();
        return;
      }
      const phase = this.opts.stopPhaseMs ?? 2000;
      const timers = [
        setTimeout(() => this.kill('SIGTERM'), phase),
        setTimeout(() => this.kill('SIGKILL'), phase * 2),
      ];
      this.exitListeners.add(() => {
        timers.forEach(clearTimeout);
        resolve();
      });
      this.send({ type: 'stop' });
    });
    return this.stopPromise;
  }
}
