// The bench:chat baseline, bundled and served by the bench: the console's own pipeline — the
// studio TIM client, decodeTimMessages, the per-frame room store and reducer, FeedRow — but the
// chat drawn as a plain list with one DOM row per feed line (no virtualisation). Not product code.
import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { DEFAULT_CUSTOM_FIELDS } from '../../src/shared/domain/liveCommerce';
import { decodeGroupProfile, decodeTimMessages, levelOf, totalTally } from '../../src/shared/domain/room';
import { FeedRow } from '../../src/renderer/src/features/chat/FeedRow';
import { formatMoney } from '../../src/renderer/src/features/counters/money';
import { createRoomStore, type RoomStore } from '../../src/renderer/src/features/room/roomStore';
import { createI18n } from '../../src/renderer/src/i18n/i18n';
import { createTimCompat } from '../../src/tim/timCompat';

export interface NaiveConfig {
  realtimeUrl: string;
  sdkAppId: number;
  userId: string;
  userSig: string;
  groupId: string;
  adminIdentifier: string;
}

const ROW_HEIGHT = 30;
const noop = (): void => undefined;

function NaiveChat({ store }: { store: RoomStore }) {
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const ref = useRef<HTMLDivElement>(null);
  const { state } = view;
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.feed]);
  const c = state.counters;
  const gifts = totalTally(c.gifts);
  return (
    <main style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <p
        id="naive-counters"
        data-connection={view.connection}
        data-likes={c.likes}
        data-messages={c.messages}
        data-gifts={`${gifts.count} · ${formatMoney(gifts.value)}`}
        data-joins={c.joins}
      >
        {view.connection} · likes {c.likes} · messages {c.messages} · gifts {gifts.count} · joins {c.joins}
      </p>
      <div ref={ref} role="region" aria-label="Chat messages" style={{ flex: 1, overflow: 'auto' }}>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {state.feed.map((item) => (
            <li key={item.seq} style={{ height: ROW_HEIGHT }}>
              <FeedRow item={item} level={'userId' in item ? levelOf(state, item.userId) : undefined} onActions={noop} />
            </li>
          ))}
        </ul>
      </div>
    </main>
  );
}

async function join(cfg: NaiveConfig, store: RoomStore): Promise<void> {
  store.setConnection('connecting');
  const TIM = createTimCompat({ endpoint: cfg.realtimeUrl });
  const client = TIM.create({ SDKAppID: cfg.sdkAppId });
  client.setLogLevel(4);
  const ctx = { adminIds: new Set([cfg.adminIdentifier]), groupId: cfg.groupId };
  client.on(TIM.EVENT.MESSAGE_RECEIVED, (e: { data: never }) => store.enqueue(decodeTimMessages(e.data, { ...ctx, now: Date.now() })));
  await client.login({ userID: cfg.userId, userSig: cfg.userSig });
  await client.joinGroup({ groupID: cfg.groupId, type: TIM.TYPES.GRP_AVCHATROOM });
  const r = await client.getGroupProfile({ groupID: cfg.groupId, groupCustomFieldFilter: [...DEFAULT_CUSTOM_FIELDS] });
  const fields = decodeGroupProfile(r.data.group, Date.now());
  if (fields) store.enqueue([fields]);
  store.setConnection('connected');
}

const cfg = (window as unknown as { __NAIVE__: NaiveConfig }).__NAIVE__;
const store = createRoomStore();
const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <I18nextProvider i18n={createI18n()}>
    <NaiveChat store={store} />
  </I18nextProvider>,
);
join(cfg, store).catch((e: unknown) => store.setConnection('error', String(e)));
