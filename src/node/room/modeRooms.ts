// Each mode remembers its own room: switching Local studio ↔ Tencent Cloud keeps the group id of
// the mode being left and brings back the other mode's ('' = the studio's demo room / no room yet),
// so a rehearsal room never leaks into the real account or the other way round.
import path from 'node:path';
import type { Mode, Settings } from '../../shared/settings';
import { readFileIfExists, writeFileAtomic } from '../infra/atomicFile';

export class ModeRooms {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'rooms-by-mode.json');
  }

  /** The settings to save: on a mode switch that left the room as it was, the new mode's own room. */
  apply(prev: Settings, next: Settings): Settings {
    if (next.mode === prev.mode || next.room.groupId !== prev.room.groupId) return next;
    const rooms = this.read();
    rooms[prev.mode] = prev.room.groupId;
    writeFileAtomic(this.file, JSON.stringify(rooms));
    return { ...next, room: { ...next.room, groupId: rooms[next.mode] ?? '' } };
  }

  private read(): Partial<Record<Mode, string>> {
    try {
      const json = JSON.parse(readFileIfExists(this.file) ?? '{}') as Record<string, unknown>;
      return Object.fromEntries(Object.entries(json).filter(([, v]) => typeof v === 'string')) as Partial<Record<Mode, string>>;
    } catch {
      return {};
    }
  }
}
