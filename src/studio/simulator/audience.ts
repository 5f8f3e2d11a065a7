// runAudience: plays an audience plan against a studio room in real time — N viewers join in
// waves, chat, like, gift, follow, buy and leave — while one observer listens, and returns the tally.
// The plan (who, when, what) is fixed by the seed; wall-clock timing, the order in which
// concurrent sends reach the server, and buys racing a product launch still vary between runs.
import type { TimInstance, WebSocketCtor } from '../../tim/timCompat';
import { EVENT, type TimMessage } from '../../tim/timTypes';
import { locateStudio, type StudioInfoLike, type StudioTarget } from './locate';
import { planAudience, timeline, localeMix, type Action, type AudiencePlan, type AudienceShape } from './schedule';
import { zeroActions, zeroReceived, type AudienceProgress, type AudienceSummary } from './summary';
import { SimViewer, buildMessage, enterRoom, failureCode, newClient, sharedFrameParser } from './viewer';
import { mulberry32 } from '../../shared/prng';
import { decodePromotionFields } from '../../shared/domain/promotions';
import { encodeCustomEvent } from '../../shared/domain/liveCommerce';
import { DEFAULT_PROMOTION_RATES, PromotionRush, type PromotionRates } from './promotionRush';
import { ROOM_FIELDS, applyFields, classify, emptyAudienceView, outgoingFor, tipFields, tipMembers, type AudienceView } from './wire';

export interface AudienceOptions extends AudienceShape {
  /** The studio's base URL (GET /studio/info, /studio/usersig) … */
  studioUrl?: string;
  /** … or its info (e.g. `startStudio().info`); with `secretKey` UserSigs are signed locally. */
  info?: StudioInfoLike;
  /** Defaults to the studio's demo room. */
  room?: string;
  /** `WebSocket` from 'ws' in Node; the global one in a browser. */
  WebSocket: WebSocketCtor;
  /** Notable events (first failure per code …), one line each; the summary is returned, not logged. */
  log?: (line: string) => void;
  onProgress?: (p: AudienceProgress) => void;
  progressEveryMs?: number;
  /** Stops the plan early: everyone still in the room leaves, the summary says so. */
  signal?: AbortSignal;
  /** Upper bound on waiting for the observer to see the last messages (default 2000 ms). */
  settleMs?: number;
  /** Monotonic ms clock (default performance.now). */
  now?: () => number;
  /** How the audience reacts to flash sales, coupons and lucky bags (false: not at all). */
  promotions?: Partial<PromotionRates> | false;
}

/**
 * Viewers entering the room at once. Each one's requests (and their time-outs) start only when it
 * may go, so a wave of thousands queues here rather than in this process's own backlog, where
 * logins would time out before their answers were read.
 */
const JOIN_CONCURRENCY = 200;

/** Resolves after `ms`, or at once when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function runAudience(o: AudienceOptions): Promise<AudienceSummary> {
  const plan = planAudience(o);
  const target = await locateStudio({
    ...(o.studioUrl !== undefined ? { studioUrl: o.studioUrl } : {}),
    ...(o.info !== undefined ? { info: o.info } : {}),
    ...(o.room !== undefined ? { room: o.room } : {}),
  });
  return new AudienceRun(o, plan, target).run();
}

class AudienceRun {
  private readonly now: () => number;
  private readonly viewers: SimViewer[];
  private readonly sent = zeroActions();
  private readonly received = zeroReceived();
  private readonly failures: Record<string, number> = {};
  private readonly skipped = { buyNoProduct: 0, giftNoCatalog: 0, viewerOffline: 0 };
  private room: AudienceView = emptyAudienceView();
  private joined = 0;
  private left = 0;
  private failedToJoin = 0;
  private online = 0;
  private peakOnline = 0;
  private likeTaps = 0;
  private giftValue = 0;
  private startedAt = 0;
  /** All clients of the run read the studio's identical events frames through one memoised parser. */
  private readonly parseFrame = sharedFrameParser();
  private joining = 0;
  private readonly joinQueue: (() => void)[] = [];
  private readonly rush: PromotionRush;

  constructor(
    private readonly o: AudienceOptions,
    private readonly plan: AudiencePlan,
    private readonly target: StudioTarget,
  ) {
    this.now = o.now ?? (() => performance.now());
    this.viewers = plan.viewers.map((v) => new SimViewer(v.userID, v.nick));
    const send = async (v: { userID: string }, out: Parameters<typeof buildMessage>[2]) => {
      const sim = this.viewers.find((x) => x.userID === v.userID);
      if (sim?.online && sim.tim) await sim.tim.sendMessage(buildMessage(sim.tim, target.room, out));
    };
    this.rush = new PromotionRush({
      room: target.room,
      httpBase: target.httpBase,
      userSig: (u) => target.userSig(u),
      online: () => (o.promotions === false ? [] : this.viewers.filter((v) => v.online)),
      say: (v, text) => send(v, { type: 'text', text, priority: 'Normal' }),
      follow: (v) => send(v, { type: 'custom', ...encodeCustomEvent({ type: 'ATTENTION' }), priority: 'Normal' }),
      rng: mulberry32(plan.seed ^ 0x5eed),
      rates: { ...DEFAULT_PROMOTION_RATES, ...(o.promotions || {}) },
      now: () => Date.now(),
      ...(o.log ? { log: o.log } : {}),
    });
  }

  async run(): Promise<AudienceSummary> {
    const observer = await this.startObserver();
    this.startedAt = this.now();
    const progress = this.o.onProgress
      ? setInterval(() => this.o.onProgress?.(this.progress()), this.o.progressEveryMs ?? 1000)
      : undefined;
    try {
      await this.play();
      this.rush.stop();
      await this.rush.idle();
      await Promise.all(this.viewers.map((v) => v.idle()));
      await this.settle();
    } finally {
      if (progress) clearInterval(progress);
      // Anything still connected (an exception above) must not keep the process alive.
      await Promise.all(this.viewers.map((v) => v.tim?.destroy().catch(() => undefined)));
      await observer.destroy().catch(() => undefined);
    }
    return this.summary();
  }

  /** The listening viewer: joins first, tracks gift catalog and product, tallies what arrives. */
  private async startObserver(): Promise<TimInstance> {
    const tim = newClient({ target: this.target, WebSocket: this.o.WebSocket, parseFrame: this.parseFrame });
    tim.on(EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => {
      for (const m of e.data) {
        // A merged join/quit tip counts every viewer it names.
        this.received[classify(m)] += tipMembers(m);
        this.received.total++;
        const fields = tipFields(m);
        if (fields.length) this.onFields(fields);
      }
    });
    const userID = `${this.o.idPrefix ?? 'sim_'}observer`;
    try {
      await enterRoom(tim, this.target, userID, 'Observer');
      const profile = await tim.getGroupProfile({ groupID: this.target.room, groupCustomFieldFilter: [...ROOM_FIELDS] });
      this.onFields(profile.data.group.groupCustomField);
    } catch (e) {
      await tim.destroy().catch(() => undefined);
      const detail = e instanceof Error ? e.message : String(e);
      throw new Error(`The observer could not enter room ${this.target.room} (${failureCode(e)}: ${detail})`, { cause: e });
    }
    return tim;
  }

  private onFields(fields: readonly { key: string; value: string }[]): void {
    this.room = applyFields(this.room, fields);
    this.rush.onFields(decodePromotionFields(fields));
  }

  private async play(): Promise<void> {
    const signal = this.o.signal;
    for (const entry of timeline(this.plan)) {
      if (signal?.aborted) break;
      const wait = this.startedAt + entry.atMs - this.now();
      if (wait > 1) await sleep(wait, signal);
      if (signal?.aborted) break;
      const viewer = this.viewers[entry.viewer] as SimViewer;
      if (entry.type === 'join') void viewer.enqueue(() => this.join(viewer));
      else if (entry.type === 'action') void viewer.enqueue(() => this.act(viewer, entry.action));
      else this.queueLeave(viewer);
    }
    if (signal?.aborted) for (const v of this.viewers) this.queueLeave(v);
  }

  private async join(v: SimViewer): Promise<void> {
    while (this.joining >= JOIN_CONCURRENCY) await new Promise<void>((r) => this.joinQueue.push(r));
    this.joining++;
    const tim = newClient({ target: this.target, WebSocket: this.o.WebSocket, parseFrame: this.parseFrame });
    v.tim = tim;
    try {
      await enterRoom(tim, this.target, v.userID, v.nick);
      v.online = true;
      this.joined++;
      this.peakOnline = Math.max(this.peakOnline, ++this.online);
    } catch (e) {
      this.failedToJoin++;
      this.fail(e, `${v.userID} could not join`);
      await tim.destroy().catch(() => undefined);
      v.tim = undefined;
    } finally {
      this.joining--;
      this.joinQueue.shift()?.();
    }
  }

  private async act(v: SimViewer, action: Action): Promise<void> {
    if (!v.online || !v.tim) {
      this.skipped.viewerOffline++;
      return;
    }
    const out = outgoingFor(action, this.room);
    if (out.type === 'skip') {
      this.skipped[out.reason]++;
      return;
    }
    try {
      await v.tim.sendMessage(buildMessage(v.tim, this.target.room, out));
      this.sent[action.kind]++;
      if (action.kind === 'like') this.likeTaps += action.count;
      if (out.type === 'custom' && out.value !== undefined) this.giftValue += out.value;
    } catch (e) {
      this.fail(e, `${v.userID} ${action.kind} failed`);
    }
  }

  private queueLeave(v: SimViewer): void {
    if (v.leaveQueued) return;
    v.leaveQueued = true;
    void v.enqueue(async () => {
      const tim = v.tim;
      if (!tim) return;
      if (v.online) {
        v.online = false;
        this.online--;
        try {
          await tim.quitGroup(this.target.room);
          this.left++;
        } catch (e) {
          this.fail(e, `${v.userID} could not quit`);
        }
      }
      await tim.destroy().catch(() => undefined);
      v.tim = undefined;
    });
  }

  /** Waits (bounded) until the observer has seen every message that was sent successfully. */
  private async settle(): Promise<void> {
    const deadline = this.now() + (this.o.settleMs ?? 2000);
    const r = this.received;
    const s = this.sent;
    const caughtUp = (): boolean =>
      r.text >= s.chat && r.like >= s.like && r.gift >= s.gift && r.follow >= s.follow && r.buy >= s.buy && r.quit >= this.left;
    while (!caughtUp() && this.now() < deadline) await sleep(25);
  }

  private fail(e: unknown, what: string): void {
    const code = failureCode(e);
    const first = this.failures[code] === undefined;
    this.failures[code] = (this.failures[code] ?? 0) + 1;
    if (first) this.o.log?.(`${what}: ${code} ${e instanceof Error ? e.message : String(e)} (further ${code} failures are only counted)`);
  }

  private progress(): AudienceProgress {
    return {
      elapsedMs: this.now() - this.startedAt,
      online: this.online,
      joined: this.joined,
      left: this.left,
      sent: { ...this.sent },
      failures: Object.values(this.failures).reduce((a, b) => a + b, 0),
      received: this.received.total,
    };
  }

  private summary(): AudienceSummary {
    return {
      room: this.target.room,
      seed: this.plan.seed,
      durationMs: Math.round(this.now() - this.startedAt),
      aborted: this.o.signal?.aborted ?? false,
      viewers: {
        planned: this.plan.viewers.length,
        joined: this.joined,
        left: this.left,
        failedToJoin: this.failedToJoin,
        peakOnline: this.peakOnline,
        locales: localeMix(this.plan),
      },
      planned: { ...this.plan.counts },
      sent: { ...this.sent },
      likeTaps: this.likeTaps,
      giftValue: this.giftValue,
      skipped: { ...this.skipped },
      failures: { ...this.failures },
      received: { ...this.received },
      promotions: structuredClone(this.rush.tally),
    };
  }
}
