// The room pauses itself when the push drops (#14 item 5): driven by broadcast snapshots, a live
// push that has been down for `afterSeconds` sets room_status to paused (viewers see "Be right
// back" instead of a frozen frame), and the push live again sets it back to live — unless an
// operator set the status meanwhile. Writes go through RoomService → RoomAdmin (the one writer and
// codec, studio and Tencent alike); every automatic change is journaled for the console.
//
//   idle ──live──→ up ──push drops──→ down(since) ──afterSeconds──→ paused (room_status = paused)
//                   ↑                    │ live                        │ live: back to live, unless
//                   └────────────────────┴─────────────────────────────┘ an operator changed it
//   stop / ended, from any phase → idle (a stopped show is not resumed later)
//
// Only a room whose status is live is paused: a room not started, ended or paused by hand is left
// alone, and then there is nothing to undo when the push returns.
import { FIELD_ROOM_STATUS, parseRoomStatus, type RoomStatus } from '../../shared/domain/liveCommerce';
import type { Clock } from '../../shared/domain/cryptoPort';
import type { StreamStateKind } from '../../shared/domain/broadcast/stateMachine';
import type { AutoPauseEntry, AutoPauseSnapshot } from '../../shared/roomContract';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../infra/logger';
import type { RoomService } from '../room/roomService';

export type AutoPauseSettings = Settings['broadcast']['autoPause'];

/** The part of a broadcast snapshot the auto-pause reads. */
export interface BroadcastSignal {
  state: { kind: StreamStateKind };
  at: number;
}

export interface AutoPauseDeps {
  settings(): AutoPauseSettings;
  /** The room's status now, read back from the IM REST API (`room:info`). */
  readStatus(): Promise<{ groupId: string; status: RoomStatus | null }>;
  /** Writes room_status (RoomService.setStatus); answers with the room written and when. */
  writeStatus(status: RoomStatus): Promise<{ groupId: string; at: number }>;
  clock: Clock;
  log: Logger;
  /** Every change of phase or journal, as a whole snapshot. */
  onChange(snapshot: AutoPauseSnapshot): void;
}

/** Reads and writes room_status of the room in settings through RoomService (→ RoomAdmin and its codec). */
export function roomStatusPort(room: Pick<RoomService, 'info' | 'setStatus'>): Pick<AutoPauseDeps, 'readStatus' | 'writeStatus'> {
  return {
    readStatus: async () => {
      const info = await room.info();
      return { groupId: info.groupId, status: parseRoomStatus(info.fields[FIELD_ROOM_STATUS]) ?? null };
    },
    writeStatus: (status) => room.setStatus(status),
  };
}

/**
 * A pause that could not be written (the studio restarting, a network blip) is tried again this
 * often while the push stays down; the journal says the first failure of an outage only.
 */
export const PAUSE_RETRY_MS = 1000;

/** Entries kept for a console that reloads (a show rarely has more outages than this). */
export const AUTO_PAUSE_JOURNAL_SIZE = 50;

type Phase = { kind: 'idle' } | { kind: 'up' } | { kind: 'down'; since: number } | { kind: 'paused'; since: number };

/** What this module paused: undone when the push returns, unless an operator wrote the status since. */
interface OwnPause {
  groupId: string;
  /** The operator's status writes counted when the pause was decided. */
  operatorWrites: number;
}

export class AutoPause {
  private phase: Phase = { kind: 'idle' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Failed pause writes in this outage (the first is journaled, later ones retried quietly). */
  private pauseFailures = 0;
  private own: OwnPause | null = null;
  private operatorWrites = 0;
  private lastOperatorStatus: RoomStatus | null = null;
  private entries: AutoPauseEntry[] = [];
  private nextId = 1;
  /** REST calls run one at a time, in the order the push changed. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly d: AutoPauseDeps) {}

  snapshot(): AutoPauseSnapshot {
    const { enabled, afterSeconds } = this.d.settings();
    const since = this.phase.kind === 'down' || this.phase.kind === 'paused' ? this.phase.since : null;
    return { enabled, afterSeconds, phase: this.phase.kind, pushDownSince: since, entries: [...this.entries] };
  }

  /** A `broadcast:state` snapshot: live is up; reconnecting (or failed, or a new attempt) after live is down. */
  onBroadcast(s: BroadcastSignal): void {
    const kind = s.state.kind;
    const was = this.phase;
    if (kind === 'live') {
      this.clearTimer();
      this.phase = { kind: 'up' };
      if (was.kind === 'paused') this.enqueue(() => this.resume(s.at));
    } else if (kind === 'stopping' || kind === 'ended' || kind === 'idle') {
      this.clearTimer();
      this.phase = { kind: 'idle' };
      this.enqueue(async () => void (this.own = null));
    } else if (was.kind === 'up') {
      this.phase = { kind: 'down', since: s.at };
      const { enabled, afterSeconds } = this.d.settings();
      if (enabled) this.timer = setTimeout(() => this.onThreshold(s.at), afterSeconds * 1000);
    }
    if (this.phase.kind !== was.kind) this.emit();
  }

  /** An operator wrote the status (room:setStatus): a pause of ours is then theirs to undo. */
  noteOperatorStatus(status: RoomStatus): void {
    this.operatorWrites++;
    this.lastOperatorStatus = status;
  }

  /** Resolves once the REST calls decided so far are done (tests, shutdown). */
  settled(): Promise<void> {
    return this.queue;
  }

  dispose(): void {
    this.clearTimer();
  }

  private onThreshold(since: number): void {
    this.timer = undefined;
    if (this.phase.kind !== 'down' || !this.d.settings().enabled) return;
    this.phase = { kind: 'paused', since };
    this.pauseFailures = 0;
    this.emit();
    this.enqueue(() => this.pause(since));
  }

  /** The push is still down and the pause was not written: try again (any change of phase clears the timer). */
  private retryPause(since: number): void {
    if (this.phase.kind !== 'paused' || this.own) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.phase.kind === 'paused' && !this.own) this.enqueue(() => this.pause(since));
    }, PAUSE_RETRY_MS);
  }

  private async pause(lostAt: number): Promise<void> {
    const operatorWrites = this.operatorWrites;
    let groupId: string | null = null;
    try {
      const now = await this.d.readStatus();
      groupId = now.groupId;
      if (now.status !== 'live') {
        this.d.log.info({ groupId, status: now.status }, 'push down, room status not live: left as is');
        return;
      }
      // The push came back while the status was read: nothing to pause.
      if (this.phase.kind !== 'paused') return;
      const ack = await this.d.writeStatus('paused');
      this.own = { groupId: ack.groupId, operatorWrites };
      this.journal({ kind: 'paused', at: ack.at, groupId: ack.groupId, pushLostAt: lostAt });
      this.d.log.info({ groupId: ack.groupId, pushLostAt: lostAt }, 'room paused automatically: push lost');
    } catch (e) {
      if (this.pauseFailures++ === 0) this.fail('pause', groupId, e);
      else this.d.log.debug({ groupId, err: e instanceof Error ? e.message : String(e), attempt: this.pauseFailures }, 'automatic pause failed again');
      this.retryPause(lostAt);
    }
  }

  private async resume(backAt: number): Promise<void> {
    const own = this.own;
    this.own = null;
    if (!own) return;
    try {
      if (this.operatorWrites > own.operatorWrites) {
        this.journal({ kind: 'kept', at: this.d.clock.now(), groupId: own.groupId, pushBackAt: backAt, status: this.lastOperatorStatus, roomChanged: false });
        return;
      }
      const now = await this.d.readStatus();
      if (now.groupId !== own.groupId || now.status !== 'paused') {
        const roomChanged = now.groupId !== own.groupId;
        this.journal({ kind: 'kept', at: this.d.clock.now(), groupId: own.groupId, pushBackAt: backAt, status: roomChanged ? null : now.status, roomChanged });
        return;
      }
      const ack = await this.d.writeStatus('live');
      this.journal({ kind: 'resumed', at: ack.at, groupId: ack.groupId, pushBackAt: backAt });
      this.d.log.info({ groupId: ack.groupId }, 'room live again automatically: push back');
    } catch (e) {
      this.fail('resume', own.groupId, e);
    }
  }

  private fail(action: 'pause' | 'resume', groupId: string | null, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.d.log.warn({ action, groupId, err: message }, 'automatic room status change failed');
    this.journal({ kind: 'failed', at: this.d.clock.now(), groupId, action, message });
  }

  private journal(entry: DistributiveOmit<AutoPauseEntry, 'id'>): void {
    this.entries = [...this.entries, { ...entry, id: this.nextId++ } as AutoPauseEntry].slice(-AUTO_PAUSE_JOURNAL_SIZE);
    this.emit();
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task, task);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private emit(): void {
    this.d.onChange(this.snapshot());
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
