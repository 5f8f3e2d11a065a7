// The one place that picks the IM client for a room session: the studio's TIM-compatible client in
// studio mode; the real tim-js-sdk in Tencent Cloud mode, behind the same interface, so nothing
// else in the console changes. tim-js-sdk opens a socket at `create()` and needs browser globals
// (reference §4.4), so it is imported dynamically and only in tencent mode (Vite splits it into its
// own chunk; studio mode never loads it).
import type { RoomSession } from '../../../../shared/roomContract';
import { createTimCompat } from '../../../../studio/client/timCompat';

/** The slice of tim-js-sdk's instance API the console uses. */
export interface TimClient {
  on(name: string, handler: (event: { name: string; data: never }) => void): void;
  login(o: { userID: string; userSig: string }): Promise<unknown>;
  joinGroup(o: { groupID: string; type?: string }): Promise<unknown>;
  getGroupProfile(o: { groupID: string; groupCustomFieldFilter?: string[] }): Promise<{ data: { group: unknown } }>;
  createTextMessage(o: { to: string; conversationType: string; payload: { text: string } }): unknown;
  sendMessage(message: never): Promise<unknown>;
  destroy(): Promise<void>;
}

/** The namespace-level constants tim-js-sdk exposes (`TIM.EVENT`, `TIM.TYPES`). */
export interface TimSdk {
  EVENT: {
    MESSAGE_RECEIVED: string;
    NET_STATE_CHANGE: string;
    KICKED_OUT: string;
    SDK_READY: string;
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
  login(o: { userID: string; userSig: string }): Promise<unknown>;
  joinGroup(o: { groupID: string; type?: string }): Promise<unknown>;
  getGroupProfile(o: { groupID: string; groupCustomFieldFilter?: string[] }): Promise<unknown>;
  createTextMessage(o: { to: string; conversationType: string; payload: { text: string } }): unknown;
  sendMessage(message: never): Promise<unknown>;
  destroy(): Promise<unknown>;
}

/** Delegates to the SDK instance (methods keep their `this`) and bounds `login()` with a timeout. */
function adapt(raw: RawTimClient, mode: RoomSession['mode'], loginTimeoutMs: number): TimClient {
  return {
    on: (name, handler) => raw.on(name, handler as (event: never) => void),
    login: (o) => withLoginTimeout(raw.login(o), mode, loginTimeoutMs),
    joinGroup: (o) => raw.joinGroup(o),
    getGroupProfile: (o) => raw.getGroupProfile(o) as Promise<{ data: { group: unknown } }>,
    createTextMessage: (o) => raw.createTextMessage(o),
    sendMessage: (m) => raw.sendMessage(m),
    destroy: async () => {
      await raw.destroy();
    },
  };
}

export interface TimFactoryOptions {
  loginTimeoutMs?: number;
}

export function makeTimFactory(opts: TimFactoryOptions = {}): TimFactory {
  const loginTimeoutMs = opts.loginTimeoutMs ?? LOGIN_TIMEOUT_MS;
  return async (session) => {
    switch (session.mode) {
      case 'studio': {
        if (!session.realtimeUrl) throw new Error('The studio session has no realtime URL');
        const TIM = createTimCompat({ endpoint: session.realtimeUrl });
        const client = TIM.create({ SDKAppID: session.sdkAppId });
        client.setLogLevel(4);
        return { EVENT: TIM.EVENT, TYPES: TIM.TYPES, client: adapt(client as unknown as RawTimClient, 'studio', loginTimeoutMs) };
      }
      case 'tencent': {
        if (!Number.isInteger(session.sdkAppId) || session.sdkAppId <= 0) {
          throw new Error('Tencent Cloud mode needs the SDKAppID of your IM application (Settings → Tencent Cloud)');
        }
        // Loaded only here: the module is inert until create(), which connects straight away.
        const { default: TIM } = await import('tim-js-sdk');
        // Region: tim-js-sdk 2.x chooses its site (China, Singapore, Korea, Germany, India, Japan, USA)
        // from the SDKAppID's range itself (reference §2.1/§4.4), so no region option is passed.
        // The optional `oversea` flag is left unset: the reference does not document its effect.
        const client = TIM.create({ SDKAppID: session.sdkAppId });
        client.setLogLevel(1); // release: warnings and errors plus key steps, no verbose protocol logs
        return {
          EVENT: TIM.EVENT,
          TYPES: TIM.TYPES,
          client: adapt(client as unknown as RawTimClient, 'tencent', loginTimeoutMs),
        };
      }
    }
  };
}

export const createTimClient: TimFactory = makeTimFactory();
