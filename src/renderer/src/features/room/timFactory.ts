// The one place that picks the IM client for a room session: the studio's TIM-compatible client in
// studio mode; the real tim-js-sdk in Tencent Cloud mode (the Tencent issue imports it here, behind
// the same interface, so nothing else in the console changes).
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

export class TencentModePendingError extends Error {
  constructor() {
    super('Tencent Cloud mode arrives with the Tencent issue: the real tim-js-sdk is not bundled yet. Use Local studio mode for now.');
    this.name = 'TencentModePendingError';
  }
}

export const createTimClient: TimFactory = async (session) => {
  switch (session.mode) {
    case 'studio': {
      if (!session.realtimeUrl) throw new Error('The studio session has no realtime URL');
      const TIM = createTimCompat({ endpoint: session.realtimeUrl });
      const client = TIM.create({ SDKAppID: session.sdkAppId });
      client.setLogLevel(4);
      return { EVENT: TIM.EVENT, TYPES: TIM.TYPES, client: client as unknown as TimClient };
    }
    case 'tencent':
      // Seam for the Tencent issue: `const TIM = (await import('tim-js-sdk')).default;` then
      // `TIM.create({ SDKAppID })` and return it the same way as the studio branch.
      throw new TencentModePendingError();
  }
};
