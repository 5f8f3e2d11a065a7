// The compiled word filters per room, rebuilt from the store's lists whenever their version moves
// (an admin edit here, or another instance's edit seen by polling), so before-send decisions stay
// synchronous and lists hot-reload without a restart.
import { filterMsgBody, type BodyVerdict, type LooseMsgElem } from '../shared/domain/filter/msgFilter';
import { WordFilter, type FilterListSpec } from '../shared/domain/filter/wordFilter';
import { type Logger } from '../node/infra/logger';
import { type LevelStore, type StoredList } from './store/levelStore';

export class FilterRegistry {
  private appFilter = new WordFilter([]);
  private readonly roomFilters = new Map<string, WordFilter>();
  private version = -1;
  private lists: StoredList[] = [];
  private reloading: Promise<void> | undefined;

  constructor(private readonly store: LevelStore, private readonly log: Logger) {}

  /** The filter for one room: the app's lists plus the room's own. */
  forRoom(groupId: string): WordFilter {
    return this.roomFilters.get(groupId) ?? this.appFilter;
  }

  check(groupId: string, body: readonly LooseMsgElem[]): BodyVerdict {
    return filterMsgBody(this.forRoom(groupId), body);
  }

  get snapshot(): { version: number; lists: StoredList[]; words: number } {
    return { version: this.version, lists: this.lists, words: this.appFilter.wordCount };
  }

  /** Reloads when the stored version differs from the compiled one. */
  async refresh(force = false): Promise<void> {
    if (this.reloading) return this.reloading;
    this.reloading = (async () => {
      const v = await this.store.listsVersion();
      if (!force && v === this.version) return;
      const lists = await this.store.lists();
      this.compile(lists);
      this.version = v;
      this.log.info({ version: v, lists: lists.length, words: this.appFilter.wordCount }, 'callbacks: word lists loaded');
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private compile(lists: StoredList[]): void {
    const spec = (l: StoredList): FilterListSpec => ({ id: l.id, action: l.action, words: l.words });
    const appLists = lists.filter((l) => l.roomId === null).map(spec);
    this.appFilter = new WordFilter(appLists);
    this.roomFilters.clear();
    const rooms = new Set(lists.flatMap((l) => (l.roomId === null ? [] : [l.roomId])));
    for (const room of rooms) {
      this.roomFilters.set(room, new WordFilter([...appLists, ...lists.filter((l) => l.roomId === room).map(spec)]));
    }
    this.lists = lists;
  }
}
