// Keeps a supervised child up: a run that failed to start or died is started again after the one
// shared backoff (shared/domain/backoff.ts), giving up after maxAttempts restarts in a row.
//
//   idle ──start──→ starting(attempt) ──ready──→ running(attempt, since)
//                     ↑        │                   │
//                   timer      └──────── exit ─────┤ (failed to start / died)
//                     │                            ↓
//                   waiting(attempt, delayMs, lastExit) ←─┘    gave-up(attempt, lastExit) past maxAttempts
//
//   stop(), from any state with a run or a pending restart → stopped(lastExit)
//
// `attempt` is 0 for the first run and n for the n-th restart; a run of `stableMs` starts the count over.
import { nextRestart, type RestartPolicy } from '../../shared/domain/backoff';
import type { Clock } from '../../shared/domain/cryptoPort';
import { systemClock } from '../infra/nodeCrypto';
import type { ChildExit, SupervisedChild } from './supervisedChild';

export type RestartState =
  | { kind: 'idle' }
  | { kind: 'starting'; attempt: number }
  | { kind: 'running'; attempt: number; since: number }
  /** `attempt`: the restart that starts when `delayMs` is over. */
  | { kind: 'waiting'; attempt: number; delayMs: number; lastExit: ChildExit }
  /** `attempt`: the restart that was not made. */
  | { kind: 'gave-up'; attempt: number; lastExit: ChildExit }
  | { kind: 'stopped'; lastExit: ChildExit | null };

export interface RestartLoopOptions {
  policy: RestartPolicy;
  /** Makes and starts run `attempt`; the loop watches its readiness and exit. */
  spawn(attempt: number): SupervisedChild;
  onState(state: RestartState): void;
  clock?: Clock;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class RestartLoop {
  private state: RestartState = { kind: 'idle' };
  private run: SupervisedChild | undefined;
  private timer: unknown;
  private stopping: Promise<void> | undefined;
  /** What the owner last asked for: a start (from this attempt) or, when undefined, a stop. */
  private wanted: { fromAttempt: number } | undefined;
  private readonly clock: Clock;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly o: RestartLoopOptions) {
    this.clock = o.clock ?? systemClock;
    this.setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  get current(): RestartState {
    return this.state;
  }

  /** The run in progress, if any. */
  get child(): SupervisedChild | undefined {
    return this.run;
  }

  /**
   * Starts run `fromAttempt` (0 unless a count is carried on); nothing while a run is up or a restart
   * is pending; after a stop in progress, once it is done.
   */
  start(fromAttempt = 0): void {
    this.wanted = { fromAttempt };
    if (this.stopping) return;
    const k = this.state.kind;
    if (k === 'starting' || k === 'running' || k === 'waiting') return;
    this.launch(fromAttempt);
  }

  /** Idempotent: cancels a pending restart, or stops the run with its escalation. */
  stop(): Promise<void> {
    this.wanted = undefined;
    if (this.stopping) return this.stopping;
    this.cancelTimer();
    const run = this.run;
    if (!run) {
      if (this.state.kind === 'waiting') this.set({ kind: 'stopped', lastExit: this.state.lastExit });
      return Promise.resolve();
    }
    this.stopping = run.stop().then((exit) => {
      this.ended(run, exit);
      this.stopping = undefined;
      if (this.wanted) this.launch(this.wanted.fromAttempt);
    });
    return this.stopping;
  }

  private launch(attempt: number): void {
    this.set({ kind: 'starting', attempt });
    const run = this.o.spawn(attempt);
    this.run = run;
    void run.whenReady().then(() => {
      if (this.run === run && this.state.kind === 'starting') this.set({ kind: 'running', attempt, since: this.clock.now() });
    });
    void run.whenExit().then((exit) => this.ended(run, exit));
  }

  private ended(run: SupervisedChild, exit: ChildExit): void {
    if (this.run !== run) return;
    this.run = undefined;
    if (exit.stopRequested) {
      this.set({ kind: 'stopped', lastExit: exit });
      return;
    }
    const s = this.state;
    const attempt = s.kind === 'starting' || s.kind === 'running' ? s.attempt : 0;
    const ranMs = s.kind === 'running' ? this.clock.now() - s.since : 0;
    const next = nextRestart(attempt, ranMs, this.o.policy, (this.o.random ?? Math.random)());
    if (next.kind === 'give-up') {
      this.set({ kind: 'gave-up', attempt: next.attempt, lastExit: exit });
      return;
    }
    this.set({ kind: 'waiting', attempt: next.attempt, delayMs: next.delayMs, lastExit: exit });
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      if (this.state.kind === 'waiting') this.launch(next.attempt);
    }, next.delayMs);
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private set(state: RestartState): void {
    this.state = state;
    this.o.onState(state);
  }
}
