// The group-message pipeline for REST and client sends: body rules → de-dup → before-send
// callback → 40/s limit with priority shedding → fan-out → after-send (delivered only).
import { IM_ERR } from '../../shared/tencent/errorCodes';
import {
  isMsgBodyTooLong,
  msgBodyBytes,
  msgBodySchema,
  msgPrioritySchema,
  uint32Schema,
  type MsgElem,
  type MsgPriority,
} from '../../shared/tencent/msgBody';
import { describeSchemaError } from '../../shared/tencent/restSchemas';
import { LIMITS } from '../../shared/tencent/limits';
import { type Logger } from '../../node/infra/logger';
import { type CallbackClient, type CallbackContext, type SendMsgCallbackBody } from './callbacks';
import { DedupeTable } from './dedupe';
import { type EngineResult, type GroupEvent } from './engineApi';
import { GroupRateLimiter } from './rateLimiter';
import { fail, failRaw, type Fail } from './result';
import { type SessionRegistry } from './sessions';
import { type GroupRecord } from './state';
import { type Timers } from './timers';

export interface SendInput {
  group: GroupRecord;
  from: string;
  /** `Operator_Account` of callbacks: the admin for REST sends, else the sender. */
  operator: string;
  random: number;
  priority: MsgPriority;
  body: MsgElem[];
  cloudCustomData: string;
  /** The sending client's session: own sends are not echoed (as in tim-js-sdk). */
  exceptSessionId?: string;
  ctx: CallbackContext;
  skipBeforeCallback?: boolean;
  skipAfterCallback?: boolean;
}

export interface SendOutput {
  seq: number;
  time: number;
  body: MsgElem[];
  modified: boolean;
}

export interface PipelineStats {
  delivered: number;
  /** Shed by the 40/s limit. */
  dropped: number;
  /** Suppressed as a repeated (sender, Random) within 5 minutes. */
  deduplicated: number;
  /** Refused or silently discarded by the before-send callback. */
  refusedByCallback: number;
}

interface Pending {
  event: Extract<GroupEvent, { kind: 'message' }>;
  exceptSessionId: string | undefined;
  operator: string;
  ctx: CallbackContext;
  skipAfterCallback: boolean;
}

export interface PipelineDeps {
  clock: { now(): number };
  timers: Timers;
  log: Logger;
  sessions: SessionRegistry;
  callbacks: CallbackClient | undefined;
  profileOf(userId: string): { nick: string; avatar: string };
  groupExists(groupId: string): boolean;
}


/** Validates a body from any source: schema (10004) and the 12 KB rule (80002). */
export function checkMsgBody(body: unknown): EngineResult<MsgElem[]> {
  const parsed = msgBodySchema.safeParse(body);
  if (!parsed.success) {
    return fail(IM_ERR.INVALID_PARAM, describeSchemaError(parsed.error, 'MsgBody'));
  }
  if (isMsgBodyTooLong(parsed.data)) {
    return fail(IM_ERR.MSG_TOO_LONG, `${msgBodyBytes(parsed.data)} bytes, limit ${LIMITS.msgBodyBytes}`);
  }
  return { ok: true, value: parsed.data };
}

export class MessagePipeline {
  readonly stats: PipelineStats = { delivered: 0, dropped: 0, deduplicated: 0, refusedByCallback: 0 };
  private readonly limiters = new Map<string, GroupRateLimiter<Pending>>();
  private readonly dedupe = new Map<string, DedupeTable>();

  constructor(private readonly deps: PipelineDeps) {}

  async send(input: SendInput): Promise<EngineResult<SendOutput>> {
    // Client sends arrive typed but unchecked; REST ones were parsed with the same rules.
    if (!uint32Schema.safeParse(input.random).success) return fail(IM_ERR.INVALID_PARAM, 'Random: must be a uint32');
    if (!msgPrioritySchema.safeParse(input.priority).success) return fail(IM_ERR.INVALID_PARAM, 'MsgPriority: must be High, Normal, Low or Lowest');
    if (typeof input.cloudCustomData !== 'string') return fail(IM_ERR.INVALID_PARAM, 'CloudCustomData: must be a string');
    const checked = checkMsgBody(input.body);
    if (!checked.ok) return checked;
    const { group } = input;
    const seen = this.table(group.groupId).lookup(input.from, input.random);
    if (seen) {
      this.stats.deduplicated++;
      return { ok: true, value: { ...seen, body: checked.value, modified: false } };
    }
    const time = Math.floor(this.deps.clock.now() / 1000);
    const seq = group.nextMsgSeq++;
    this.table(group.groupId).remember(input.from, input.random, { seq, time });

    let body = checked.value;
    let modified = false;
    const callbacks = this.deps.callbacks;
    if (callbacks && !input.skipBeforeCallback) {
      const verdict = await this.beforeSend(callbacks, input, body);
      if (verdict.kind === 'refuse') {
        this.table(group.groupId).forget(input.from, input.random);
        this.stats.refusedByCallback++;
        return verdict.result;
      }
      if (verdict.kind === 'discard') {
        this.stats.refusedByCallback++;
        return { ok: true, value: { seq, time, body, modified: false } };
      }
      if (verdict.body) {
        modified = JSON.stringify(verdict.body) !== JSON.stringify(body);
        body = verdict.body;
      }
      // The group may have been destroyed while the callback was out.
      if (!this.deps.groupExists(group.groupId)) {
        this.table(group.groupId).forget(input.from, input.random);
        return fail(IM_ERR.GROUP_NOT_FOUND);
      }
    }

    const { nick, avatar } = this.deps.profileOf(input.from);
    const pending: Pending = {
      event: {
        kind: 'message',
        groupId: group.groupId,
        from: input.from,
        nick,
        avatar,
        time,
        seq,
        random: input.random,
        priority: input.priority,
        body,
        cloudCustomData: input.cloudCustomData,
        modified,
      },
      exceptSessionId: input.exceptSessionId,
      operator: input.operator,
      ctx: input.ctx,
      skipAfterCallback: input.skipAfterCallback ?? false,
    };
    this.limiter(group).offer(pending, input.priority);
    return { ok: true, value: { seq, time, body, modified } };
  }

  /** Forgets a destroyed group's queue and de-dup table. */
  removeGroup(groupId: string): void {
    this.limiters.get(groupId)?.dispose();
    this.limiters.delete(groupId);
    this.dedupe.delete(groupId);
  }

  dispose(): void {
    for (const id of [...this.limiters.keys()]) this.removeGroup(id);
  }

  private table(groupId: string): DedupeTable {
    let t = this.dedupe.get(groupId);
    if (!t) {
      t = new DedupeTable(this.deps.clock);
      this.dedupe.set(groupId, t);
    }
    return t;
  }

  private limiter(group: GroupRecord): GroupRateLimiter<Pending> {
    let l = this.limiters.get(group.groupId);
    if (!l) {
      l = new GroupRateLimiter<Pending>({
        clock: this.deps.clock,
        timers: this.deps.timers,
        deliver: (p) => this.deliver(group, p),
        drop: (p) => {
          this.stats.dropped++;
          this.deps.log.debug({ groupId: p.event.groupId, seq: p.event.seq }, 'studio im: message shed by 40/s limit');
        },
        onError: (e) => this.deps.log.error({ err: String(e) }, 'studio im: delivery failed'),
      });
      this.limiters.set(group.groupId, l);
    }
    return l;
  }

  private deliver(group: GroupRecord, p: Pending): void {
    this.stats.delivered++;
    group.lastMsgTime = p.event.time;
    this.deps.sessions.broadcast(group.groupId, [p.event], p.exceptSessionId);
    const callbacks = this.deps.callbacks;
    if (!callbacks || p.skipAfterCallback) return;
    const body: SendMsgCallbackBody = {
      CallbackCommand: 'Group.CallbackAfterSendMsg',
      GroupId: group.groupId,
      Type: 'AVChatRoom',
      From_Account: p.event.from,
      Operator_Account: p.operator,
      Random: p.event.random,
      MsgSeq: p.event.seq,
      MsgTime: p.event.time,
      OnlineOnlyFlag: 0,
      MsgBody: p.event.body,
      CloudCustomData: p.event.cloudCustomData,
      EventTime: this.deps.clock.now(),
    };
    callbacks.fireAndForget('Group.CallbackAfterSendMsg', body, p.ctx);
  }

  /**
   * Before-send ErrorCode: 0 allow (MsgBody replaces), 1 → 10016, 2 silent drop, 10100–10200
   * passed through; failure → deliver.
   */
  private async beforeSend(
    callbacks: CallbackClient,
    input: SendInput,
    body: MsgElem[],
  ): Promise<{ kind: 'allow'; body?: MsgElem[] } | { kind: 'discard' } | { kind: 'refuse'; result: Fail }> {
    const request: SendMsgCallbackBody = {
      CallbackCommand: 'Group.CallbackBeforeSendMsg',
      GroupId: input.group.groupId,
      Type: 'AVChatRoom',
      From_Account: input.from,
      Operator_Account: input.operator,
      Random: input.random,
      OnlineOnlyFlag: 0,
      MsgBody: body,
      CloudCustomData: input.cloudCustomData,
      EventTime: this.deps.clock.now(),
    };
    const outcome = await callbacks.post('Group.CallbackBeforeSendMsg', request, input.ctx);
    if (outcome.kind === 'failed') return { kind: 'allow' };
    const answer = outcome.body;
    const code = typeof answer.ErrorCode === 'string' ? Number(answer.ErrorCode) : answer.ErrorCode;
    const info = typeof answer.ErrorInfo === 'string' ? answer.ErrorInfo : '';
    if (typeof code !== 'number' || !Number.isInteger(code)) {
      this.deps.log.warn({ answer }, 'studio im: before-send answer has no ErrorCode; delivering');
      return { kind: 'allow' };
    }
    if (code === 0) {
      if (answer.MsgBody === undefined) return { kind: 'allow' };
      const replaced = checkMsgBody(answer.MsgBody);
      if (!replaced.ok) {
        this.deps.log.warn({ reason: replaced.message }, 'studio im: before-send MsgBody invalid; delivering the original');
        return { kind: 'allow' };
      }
      return { kind: 'allow', body: replaced.value };
    }
    if (code === 2) return { kind: 'discard' };
    if (code >= 10100 && code <= 10200) return { kind: 'refuse', result: failRaw(code, info) };
    return { kind: 'refuse', result: info ? failRaw(IM_ERR.CALLBACK_REJECTED, info) : fail(IM_ERR.CALLBACK_REJECTED) };
  }
}
