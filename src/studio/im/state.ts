// The IM engine's durable state (accounts, profiles, groups, custom fields, mutes) and its JSON file
// in the data dir, so a studio restart keeps it; AVChatRoom messages are never stored (no history by default).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from '../../node/infra/atomicFile';
import { type Logger } from '../../node/infra/logger';
import { type Timers } from './timers';

export interface AccountRecord {
  userId: string;
  nick: string;
  faceUrl: string;
  /** Other standard profile tags and `Tag_Profile_Custom_*`, by full tag name. */
  tags: Map<string, string | number>;
  /** Unix seconds. */
  createTime: number;
}

/** Mute end in epoch ms, or 'forever' for ShutUpTime 4294967295 (forbid_send_msg). */
export type MuteUntil = number | 'forever';

export interface GroupRecord {
  groupId: string;
  type: 'AVChatRoom';
  name: string;
  introduction: string;
  notification: string;
  faceUrl: string;
  /** '' when created without Owner_Account. */
  owner: string;
  /** Unix seconds. */
  createTime: number;
  lastInfoTime: number;
  lastMsgTime: number;
  /** Persisted with the next state write, not per message: a crash may reuse a few seqs. */
  nextMsgSeq: number;
  maxMemberNum: number;
  shutUpAll: boolean;
  appDefined: Map<string, string>;
  mutes: Map<string, MuteUntil>;
}

const STATE_FILE = 'im-state.json';
const DEBOUNCE_MS = 200;

const fileSchema = z.object({
  version: z.literal(1),
  accounts: z.array(
    z.object({
      userId: z.string(),
      nick: z.string(),
      faceUrl: z.string(),
      tags: z.array(z.tuple([z.string(), z.union([z.string(), z.number()])])),
      createTime: z.number(),
    }),
  ),
  groups: z.array(
    z.object({
      groupId: z.string(),
      type: z.literal('AVChatRoom'),
      name: z.string(),
      introduction: z.string(),
      notification: z.string(),
      faceUrl: z.string(),
      owner: z.string(),
      createTime: z.number(),
      lastInfoTime: z.number(),
      lastMsgTime: z.number(),
      nextMsgSeq: z.number().int().min(1),
      maxMemberNum: z.number(),
      shutUpAll: z.boolean(),
      appDefined: z.array(z.tuple([z.string(), z.string()])),
      mutes: z.array(z.tuple([z.string(), z.union([z.number(), z.literal('forever')])])),
    }),
  ),
});
type StateFile = z.infer<typeof fileSchema>;

export interface StateStoreDeps {
  dataDir: string;
  log: Logger;
  timers: Timers;
  clock: { now(): number };
}

export class StateStore {
  readonly accounts = new Map<string, AccountRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly file: string;
  private dirty = false;
  private timer: unknown;

  constructor(private readonly deps: StateStoreDeps) {
    this.file = path.join(deps.dataDir, STATE_FILE);
  }

  /** Reads the file; one that does not parse is moved aside (`.invalid-<ms>`) and we start empty. */
  load(): void {
    const text = readFileIfExists(this.file);
    if (text === undefined) return;
    let parsed: StateFile;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (e) {
      const aside = `${this.file}.invalid-${this.deps.clock.now()}`;
      fs.renameSync(this.file, aside);
      this.deps.log.error({ err: String(e), movedTo: aside }, 'studio im: state file unreadable, starting empty');
      return;
    }
    for (const a of parsed.accounts) this.accounts.set(a.userId, { ...a, tags: new Map(a.tags) });
    for (const g of parsed.groups) {
      this.groups.set(g.groupId, { ...g, appDefined: new Map(g.appDefined), mutes: new Map(g.mutes) });
    }
  }

  /** Schedules a debounced write. */
  markDirty(): void {
    this.dirty = true;
    if (this.timer !== undefined) return;
    this.timer = this.deps.timers.setTimer(() => {
      this.timer = undefined;
      this.flush();
    }, DEBOUNCE_MS);
  }

  flush(): void {
    if (this.timer !== undefined) {
      this.deps.timers.clearTimer(this.timer);
      this.timer = undefined;
    }
    if (!this.dirty) return;
    try {
      writeFileAtomic(this.file, JSON.stringify(this.snapshot()));
      this.dirty = false;
    } catch (e) {
      this.deps.log.error({ err: String(e), file: this.file }, 'studio im: could not save state');
    }
  }

  private snapshot(): StateFile {
    const now = this.deps.clock.now();
    return {
      version: 1,
      accounts: [...this.accounts.values()].map((a) => ({ ...a, tags: [...a.tags] })),
      groups: [...this.groups.values()].map((g) => ({
        ...g,
        appDefined: [...g.appDefined],
        // Expired mutes are not worth keeping.
        mutes: [...g.mutes].filter(([, until]) => until === 'forever' || until > now),
      })),
    };
  }
}
