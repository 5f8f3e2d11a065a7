// The one place that picks the IM client for a room session: the studio's TIM-compatible client in
// studio mode; the real tim-js-sdk in Tencent Cloud mode, behind the same interface, so nothing
// else in the console changes. tim-js-sdk opens a socket at `create()` and needs browser globals
// (`window`, `localStorage`, `WebSocket`), so it is imported dynamically and only in tencent mode
// (Vite splits it into its own chunk; studio mode never loads it).
//
// Two behaviours of the real SDK are absorbed here, so the session has one code path for both
// clients (the studio client behaves the same way):
// - readiness: tim-js-sdk rejects everything but login/joinGroup/… with 2999 "SDK not ready" until
//   it emits SDK_READY (`TIM.EVENT.SDK_READY`), which comes after `login()` resolves. Our `login()`
//   resolves only once the SDK is ready, with a listener registered before the SDK's login and
//   the wait bounded like the login itself;
// - instance caching: `TIM.create` returns the cached instance for an SDKAppID until `destroy()`
//   has finished (a network logout first). A new client for that SDKAppID waits for the previous
//   destroy (bounded), and is refused rather than handed the dying instance.
import type { RoomSession } from '../../../../shared/roomContract';
import { createTimCompat } from '../../../../tim/timCompat';

/** The slice of tim-js-sdk's instance API the console uses. */
export interface TimClient {
  on(name: string, handler: (event: { name: string; data: never }) => void): void;
  /** Logs in and resolves once the SDK is ready (SDK_READY): every API may be called then. */
  login(o: { userID: string; userSig: string }): Promise<unknown>;
  joinGroup(o: { groupID: string; type?: string }): Promise<unknown>;
  getGroupProfile(o: { groupID: string; groupCustomFieldFilter?: string[] }): Promise<{ data: { group: unknown } }>;
  createTextMessage(o: { to: string; conversationType: string; payload: { text: string }; cloudCustomData?: string }): unknown;
  sendMessage(message: never): Promise<unknown>;
  /** Logs out and ends the instance; resolves when it has finished (idempotent). */
  destroy(): Promise<void>;
}

/** The namespace-level constants tim-js-sdk exposes (`TIM.EVENT`, `TIM.TYPES`). */
export interface TimSdk {
  EVENT: {
    MESSAGE_RECEIVED: string;
    NET_STATE_CHANGE: string;
    KICKED_OUT: string;
    SDK_READY: string;
    SDK_NOT_READY: string;
    ERROR: string;
  };
  TYPES: { GRP_AVCHATROOM: string; CONV_GROUP: string };
  client: TimClient;
}

export type TimFactory = (session: RoomSession) => Promise<TimSdk>;

/** tim-js-sdk's `login()` never settles while the network (or the Tencent site) is unreachable. */
export const LOGIN_TIMEOUT_MS = 15_000;

export class TimLoginTimeoutError extends Error {
  constructor(
    readonly mode: RoomSession['mode'],
    readonly ms: number,
  ) {
    const s = Math.round(ms / 1000);
    super(
      mode === 'tencent'
        ? `Tencent IM did not answer the login within ${s} s — check the network or the SDKAppID/region`
        : `The local studio did not answer the login within ${s} s — is the studio running?`,
    );
    this.name = 'TimLoginTimeoutError';
  }
}

/** SDK_READY did not follow an accepted login in time. */
export class TimReadyTimeoutError extends Error {
  constructor(
    readonly mode: RoomSession['mode'],
    readonly ms: number,
    readonly lastSdkError: { code?: number; message: string } | null = null,
  ) {
    const s = Math.round(ms / 1000);
    const last = lastSdkError ? ` (last SDK error${lastSdkError.code === undefined ? '' : ` ${lastSdkError.code}`}: ${lastSdkError.message})` : '';
    super(
      mode === 'tencent'
        ? `Tencent IM accepted the login but did not become ready (SDK_READY) within ${s} s — check the network${last}`
        : `The local studio accepted the login but did not become ready within ${s} s — is the studio running?${last}`,
    );
    this.name = 'TimReadyTimeoutError';
  }
}

/** How long a new client waits for the previous instance's `destroy()` (tim-js-sdk logs out over the network first). */
export const DESTROY_WAIT_MS = 5_000;

/** The previous instance for this SDKAppID was still being destroyed after DESTROY_WAIT_MS: TIM.create would hand it out again. */
export class TimStillClosingError extends Error {
  constructor(readonly ms: number) {
    super(`The previous Tencent IM connection was still signing out after ${Math.round(ms / 1000)} s — trying again shortly`);
    this.name = 'TimStillClosingError';
  }
}

/** Resolves `true` once `p` has settled (either way), or `false` after `ms`; never rejects. */
export function settleWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    p.then(done, done);
  });
}

/** Rejects with TimLoginTimeoutError if `p` has not settled within `ms`. */
export function withLoginTimeout<T>(p: Promise<T>, mode: RoomSession['mode'], ms = LOGIN_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimLoginTimeoutError(mode, ms)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** The SDK instance methods we call, as loosely typed as both clients allow. */
interface RawTimClient {
  on(name: string, handler: (event: never) => void): void;
  off(name: string, handler: (event: never) => void): void;
  login(o: { userID: string; userSig: string }): Promise<unknown>;
  joinGroup(o: { groupID: string; type?: string }): Promise<unknown>;
  getGroupProfile(o: { groupID: string; groupCustomFieldFilter?: string[] }): Promise<unknown>;
  createTextMessage(o: { to: string; conversationType: string; payload: { text: string }; cloudCustomData?: string }): unknown;
  sendMessage(message: never): Promise<unknown>;
  destroy(): Promise<unknown>;
}

interface AdaptOptions {
  mode: RoomSession['mode'];
  events: { SDK_READY: string; ERROR: string };
  loginTimeoutMs: number;
  readyTimeoutMs: number;
  /** Told about the instance's destroy() as it starts (the tencent branch tracks dying instances). */
  onDestroy?: (done: Promise<unknown>) => void;
}

/** `login()` answered `repeatLogin`: the instance was already logged in (and ready), so no SDK_READY follows. */
const isRepeatLogin = (r: unknown): boolean => (r as { data?: { repeatLogin?: unknown } } | null)?.data?.repeatLogin === true;

/**
 * Listens for SDK_READY (and remembers the last ERROR) from now on; `wait()` resolves at once if it
 * has fired, else when it fires, and rejects with TimReadyTimeoutError after `ms`.
 */
function readySignal(raw: RawTimClient, o: AdaptOptions) {
  let fired = false;
  let wake: (() => void) | null = null;
  let lastError: { code?: number; message: string } | null = null;
  const onReady = (): void => {
    fired = true;
    wake?.();
  };
  const onError = (e: { data?: { code?: unknown; message?: unknown } }): void => {
    const code = e?.data?.code;
    const message = e?.data?.message;
    lastError = { ...(typeof code === 'number' ? { code } : {}), message: typeof message === 'string' ? message : 'unknown error' };
  };
  raw.on(o.events.SDK_READY, onReady as (event: never) => void);
  raw.on(o.events.ERROR, onError as (event: never) => void);
  return {
    wait: (): Promise<void> =>
      fired
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new TimReadyTimeoutError(o.mode, o.readyTimeoutMs, lastError)), o.readyTimeoutMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          }),
    dispose: (): void => {
      wake = null;
      raw.off(o.events.SDK_READY, onReady as (event: never) => void);
      raw.off(o.events.ERROR, onError as (event: never) => void);
    },
  };
}

/** Delegates to the SDK instance (methods keep their `this`); `login()` is bounded and waits for SDK_READY. */
function adapt(raw: RawTimClient, o: AdaptOptions): TimClient {
  let destroying: Promise<void> | null = null;
  return {
    on: (name, handler) => raw.on(name, handler as (event: never) => void),
    login: async (creds) => {
      // Registered before the SDK's login, so an SDK_READY emitted while login() settles is not missed.
      const ready = readySignal(raw, o);
      try {
        const r = await withLoginTimeout(raw.login(creds), o.mode, o.loginTimeoutMs);
        if (!isRepeatLogin(r)) await ready.wait();
        return r;
      } finally {
        ready.dispose();
      }
    },
    joinGroup: (g) => raw.joinGroup(g),
    getGroupProfile: (g) => raw.getGroupProfile(g) as Promise<{ data: { group: unknown } }>,
    createTextMessage: (m) => raw.createTextMessage(m),
    sendMessage: (m) => raw.sendMessage(m),
    destroy: () => {
      // Once: a second logout on tim-js-sdk only rejects (not logged in).
      if (!destroying) {
        const p = raw.destroy();
        o.onDestroy?.(p);
        destroying = p.then(() => undefined);
      }
      return destroying;
    },
  };
}

const noop = (): void => undefined;

/**
 * tim-js-sdk instances whose destroy() has started and not finished, per SDKAppID. Module-wide,
 * like the SDK's own cache: a session started after a settings save must wait for the previous
 * session's instance too.
 */
const closing = new Map<number, { raw: object; done: Promise<void> }>();

function trackDestroy(sdkAppId: number, raw: object, p: Promise<unknown>): void {
  const entry = { raw, done: p.then(noop, noop) };
  closing.set(sdkAppId, entry);
  void entry.done.then(() => {
    if (closing.get(sdkAppId) === entry) closing.delete(sdkAppId);
  });
}

export interface TimFactoryOptions {
  loginTimeoutMs?: number;
  /** How long SDK_READY may take after the login is accepted; defaults to the login timeout. */
  readyTimeoutMs?: number;
  destroyWaitMs?: number;
}

export function makeTimFactory(opts: TimFactoryOptions = {}): TimFactory {
  const loginTimeoutMs = opts.loginTimeoutMs ?? LOGIN_TIMEOUT_MS;
  const readyTimeoutMs = opts.readyTimeoutMs ?? loginTimeoutMs;
  const destroyWaitMs = opts.destroyWaitMs ?? DESTROY_WAIT_MS;
  return async (session) => {
    switch (session.mode) {
      case 'studio': {
        if (!session.realtimeUrl) throw new Error('The studio session has no realtime URL');
        const TIM = createTimCompat({ endpoint: session.realtimeUrl });
        const client = TIM.create({ SDKAppID: session.sdkAppId });
        client.setLogLevel(4);
        const raw = client as unknown as RawTimClient;
        return { EVENT: TIM.EVENT, TYPES: TIM.TYPES, client: adapt(raw, { mode: 'studio', events: TIM.EVENT, loginTimeoutMs, readyTimeoutMs }) };
      }
      case 'tencent': {
        if (!Number.isInteger(session.sdkAppId) || session.sdkAppId <= 0) {
          throw new Error('Tencent Cloud mode needs the SDKAppID of your IM application (Settings → Tencent Cloud)');
        }
        // Loaded only here: the module is inert until create(), which connects straight away.
        const { default: TIM } = await import('tim-js-sdk');
        // Region: tim-js-sdk 2.x chooses its site (China, Singapore, Korea, Germany, India, Japan, USA)
        // from the SDKAppID's range itself, so no region option is passed.
        // The optional `oversea` flag is left unset: its effect is not documented.
        const id = session.sdkAppId;
        const previous = closing.get(id);
        if (previous) await settleWithin(previous.done, destroyWaitMs);
        const client = TIM.create({ SDKAppID: id });
        // Still the instance being destroyed: using it would end with it terminated under us.
        if (closing.get(id)?.raw === client) throw new TimStillClosingError(destroyWaitMs);
        client.setLogLevel(1); // release: warnings and errors plus key steps, no verbose protocol logs
        const raw = client as unknown as RawTimClient;
        return {
          EVENT: TIM.EVENT,
          TYPES: TIM.TYPES,
          client: adapt(raw, {
            mode: 'tencent',
            events: TIM.EVENT,
            loginTimeoutMs,
            readyTimeoutMs,
            onDestroy: (p) => trackDestroy(id, client, p),
          }),
        };
      }
    }
  };
}

export const createTimClient: TimFactory = makeTimFactory();
