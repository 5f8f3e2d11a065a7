// The one room state of the app instance, shown by every console: what operators made current
// (product, status, announcement, with who and when), what the feeding console's IM session
// reduced (counters, leaderboard), which console holds each operator's IM login, and the journal's
// tail. Every change is pushed whole as `team:state`; journal entries also go out one by one as
// `team:journal`. ARCHITECTURE.md "The team console" has the picture.
import { AppError } from '../../shared/errors';
import type { LaunchedProduct } from '../../shared/domain/liveCommerce';
import type { Clock } from '../../shared/domain/cryptoPort';
import type { Attributed, ConsoleConnection, Feed, JournalEntry, Operator, SessionClaim, TeamRoomState } from '../../shared/teamContract';
import { HANDOVER_GRACE_MS, HOST_OPERATOR_ID } from '../../shared/teamContract';
import type { Journal } from './journal';

/** A launch by someone else this recent asks before replacing it (the 10 s). */
export const CONFLICT_WINDOW_MS = 10_000;
const JOURNAL_TAIL = 50;

export interface RoomHubDeps {
  journal: Journal;
  clock: Clock;
  show: () => string;
  onState: (s: TeamRoomState) => void;
  onJournal: (e: JournalEntry) => void;
  /** Consoles changed (the host's overview). */
  onConnections?: () => void;
}

interface Lease {
  connectionId: string;
  since: number;
}

export class RoomHub {
  private product: TeamRoomState['product'] = null;
  private status: TeamRoomState['status'] = null;
  private announcement: TeamRoomState['announcement'] = null;
  private counters: TeamRoomState['counters'] = {};
  private leaderboard: TeamRoomState['leaderboard'] = [];
  private readonly connections = new Map<string, ConsoleConnection>();
  /** operator id → the console holding its IM login. */
  private readonly leases = new Map<string, Lease>();
  /** operator id → a take-over waiting for the holder to sign out. */
  private readonly handovers = new Map<string, Lease>();
  private shownShow = '';
  private readonly offJournal: () => void;

  constructor(private readonly d: RoomHubDeps) {
    this.offJournal = d.journal.onEntry((e) => {
      d.onJournal(e);
      this.changed();
    });
  }

  state(): TeamRoomState {
    this.followShow();
    return {
      show: this.shownShow,
      product: this.product,
      status: this.status,
      announcement: this.announcement,
      counters: this.counters,
      leaderboard: this.leaderboard,
      feeder: this.feeder(),
      sessions: Object.fromEntries([...this.leases].map(([op, l]) => [op, l.connectionId])),
      handovers: Object.fromEntries([...this.handovers].map(([op, l]) => [op, l.connectionId])),
      journal: this.d.journal.list({ limit: JOURNAL_TAIL }),
      updatedAt: this.d.clock.now(),
    };
  }

  /** After an operator's action was answered: it is the current value, made by them. */
  attribute(field: 'product', value: LaunchedProduct | null, by: Operator): void;
  attribute(field: 'status' | 'announcement', value: string, by: Operator): void;
  attribute(field: 'product' | 'status' | 'announcement', value: unknown, by: Operator): void {
    this.followShow();
    const a: Attributed<never> = { value: value as never, by: { operatorId: by.id, name: by.name, role: by.role }, at: this.d.clock.now() };
    if (field === 'product') this.product = a;
    else if (field === 'status') this.status = a;
    else this.announcement = a;
    this.changed();
  }

  /**
   * A launch replaces what someone else launched less than 10 s ago, and the operator saw something
   * else as current: CONFLICT with who, what and how long ago, unless they said "anyway".
   */
  checkLaunch(by: Operator, seen: string | undefined, force: boolean): void {
    if (force || seen === undefined || !this.product?.by) return;
    const ago = this.d.clock.now() - this.product.at;
    const current = this.product.value;
    if (this.product.by.operatorId === by.id || ago >= CONFLICT_WINDOW_MS || (current?.id ?? '') === seen) return;
    throw new AppError(
      'CONFLICT',
      `${current?.title ?? 'The product'} was launched by ${this.product.by.name} ${Math.round(ago / 1000)} s ago`,
      { productId: current?.id ?? '', title: current?.title ?? '', by: this.product.by.name, role: this.product.by.role, agoMs: ago },
    );
  }

  /** What the feeding console's IM session reduced and saw; from any other console it is ignored. */
  feed(connectionId: string, f: Feed): { acknowledged: number } {
    if (connectionId !== this.feeder()) return { acknowledged: 0 };
    if (f.counters) this.counters = f.counters;
    if (f.leaderboard) this.leaderboard = f.leaderboard;
    let acknowledged = 0;
    for (const s of f.seen ?? []) if (this.d.journal.acknowledge(s.key, { reached: s.reached })) acknowledged += 1;
    if (f.counters || f.leaderboard) this.changed();
    return { acknowledged };
  }

  connect(c: ConsoleConnection): void {
    this.connections.set(c.connectionId, c);
    this.d.onConnections?.();
  }

  /** A console left: its IM logins are free, the feed moves on (host first, then the oldest). */
  disconnect(connectionId: string): void {
    this.connections.delete(connectionId);
    for (const [op, l] of this.handovers) if (l.connectionId === connectionId) this.handovers.delete(op);
    for (const [op, l] of this.leases) if (l.connectionId === connectionId) this.pass(op);
    this.d.onConnections?.();
    this.changed();
  }

  /** Disconnects every console of an operator (a revoked invite); returns their connection ids. */
  consolesOf(operatorId: string): string[] {
    return [...this.connections.values()].filter((c) => c.operatorId === operatorId).map((c) => c.connectionId);
  }

  listConnections(): ConsoleConnection[] {
    return [...this.connections.values()];
  }

  /**
   * One IM login per operator: the first console to ask holds it; another tab of the same operator
   * is told who holds it and may take it over. A take-over is a handover, never a kick: the holder
   * sees it in the state, signs out and releases; then the login passes (`release`). A holder that
   * has not released within HANDOVER_GRACE_MS loses it when the take-over is asked again.
   */
  claim(operator: Operator, connectionId: string, takeOver: boolean): SessionClaim {
    const held = this.leases.get(operator.id);
    const now = this.d.clock.now();
    if (held && held.connectionId !== connectionId) {
      const c = this.connections.get(held.connectionId);
      const holder = { connectionId: held.connectionId, from: c?.from ?? '', since: held.since };
      if (!takeOver) return { granted: false, handover: false, holder };
      const asked = this.handovers.get(operator.id);
      if (!asked || asked.connectionId !== connectionId) {
        this.handovers.set(operator.id, { connectionId, since: now });
        this.changed();
        return { granted: false, handover: true, holder };
      }
      if (now - asked.since < HANDOVER_GRACE_MS) return { granted: false, handover: true, holder };
    }
    this.handovers.delete(operator.id);
    if (!held || held.connectionId !== connectionId) this.leases.set(operator.id, { connectionId, since: now });
    this.changed();
    return { granted: true, handover: false, holder: null };
  }

  /** The holder signed out: the login goes to the console taking it over, else it is free. */
  release(operator: Operator, connectionId: string): boolean {
    if (this.leases.get(operator.id)?.connectionId !== connectionId) return false;
    this.pass(operator.id);
    this.changed();
    return true;
  }

  private pass(operatorId: string): void {
    const next = this.handovers.get(operatorId);
    this.handovers.delete(operatorId);
    if (next && this.connections.has(next.connectionId)) this.leases.set(operatorId, { connectionId: next.connectionId, since: this.d.clock.now() });
    else this.leases.delete(operatorId);
  }

  dispose(): void {
    this.offJournal();
  }

  /** The host's IM session feeds the state when it is open; otherwise the oldest open one. */
  private feeder(): string | null {
    const host = this.leases.get(HOST_OPERATOR_ID);
    if (host) return host.connectionId;
    let best: Lease | null = null;
    for (const l of this.leases.values()) if (!best || l.since < best.since) best = l;
    return best?.connectionId ?? null;
  }

  /** Another room chosen: what was current belongs to the old show. */
  private followShow(): void {
    const show = this.d.show();
    if (show === this.shownShow) return;
    this.shownShow = show;
    this.product = this.status = this.announcement = null;
    this.counters = {};
    this.leaderboard = [];
  }

  private changed(): void {
    this.d.onState(this.state());
  }
}
