// Writes levels to the profile tag Tag_Profile_Custom_Level with the REST call profile/portrait_set,
// where clients read them: one pending value per user (a newer level replaces an unsent one),
// paced under the 200 req/s per-API limit, retried with backoff on 60007 (rate) and 10002 (internal).
import { LEVEL_TAG } from '../shared/domain/levels/levelRules';
import { type Logger } from '../node/infra/logger';
import { backoffDelay } from '../shared/domain/backoff';
import { type ImRestCall } from './imRest';

export { LEVEL_TAG };
const RETRYABLE = new Set([60007, 10002, 60018, 60019]);

export interface PublisherOptions {
  rest: ImRestCall;
  log: Logger;
  /** Requests per second; Tencent allows 200/s per API, other writers share it (default 100). */
  ratePerSecond?: number;
  maxAttempts?: number;
  /** First retry delay (ms), doubled per attempt. */
  retryBaseMs?: number;
}

export interface PublisherStats {
  sent: number;
  failed: number;
  retried: number;
  coalesced: number;
  pending: number;
}

export class PortraitPublisher {
  private readonly pending = new Map<string, { level: number; attempt: number; notBefore: number }>();
  private readonly stats = { sent: 0, failed: 0, retried: 0, coalesced: 0 };
  private running: Promise<void> | undefined;
  private idleWaiters: Array<() => void> = [];
  private disposed = false;
  private readonly intervalMs: number;

  constructor(private readonly o: PublisherOptions) {
    this.intervalMs = 1000 / Math.min(190, Math.max(1, o.ratePerSecond ?? 100));
  }

  publish(account: string, level: number): void {
    if (this.disposed) return;
    if (this.pending.has(account)) this.stats.coalesced++;
    this.pending.set(account, { level, attempt: 0, notBefore: 0 });
    this.running ??= this.pump().finally(() => {
      this.running = undefined;
      for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  getStats(): PublisherStats {
    return { ...this.stats, pending: this.pending.size };
  }

  /** Resolves when nothing is pending (tests, shutdown). */
  async idle(): Promise<void> {
    if (!this.running) return;
    await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  dispose(): void {
    this.disposed = true;
    this.pending.clear();
  }

  private async pump(): Promise<void> {
    while (this.pending.size > 0 && !this.disposed) {
      const now = Date.now();
      const next = [...this.pending].find(([, p]) => p.notBefore <= now);
      if (!next) {
        const wait = Math.min(...[...this.pending.values()].map((p) => p.notBefore)) - now;
        await sleep(Math.max(1, wait));
        continue;
      }
      const [account, job] = next;
      this.pending.delete(account);
      const started = Date.now();
      await this.send(account, job);
      await sleep(Math.max(0, this.intervalMs - (Date.now() - started)));
    }
  }

  private async send(account: string, job: { level: number; attempt: number }): Promise<void> {
    let code: number | 'network';
    let info = '';
    try {
      const r = await this.o.rest('profile/portrait_set', {
        From_Account: account,
        ProfileItem: [{ Tag: LEVEL_TAG, Value: String(job.level) }],
      });
      code = r.ErrorCode;
      info = r.ErrorInfo ?? '';
    } catch (e) {
      code = 'network';
      info = e instanceof Error ? e.message : String(e);
    }
    if (code === 0) {
      this.stats.sent++;
      return;
    }
    const attempt = job.attempt + 1;
    const retryable = code === 'network' || RETRYABLE.has(code);
    if (retryable && attempt < (this.o.maxAttempts ?? 5) && !this.pending.has(account) && !this.disposed) {
      this.stats.retried++;
      this.pending.set(account, { level: job.level, attempt, notBefore: Date.now() + backoffDelay(attempt, 0, { baseMs: this.o.retryBaseMs ?? 500, factor: 2, capMs: Infinity, jitter: 0 }) });
      return;
    }
    if (!this.pending.has(account)) {
      this.stats.failed++;
      this.o.log.warn({ account, level: job.level, code, info }, 'callbacks: portrait_set failed; level not published');
    }
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
