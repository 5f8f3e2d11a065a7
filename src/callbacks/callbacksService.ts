// The callbacks service: one entry point per Tencent callback request (query + raw body) that
// always produces a well-formed answer — checks (SdkAppid, Sign/RequestTime, JSON, schema), then
// the synchronous before-send filter decision or the level bookkeeping of the after-* callbacks.
import { type CryptoPort } from '../shared/domain/cryptoPort';
import { type Logger } from '../node/infra/logger';
import { FilterRegistry } from './filterRegistry';
import { LevelsService } from './levelsService';
import {
  answerOk,
  answerUnevaluated,
  checkSign,
  exitCallbackSchema,
  isHandledCommand,
  joinCallbackSchema,
  sendMsgCallbackSchema,
  type CallbackAnswer,
  type CallbackQuery,
  type FailMode,
} from './protocol';
import { type LevelStore } from './store/levelStore';
import type { RefusalKind } from '../shared/moderationContract';
import type { PromotionDesk } from './promotions/promotionDesk';

export interface CallbacksServiceDeps {
  store: LevelStore;
  sdkAppId: number;
  adminIdentifier: string;
  /**
   * Tencent's callback auth token (Sign = sha256_hex(token + RequestTime)). Required unless
   * `insecureNoToken` says the operator chose to run without one (then anyone can post callbacks).
   */
  token?: string;
  insecureNoToken?: boolean;
  failMode: FailMode;
  crypto: CryptoPort;
  log: Logger;
  publish: (account: string, level: number) => void;
  now?: () => number;
  /** How long an after-* callback may hold its HTTP answer (Tencent waits 2 s at most). */
  answerWithinMs?: number;
  /** Told about delivered messages, joins and exits (lucky-bag entry conditions). */
  promotions?: PromotionDesk;
}


export interface CallbacksStats {
  requests: number;
  refusedRequests: number;
  refusedByKind: Record<RefusalKind, number>;
  /** The most recent refusal: when (epoch ms), its kind and reason. */
  lastRefusal: { at: number; kind: RefusalKind; reason: string } | null;
  verdicts: Record<'pass' | 'mask' | 'reject' | 'drop', number>;
  errors: number;
}

const ERROR_CODE_BY_VERDICT = { pass: 0, mask: 0, reject: 1, drop: 2 } as const;

export class CallbacksService {
  readonly filters: FilterRegistry;
  readonly levels: LevelsService;
  readonly stats: CallbacksStats = {
    requests: 0,
    refusedRequests: 0,
    refusedByKind: { sdkAppId: 0, signMissing: 0, signMismatch: 0, requestTimeStale: 0, body: 0 },
    lastRefusal: null,
    verdicts: { pass: 0, mask: 0, reject: 0, drop: 0 },
    errors: 0,
  };
  private readonly now: () => number;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly d: CallbacksServiceDeps) {
    if (!d.token && !d.insecureNoToken) {
      throw new Error('The callbacks service needs Tencent\'s callback auth token (--token), or --insecure-no-token to run without one');
    }
    this.now = d.now ?? Date.now;
    this.filters = new FilterRegistry(d.store, d.log);
    this.levels = new LevelsService(d.store, { publish: d.publish }, d.adminIdentifier, d.log, this.now);
  }

  /** Running without a callback token: anyone who can reach the URL can forge callbacks. */
  get insecure(): boolean {
    return !this.d.token;
  }

  get store(): LevelStore {
    return this.d.store;
  }

  async init(): Promise<void> {
    await this.filters.refresh(true);
    await this.levels.loadRules();
  }

  /** Handles one request; never throws. */
  async handle(q: CallbackQuery, rawBody: string): Promise<CallbackAnswer> {
    this.stats.requests++;
    const command = q.CallbackCommand ?? '';
    const refuse = (reason: string, kind: RefusalKind = 'body'): CallbackAnswer => {
      this.stats.refusedRequests++;
      this.stats.refusedByKind[kind]++;
      this.stats.lastRefusal = { at: this.now(), kind, reason };
      this.d.log.warn({ command, reason, clientIp: q.ClientIP }, 'callbacks: request not evaluated');
      return answerUnevaluated(command, this.d.failMode, reason);
    };
    if (q.SdkAppid !== String(this.d.sdkAppId)) return refuse(`SdkAppid ${q.SdkAppid ?? '(missing)'} is not ${this.d.sdkAppId}`, 'sdkAppId');
    if (this.d.token) {
      const sign = checkSign(this.d.crypto, this.d.token, q, this.now());
      if (sign !== 'ok') return refuse(`Sign ${sign}`, sign === 'missing' ? 'signMissing' : sign === 'stale' ? 'requestTimeStale' : 'signMismatch');
    }
    // Unknown commands (other callbacks switched on in the console) are acknowledged: answering
    // 0 lets a Before* callback we do not implement proceed, as if it were not configured.
    if (!isHandledCommand(command)) return answerOk(`ignored: ${command || 'no CallbackCommand'}`);
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return refuse('body is not JSON');
    }
    try {
      switch (command) {
        case 'Group.CallbackBeforeSendMsg':
          return this.beforeSend(body, refuse);
        case 'Group.CallbackAfterSendMsg': {
          const b = sendMsgCallbackSchema.safeParse(body);
          if (!b.success) return refuse(`bad body: ${b.error.issues[0]?.message ?? 'invalid'}`);
          this.d.promotions?.afterSend(b.data);
          return this.bounded(this.levels.afterSend(b.data));
        }
        case 'Group.CallbackAfterNewMemberJoin': {
          const b = joinCallbackSchema.safeParse(body);
          if (!b.success) return refuse('bad body: NewMemberList/GroupId');
          this.d.promotions?.joined(b.data);
          return this.bounded(this.levels.joined(b.data));
        }
        case 'Group.CallbackAfterMemberExit': {
          const b = exitCallbackSchema.safeParse(body);
          if (!b.success) return refuse('bad body: ExitMemberList/GroupId');
          this.d.promotions?.exited(b.data);
          return this.bounded(this.levels.exited(b.data));
        }
      }
    } catch (e) {
      this.stats.errors++;
      this.d.log.error({ err: e, command }, 'callbacks: handler failed');
      return answerUnevaluated(command, this.d.failMode, 'internal error');
    }
  }

  /** Waits for in-flight after-* work (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private beforeSend(body: unknown, refuse: (reason: string) => CallbackAnswer): CallbackAnswer {
    const b = sendMsgCallbackSchema.safeParse(body);
    if (!b.success) return refuse(`bad body: ${b.error.issues[0]?.message ?? 'invalid'}`);
    const v = this.filters.check(b.data.GroupId, b.data.MsgBody);
    this.stats.verdicts[v.verdict]++;
    if (v.verdict === 'pass') return answerOk();
    this.d.log.info(
      { group: b.data.GroupId, from: b.data.From_Account, verdict: v.verdict, lists: [...new Set(v.matches.map((m) => m.listId))] },
      'callbacks: message filtered',
    );
    const answer: CallbackAnswer = { ActionStatus: 'OK', ErrorCode: ERROR_CODE_BY_VERDICT[v.verdict], ErrorInfo: v.verdict === 'reject' ? 'message contains a blocked word' : '' };
    if (v.verdict === 'mask') answer.MsgBody = v.body;
    return answer;
  }

  /** After-* answers are ignored by IM; answer by the deadline even if the store is slow. */
  private async bounded(work: Promise<unknown>): Promise<CallbackAnswer> {
    const tracked = work.then(
      () => answerOk(),
      (e: unknown) => {
        this.stats.errors++;
        this.d.log.error({ err: e }, 'callbacks: level update failed');
        return { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'store error' } as CallbackAnswer;
      },
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<CallbackAnswer>((r) => {
      timer = setTimeout(() => r(answerOk('accepted; still processing')), this.d.answerWithinMs ?? 1500);
    });
    try {
      return await Promise.race([tracked, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
