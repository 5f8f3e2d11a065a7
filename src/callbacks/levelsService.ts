// Levels from delivered messages and presence (after-send, after-join and after-exit callbacks):
// turns callbacks into point events for the store (idempotent per message), and publishes level
// changes to profiles.
import { messageActivities, watchActivity, type Activity } from '../shared/domain/levels/activity';
import { DEFAULT_LEVEL_RULES, levelFor, type LevelRules, type LevelRulesDraft } from '../shared/domain/levels/levelRules';
import { type Logger } from '../node/infra/logger';
import { messageKey, type ExitCallback, type JoinCallback, type SendMsgCallback } from './protocol';
import { type ApplyResult, type LevelStore } from './store/levelStore';

export interface LevelSink {
  publish(account: string, level: number): void;
}

export interface LevelsStats {
  events: number;
  duplicates: number;
  levelUps: number;
}

export class LevelsService {
  private current: LevelRules = DEFAULT_LEVEL_RULES;
  readonly stats: LevelsStats = { events: 0, duplicates: 0, levelUps: 0 };

  constructor(
    private readonly store: LevelStore,
    private readonly sink: LevelSink,
    private readonly admin: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get rules(): LevelRules {
    return this.current;
  }

  /** Loads the newest stored rules; a new store starts its history with the defaults as version 1. */
  async loadRules(): Promise<void> {
    const stored = await this.store.rules();
    if (stored) this.current = stored;
    else {
      const { version: _v, ...defaults } = DEFAULT_LEVEL_RULES;
      this.current = await this.store.putRules(defaults);
    }
  }

  /** Saves a new version and re-levels everyone under it, publishing the changes. */
  async setRules(draft: LevelRulesDraft): Promise<LevelRules> {
    const rules = await this.store.putRules(draft);
    this.current = rules;
    const changed = await this.store.relevel((p) => levelFor(rules, p));
    for (const c of changed) this.sink.publish(c.account, c.level);
    this.log.info({ version: rules.version, changed: changed.length }, 'callbacks: level rules saved');
    return rules;
  }

  async afterSend(b: SendMsgCallback): Promise<ApplyResult[]> {
    const acts = messageActivities(this.current, {
      from: b.From_Account,
      // Operator_Account is the request initiator; absent in some payloads, then the sender itself.
      operator: b.Operator_Account ?? b.From_Account,
      admin: this.admin,
      body: b.MsgBody,
    });
    const key = messageKey(b);
    const at = b.EventTime ?? (b.MsgTime !== undefined ? b.MsgTime * 1000 : this.now());
    const out: ApplyResult[] = [];
    for (const a of acts) out.push(await this.apply(a, `${key}#${a.kind}`, at));
    return out;
  }

  async joined(b: JoinCallback): Promise<void> {
    const at = b.EventTime ?? this.now();
    for (const m of b.NewMemberList) await this.store.joined(b.GroupId, m.Member_Account, at);
  }

  async exited(b: ExitCallback): Promise<void> {
    const at = b.EventTime ?? this.now();
    for (const m of b.ExitMemberList) {
      const since = await this.store.exited(b.GroupId, m.Member_Account);
      if (since === undefined || m.Member_Account === this.admin) continue;
      const a = watchActivity(this.current, m.Member_Account, since, at);
      if (a.points > 0) await this.apply(a, `watch:${b.GroupId}:${m.Member_Account}:${since}`, at);
    }
  }

  private async apply(a: Activity, key: string, at: number): Promise<ApplyResult> {
    const rules = this.current;
    const r = await this.store.apply({ ...a, key, at }, (p) => levelFor(rules, p));
    this.stats.events++;
    if (r.duplicate) this.stats.duplicates++;
    else if (r.level !== r.previousLevel) {
      this.stats.levelUps++;
      this.sink.publish(a.account, r.level);
    }
    return r;
  }
}
