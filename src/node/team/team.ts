// The team console's Node side, built once per app instance: the action journal (SQLite in the
// data folder), the one room state (RoomHub) and the web-mode invites. Handlers reach operators'
// actions through `journaled`, so every admin action is recorded, answered and attributed alike.
import path from 'node:path';
import type { Clock } from '../../shared/domain/cryptoPort';
import type { EventSink } from '../../shared/rpc';
import type { Operator } from '../../shared/teamContract';
import type { Logger } from '../infra/logger';
import type { AdminResult } from '../room/roomAdmin';
import type { AdminAck } from '../../shared/roomContract';
import { Invites } from './invites';
import { Journal, type RecordRequest } from './journal';
import { RoomHub } from './roomHub';

export interface TeamDeps {
  dataDir: string;
  clock: Clock;
  log: Logger;
  events: EventSink;
  /** The room in settings ('' when none): the show the journal files actions under. */
  show: () => string;
  userIdOf: (operator: Operator) => string;
}

export class Team {
  readonly journal: Journal;
  readonly hub: RoomHub;
  readonly invites: Invites;
  /** Web mode's hook: disconnect an operator's consoles at once (revoked invite). */
  private disconnect: ((operatorId: string) => void) | undefined;

  constructor(private readonly d: TeamDeps) {
    this.journal = new Journal({ file: path.join(d.dataDir, 'journal.sqlite'), clock: d.clock, log: d.log, show: d.show });
    this.hub = new RoomHub({
      journal: this.journal,
      clock: d.clock,
      show: d.show,
      onState: (s) => d.events.emit('team:state', s),
      onJournal: (e) => d.events.emit('team:journal', e),
      onConnections: () => d.events.emit('team:overview', this.overview()),
    });
    this.invites = new Invites({ dir: path.join(d.dataDir, 'team'), clock: d.clock, userIdOf: d.userIdOf });
  }

  /** Runs an admin action through the journal; the console gets the ack with its journal id, Tencent's answer stays here. */
  async journaled(r: RecordRequest, call: () => Promise<AdminResult>): Promise<AdminAck> {
    let id = 0;
    const { response: _response, ...ack } = await this.journal.run(
      r,
      (entry) => {
        id = entry.id;
        return call();
      },
      (v) => v.response,
      (v) => {
        const n = (v.response as { StudioReached?: unknown } | null)?.StudioReached;
        return typeof n === 'number' ? n : undefined;
      },
    );
    return id ? { ...ack, journalId: id } : ack;
  }

  overview(): { invites: ReturnType<Invites['list']>; connections: ReturnType<RoomHub['listConnections']> } {
    return { invites: this.invites.list(), connections: this.hub.listConnections() };
  }

  setDisconnect(fn: (operatorId: string) => void): void {
    this.disconnect = fn;
  }

  revoke(id: string): ReturnType<Invites['revoke']> {
    const summary = this.invites.revoke(id);
    this.disconnect?.(id);
    this.d.events.emit('team:overview', this.overview());
    return summary;
  }

  dispose(): void {
    this.hub.dispose();
    this.journal.close();
  }
}
