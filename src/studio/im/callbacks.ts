// Third-party callbacks as Tencent sends them (https://www.tencentcloud.com/document/product/1047/34354):
// its query parameters, optional Sign/RequestTime, 2 s timeout, no retry. Never throws into the
// engine: failures are outcomes.
import { type Clock, type CryptoPort } from '../../shared/domain/cryptoPort';
import { type MsgElem } from '../../shared/tencent/msgBody';
import { type Logger } from '../../node/infra/logger';
import { type OptPlatform } from './engineApi';

export type CallbackCommand =
  | 'Group.CallbackBeforeSendMsg'
  | 'Group.CallbackAfterSendMsg'
  | 'Group.CallbackAfterNewMemberJoin'
  | 'Group.CallbackAfterMemberExit';

export interface CallbackContext {
  clientIp: string;
  platform: OptPlatform;
}

/** Before-send and after-send bodies share these fields; after-send adds MsgSeq/MsgTime. */
export interface SendMsgCallbackBody {
  CallbackCommand: 'Group.CallbackBeforeSendMsg' | 'Group.CallbackAfterSendMsg';
  GroupId: string;
  Type: 'AVChatRoom';
  From_Account: string;
  Operator_Account: string;
  Random: number;
  OnlineOnlyFlag: 0;
  MsgBody: MsgElem[];
  CloudCustomData: string;
  EventTime: number;
  MsgSeq?: number;
  MsgTime?: number;
}

export interface MemberCallbackBody {
  CallbackCommand: 'Group.CallbackAfterNewMemberJoin' | 'Group.CallbackAfterMemberExit';
  GroupId: string;
  Type: 'AVChatRoom';
  Operator_Account: string;
  JoinType?: 'Apply';
  NewMemberList?: { Member_Account: string }[];
  ExitType?: 'Quit';
  ExitMemberList?: { Member_Account: string }[];
  EventTime: number;
}

export type CallbackOutcome =
  | { kind: 'answered'; body: Record<string, unknown> }
  | { kind: 'failed'; reason: string };

export interface CallbackClientDeps {
  url: string;
  token?: string;
  sdkAppId: number;
  crypto: CryptoPort;
  clock: Clock;
  log: Logger;
  fetch: typeof fetch;
  /** 2 s, not adjustable on Tencent; tests shorten it. */
  timeoutMs: number;
}

export class CallbackClient {
  private readonly inFlight = new Set<AbortController>();
  private disposed = false;

  constructor(private readonly deps: CallbackClientDeps) {}

  /** The callback URL with Tencent's query parameters and, with a token, RequestTime + Sign. */
  buildUrl(command: CallbackCommand, ctx: CallbackContext): string {
    const url = new URL(this.deps.url);
    const q = url.searchParams;
    q.set('SdkAppid', String(this.deps.sdkAppId));
    q.set('CallbackCommand', command);
    q.set('contenttype', 'json');
    q.set('ClientIP', ctx.clientIp);
    q.set('OptPlatform', ctx.platform);
    if (this.deps.token) {
      const requestTime = String(Math.floor(this.deps.clock.now() / 1000));
      q.set('RequestTime', requestTime);
      q.set('Sign', this.deps.crypto.sha256Hex(this.deps.token + requestTime));
    }
    return url.toString();
  }

  async post(command: CallbackCommand, body: object, ctx: CallbackContext): Promise<CallbackOutcome> {
    if (this.disposed) return { kind: 'failed', reason: 'engine disposed' };
    const controller = new AbortController();
    this.inFlight.add(controller);
    // Network time is real time, so this timeout uses the real timer even under a fake clock.
    const timer = setTimeout(() => controller.abort(), this.deps.timeoutMs);
    try {
      const res = await this.deps.fetch(this.buildUrl(command, ctx), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const text = await res.text();
      // Tencent: anything but HTTP 200 with a JSON object counts as failure.
      if (res.status !== 200) return this.failed(command, `HTTP ${res.status}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return this.failed(command, 'response is not JSON');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return this.failed(command, 'response is not a JSON object');
      }
      return { kind: 'answered', body: parsed as Record<string, unknown> };
    } catch (e) {
      return this.failed(command, controller.signal.aborted ? `timed out after ${this.deps.timeoutMs} ms` : String(e));
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  /** After-* callbacks: the answer is ignored by Tencent, so nobody waits for it. */
  fireAndForget(command: CallbackCommand, body: object, ctx: CallbackContext): void {
    void this.post(command, body, ctx);
  }

  dispose(): void {
    this.disposed = true;
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
  }

  private failed(command: CallbackCommand, reason: string): CallbackOutcome {
    this.deps.log.warn({ command, reason }, 'studio im: callback failed');
    return { kind: 'failed', reason };
  }
}
