// A few logged-in viewers on the real TIM-compatible client (login, nick, join, MESSAGE_RECEIVED),
// timed like the guests: they show what a console or viewer page sees, client parsing included.
// Kept few because every logged-in join is announced to the whole room.
import { WebSocket } from 'ws';
import { nodeCrypto } from '../src/node/infra/nodeCrypto';
import { genUserSig } from '../src/shared/domain/userSig';
import { createTimCompat, EVENT, TYPES, type TimInstance } from '../src/tim/timCompat';
import type { TimMessage } from '../src/tim/timTypes';
import type { StudioInfo } from '../src/studio/studio';

/** Where a marker can appear in what a probe receives: text, custom data/ext, tip field values. */
function mentions(m: TimMessage, marker: string): boolean {
  const p = m.payload as {
    text?: string;
    extension?: string;
    newGroupProfile?: { groupCustomField?: { value: string }[] };
  };
  if (p.text?.includes(marker) || p.extension?.includes(marker)) return true;
  return p.newGroupProfile?.groupCustomField?.some((f) => f.value.includes(marker)) ?? false;
}

export class TimProbes {
  readonly clients: TimInstance[] = [];
  private recv = new Float64Array(0);
  private marker: string | undefined;
  private pending = 0;
  private onAll: (() => void) | undefined;
  /** Every message any probe received, by priority (the flood count uses one probe's). */
  onMessage: ((probe: number, m: TimMessage, at: number) => void) | undefined;

  constructor(private readonly info: StudioInfo) {}

  get size(): number {
    return this.clients.length;
  }

  async connect(room: string, userIds: string[]): Promise<void> {
    for (const userID of userIds) {
      const index = this.clients.length;
      const tim = createTimCompat({ endpoint: this.info.realtimeUrl, WebSocket }).create({ SDKAppID: this.info.sdkAppId });
      this.clients.push(tim);
      tim.on(EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => this.received(index, e.data));
      const userSig = genUserSig(nodeCrypto, {
        sdkAppId: this.info.sdkAppId,
        secretKey: this.info.secretKey,
        identifier: userID,
        expireSeconds: 86_400,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      await tim.login({ userID, userSig });
      await tim.updateMyProfile({ nick: `Bench ${index + 1}` });
      await tim.joinGroup({ groupID: room, type: TYPES.GRP_AVCHATROOM });
    }
    this.recv = new Float64Array(this.clients.length).fill(NaN);
  }

  arm(marker: string, done: () => void): void {
    this.recv.fill(NaN);
    this.marker = marker;
    this.pending = this.clients.length;
    this.onAll = done;
    if (this.pending === 0) done();
  }

  disarm(): Float64Array {
    this.marker = undefined;
    this.onAll = undefined;
    return this.recv.slice();
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.destroy().catch(() => undefined)));
    this.clients.length = 0;
  }

  private received(index: number, messages: TimMessage[]): void {
    const at = performance.now();
    if (this.onMessage) for (const m of messages) this.onMessage(index, m, at);
    const marker = this.marker;
    if (marker === undefined || !Number.isNaN(this.recv[index])) return;
    if (!messages.some((m) => mentions(m, marker))) return;
    this.recv[index] = at;
    if (--this.pending === 0) this.onAll?.();
  }
}
