// The studio's viewer page: the audience's view of a live room, like the mini-program in the
// seeds — video (HTTP-FLV via mpegts.js, reconnecting by itself after a stall or a publisher
// restart), a "Be right back" slate while the room is paused, chat with join notices, likes merged client-side,
// gifts, follow, buy on the launched product, room status and the announcement. It talks only
// the TIM API (the studio's tim-compatible client), so it behaves like a Tencent viewer.
// For screen readers only changes are written (render runs on every message), the chat list and
// the like counter are not live, and new chat lines are read out paced (AnnouncementPacer) in a
// hidden log, so a busy room does not flood the listener.
import mpegts from 'mpegts.js';
import { AnnouncementPacer } from '../../shared/domain/a11y/announcementPacer';
import { createTimCompat } from '../../tim/timCompat';
import { ROOM_CUSTOM_FIELDS, type Gift } from '../../shared/domain/liveCommerce';
import { clock, couponShow, flashSaleShow, luckyBagSeconds, SHOP_PATHS, stockLeft, type ShopAnswer } from '../../shared/domain/promotions';
import { pickLanguage, translator, type Translate } from './i18n';
import { playLiveFlv, type LiveFlvPlayer } from './liveFlvPlayer';
import { createStreamClock } from './streamClock';
import type { RecoveryView } from './playerRecovery';
import { applyFields, applyMessage, FEED_LIMIT, initialViewerState, type FeedLine, type TimMessageLike, type ViewerState } from './viewerState';
import './viewer.css';

interface StudioInfo {
  sdkAppId: number;
  admin?: string;
  realtimeUrl: string;
  playFlvUrl: string;
}

const params = new URLSearchParams(location.search);
const room = params.get('room') ?? 'demo';
const userID = (params.get('user') ?? `viewer_${Math.random().toString(36).slice(2, 8)}`).slice(0, 32);
const nick = params.get('nick') ?? userID;
const lang = pickLanguage(params.get('lang'), navigator.languages);
const t = translator(lang);
document.documentElement.lang = lang;
document.title = `${t('title')} · ${room}`;

let state: ViewerState = initialViewerState();
let following = false;
let pendingLikes = 0;

/** DOM writes only when something changed: an unchanged text rewritten is a change to a live region. */
function setText(e: HTMLElement, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}
function setHidden(e: HTMLElement, hidden: boolean): void {
  if (e.hidden !== hidden) e.hidden = hidden;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
};

// Layout -------------------------------------------------------------------------------------
const app = document.getElementById('app')!;
const statusBadge = el('span', { class: 'status', role: 'status' }, t('connecting'));
const header = el('header');
header.append(el('h1', {}, `${t('title')} · ${room}`), statusBadge);
const video = el('video', { muted: '', playsinline: '', autoplay: '', 'aria-label': t('video') });
video.muted = true;
const videoNote = el('p', { class: 'video-note', 'aria-live': 'polite' }, t('offline'));
// Shown instead of the picture while room_status is paused (by the host, or by the console when the push dropped).
const slate = el('div', { class: 'slate', 'aria-live': 'polite', hidden: '' });
slate.append(el('strong', {}, t('brb')), el('span', {}, t('brbNote')));
const stage = el('div', { class: 'stage', 'data-playback': 'waitingForHost' });
// The debug corner: how late this page shows the host, from the stream clock in the video.
// Not live (an <output> is a polite status by default): the figure changes many times a second.
const delayCorner = el('output', { class: 'delay-corner', 'aria-label': t('delayLabel'), 'aria-live': 'off', 'data-delay': '' }, t('delayNone'));
stage.append(video, videoNote, slate, delayCorner);
/** The capture clock in the video (streamClock.ts): the delay, and pop-ups shown when the video reaches them. */
const streamClock = createStreamClock(video);
setInterval(() => {
  const d = streamClock.delayS();
  const text = d === null ? t('delayNone') : t('delay', { s: d.toFixed(1) });
  delayCorner.dataset.delay = d === null ? '' : d.toFixed(3);
  // Written only when the shown tenth changes: the figure is not a live region.
  if (delayCorner.textContent !== text) delayCorner.textContent = text;
}, 500);
/** What the player shows (liveFlvPlayer.ts): the video, waiting for the host, or reconnecting. */
let playback: RecoveryView = 'waitingForHost';
function renderPlayback(): void {
  if (stage.dataset.playback !== playback) stage.dataset.playback = playback;
  setText(videoNote, playback === 'reconnecting' ? t('reconnecting') : t('offline'));
  // The slate says it all while the room is paused.
  setHidden(videoNote, playback === 'playing' || !slate.hidden);
}
const announcement = el('section', { class: 'announcement', 'aria-label': t('announcement'), hidden: '' });
const productCard = el('section', { class: 'product', 'aria-label': t('product'), hidden: '' });
// Scrollable, so focusable for keyboard users; not live: `chatLog` reads new lines out, paced.
const feed = el('ol', { class: 'feed', 'aria-label': t('messages'), tabindex: '0' });
const chatLog = el('div', { class: 'visually-hidden', role: 'log', 'aria-label': t('chatLog') });
const pacer = new AnnouncementPacer({ intervalMs: 4000, maxLines: 3 });
setInterval(() => {
  const a = pacer.take(Date.now());
  if (!a) return;
  chatLog.append(el('p', {}, [...a.lines, ...(a.more > 0 ? [t('more', { n: a.more })] : [])].join('. ')));
  while (chatLog.children.length > 5) chatLog.firstElementChild?.remove();
}, 500);
const form = el('form', { class: 'say' });
const input = el('input', { type: 'text', maxlength: '200', 'aria-label': t('say'), placeholder: t('say') });
form.append(input, el('button', { type: 'submit' }, t('send')));
const likeButton = el('button', { type: 'button', class: 'like' }, `❤ ${t('like')}`);
const likeCount = el('span', { class: 'like-count' }, t('likes', { n: 0 }));
const followButton = el('button', { type: 'button', 'aria-pressed': 'false' }, t('follow'));
const giftBar = el('div', { class: 'gifts', role: 'group', 'aria-label': t('gifts') });
const actions = el('div', { class: 'actions' });
actions.append(likeButton, likeCount, followButton);
const side = el('aside', { 'aria-label': t('chat') });
side.append(feed, chatLog, form, actions, giftBar);
// Promotions: persistent elements updated in place (a countdown ticks every second without
// taking keyboard focus away from their buttons). Their state lines are not live regions: a
// countdown read out every second would drown everything else, like the like counter did.
const pinnedBox = el('section', { class: 'pinned', 'aria-label': t('pinned'), hidden: '' });
const saleCard = el('section', { class: 'promo flash-sale', 'aria-label': t('flashSale'), hidden: '' });
const saleTitle = el('h2');
const saleLine = el('p', { class: 'price' });
const saleState = el('p', { class: 'promo-state' });
const saleBuy = el('button', { type: 'button', class: 'buy' });
saleCard.append(el('strong', {}, `⚡ ${t('flashSale')}`), saleTitle, saleLine, saleState, saleBuy);
const couponCard = el('section', { class: 'promo coupon', 'aria-label': t('coupon'), hidden: '' });
const couponLine = el('p');
const couponState = el('p', { class: 'promo-state' });
const couponClaim = el('button', { type: 'button', class: 'claim' }, t('claim'));
couponCard.append(el('strong', {}, `🎟 ${t('coupon')}`), couponLine, couponState, couponClaim);
const bagCard = el('section', { class: 'promo lucky-bag', 'aria-label': t('luckyBag'), hidden: '' });
const bagLine = el('p');
const bagHow = el('p');
const bagState = el('p', { class: 'promo-state' });
const bagCommit = el('p', { class: 'commit' });
bagCard.append(el('strong', {}, `🎁 ${t('luckyBag')}`), bagLine, bagHow, bagState, bagCommit);
const productState = el('p', { class: 'promo-state' });
const main = el('main');
main.append(stage, announcement, productCard, saleCard, couponCard, bagCard);
side.prepend(pinnedBox);
app.append(header, el('div', { class: 'layout' }));
app.lastElementChild!.append(main, side);

// Rendering ----------------------------------------------------------------------------------
function feedText(line: FeedLine, tr: Translate): string {
  switch (line.kind) {
    case 'text':
      return line.role ? `${line.nick} [${tr(`role_${line.role}`)}]: ${line.text}` : `${line.nick}: ${line.text}`;
    case 'join':
      return tr('joined', line.vars);
    case 'leave':
      return tr('left', line.vars);
    case 'gift':
      return tr('sentGift', line.vars);
    case 'buy':
      return tr('boughtLine', line.vars);
    case 'follow':
      return tr('followed', line.vars);
    case 'like':
      return tr('liked', line.vars);
    case 'notice':
      return line.text;
    case 'winners':
      return tr('winnersLine', line.vars);
  }
}

let lastRenderedId = '';
let renderedProduct = '';
/** The product on screen: a launch with a stream clock waits until the video reaches its click. */
let shownProduct: ViewerState['product'] = undefined;
let cancelPendingProduct: (() => void) | null = null;
let renderedGifts = '';
function render(): void {
  const s = state;
  setText(statusBadge, s.status ? t(`status_${s.status}`) : t('status_not_started'));
  if (statusBadge.dataset.status !== (s.status ?? 'not_started')) statusBadge.dataset.status = s.status ?? 'not_started';
  setHidden(slate, s.status !== 'paused');
  renderPlayback();
  setText(likeCount, t('likes', { n: s.likes }));
  setHidden(announcement, !s.announcement);
  setText(announcement, s.announcement ? `📢 ${s.announcement}` : '');
  const productKey = JSON.stringify(s.product ?? null);
  if (productKey !== renderedProduct) {
    renderedProduct = productKey;
    cancelPendingProduct?.();
    const next = s.product;
    const show = (): void => {
      cancelPendingProduct = null;
      shownProduct = next;
      productCard.dataset.at = String(next?.at ?? '');
      productCard.dataset.shownAt = String(Date.now());
      productCard.dataset.clockAtShow = String(streamClock.clockNow() ?? '');
      renderProduct();
    };
    if (next?.at !== undefined && streamClock.clocked) cancelPendingProduct = streamClock.showAt(next.at, show);
    else show();
  }
  const giftsKey = JSON.stringify(s.gifts);
  if (giftsKey !== renderedGifts) {
    renderedGifts = giftsKey;
    renderGifts(s.gifts);
  }
  // The feed only grows (trimmed to FEED_LIMIT): append lines after the last one rendered.
  const lines = s.feed;
  const lastIndex = lines.findIndex((l) => l.id === lastRenderedId);
  const fresh = lines.slice(lastIndex + 1);
  for (const line of fresh) feed.append(el('li', { class: `line ${line.kind}` }, feedText(line, t)));
  // Likes are counted, not read out.
  pacer.push(...fresh.filter((l) => l.kind !== 'like').map((l) => feedText(l, t)));
  lastRenderedId = lines.at(-1)?.id ?? lastRenderedId;
  while (feed.children.length > FEED_LIMIT) feed.firstElementChild?.remove();
  feed.scrollTop = feed.scrollHeight;
  renderPromotions();
}

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;
/** Each card's own result line (a refusal's reason) stays until the next action. */
const results = { sale: '', coupon: '', product: '' };
const refusal = (a: ShopAnswer | { ok: false; reason: string }) => {
  const key = `r_${a.ok ? 'other' : a.reason}`;
  return t('refused', { reason: key in viewerKeys ? t(key as 'r_other') : t('r_other') });
};
const viewerKeys = { r_soldOut: 1, r_limitReached: 1, r_notStarted: 1, r_ended: 1, r_outOfStock: 1, r_alreadyClaimed: 1, r_allClaimed: 1, r_expired: 1 } as const;

function renderPromotions(): void {
  const p = state.promo;
  const now = Date.now();
  pinnedBox.hidden = !p.pinned;
  pinnedBox.textContent = p.pinned ? `📌 ${p.pinned.nick || p.pinned.userId}: ${p.pinned.text}` : '';
  const sale = p.flashSale;
  const show = flashSaleShow(p, now);
  saleCard.hidden = !sale || !show || show.phase === 'ended';
  if (sale && show) {
    saleCard.dataset.phase = show.phase;
    saleTitle.textContent = sale.title;
    saleLine.textContent = `${money(sale.price, sale.currency)}${sale.listPrice !== undefined ? ` (${money(sale.listPrice, sale.currency)})` : ''}`;
    const saleText =
      show.phase === 'countdown' ? t('startsIn', { t: clock(show.seconds) })
      : show.phase === 'open' ? `${t('unitsLeft', { n: show.left })} · ${t('endsIn', { t: clock(show.seconds) })}`
      : show.phase === 'soldOut' ? t('soldOut') : t('saleEnded');
    setText(saleState, results.sale ? `${saleText} — ${results.sale}` : saleText);
    saleBuy.textContent = show.phase === 'soldOut' ? t('soldOut') : t('buyAt', { price: money(sale.price, sale.currency) });
    saleBuy.disabled = show.phase !== 'open';
  }
  const c = p.coupon;
  const cs = couponShow(p, now);
  couponCard.hidden = !c || !cs || cs.phase === 'ended';
  if (c && cs) {
    couponLine.textContent = t('couponOff', { amount: money(c.amountOff, c.currency), threshold: money(c.threshold, c.currency) });
    setText(couponState, (cs.phase === 'open' ? t('unitsLeft', { n: cs.left }) : t('allClaimed')) + (results.coupon ? ` — ${results.coupon}` : ''));
    couponClaim.disabled = cs.phase !== 'open' || results.coupon === t('claimed');
  }
  const b = p.luckyBag;
  const seconds = luckyBagSeconds(p, now);
  bagCard.hidden = !b && !p.lastDraw;
  if (b && seconds !== null) {
    bagLine.textContent = t('bagPrize', { prize: b.prize, n: b.winners });
    bagHow.textContent = [b.keyword ? t('bagKeyword', { keyword: b.keyword }) : '', b.followHost ? t('bagFollow') : '', b.watchedMinutes ? t('bagWatched', { n: b.watchedMinutes }) : ''].filter(Boolean).join(' · ');
    setText(bagState, t('drawIn', { t: clock(seconds) }));
    bagCommit.textContent = t('commitment', { hash: b.commit });
  } else if (p.lastDraw) {
    bagLine.textContent = t('bagPrize', { prize: p.lastDraw.prize, n: p.lastDraw.winners.length });
    bagHow.textContent = '';
    setText(bagState, t('winnersLine', { prize: p.lastDraw.prize, winners: p.lastDraw.winners.join(', ') || '—' }));
    bagCommit.textContent = t('commitment', { hash: p.lastDraw.commit });
  }
  const product = state.product;
  if (product) {
    const left = stockLeft(p, product.id, product.stock);
    productCard.dataset.soldOut = String(left === 0);
    setText(productState, (left === 0 ? t('soldOut') : left !== undefined ? t('unitsLeft', { n: left }) : '') + (results.product ? ` — ${results.product}` : ''));
    const buy = productCard.querySelector<HTMLButtonElement>('button.buy');
    if (buy) buy.disabled = left === 0;
  }
}

let mySig = '';
async function shop(path: string, body: Record<string, unknown>): Promise<ShopAnswer | { ok: false; reason: string }> {
  try {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ room, userId: userID, userSig: mySig, nick, ...body }) });
    const a = (await res.json()) as ShopAnswer;
    return res.status === 200 || res.status === 409 ? a : { ok: false, reason: 'other' };
  } catch {
    return { ok: false, reason: 'other' };
  }
}
saleBuy.addEventListener('click', () => {
  const s = state.promo.flashSale;
  if (!s) return;
  saleBuy.disabled = true;
  void shop(SHOP_PATHS.buy, { productId: s.productId, quantity: 1, promoId: s.id }).then((a) => {
    results.sale = a.ok ? t('bought') : refusal(a);
    render();
  });
});
couponClaim.addEventListener('click', () => {
  const c = state.promo.coupon;
  if (!c) return;
  couponClaim.disabled = true;
  void shop(SHOP_PATHS.claim, { couponId: c.id }).then((a) => {
    results.coupon = a.ok ? t('claimed') : refusal(a);
    render();
  });
});
setInterval(renderPromotions, 1000);

function renderProduct(): void {
  productCard.replaceChildren();
  productCard.hidden = !shownProduct;
  if (!shownProduct) return;
  const p = shownProduct;
  if (p.image) productCard.append(el('img', { src: p.image, alt: '' }));
  const price = `${(p.price / 100).toFixed(2)} ${p.currency}`;
  const info = el('div', { class: 'info' });
  info.append(el('h2', {}, p.title), el('p', { class: 'price' }, price));
  const buy = el('button', { type: 'button', class: 'buy' }, t('buy'));
  // Bought through the studio's shop: it checks the stock and announces the order, verified.
  buy.addEventListener('click', () => {
    buy.disabled = true;
    void shop(SHOP_PATHS.buy, { productId: p.id, quantity: 1 }).then((a) => {
      results.product = a.ok ? t('bought') : refusal(a);
      buy.disabled = false;
      render();
    });
  });
  info.append(productState);
  productCard.append(info, buy);
}

function renderGifts(gifts: Gift[]): void {
  giftBar.replaceChildren(
    ...gifts.map((g) => {
      const b = el('button', { type: 'button', 'aria-label': t('sendGift', { name: g.name }), 'data-gift': g.id }, `${g.icon} ${g.name}`);
      b.addEventListener('click', () => void sendCustom('SEND_GIFT', { giftId: g.id, name: g.name, value: g.value, count: 1 }, 'Lowest'));
      return b;
    }),
  );
}

// TIM ----------------------------------------------------------------------------------------
const info = (await (await fetch(`/studio/info?room=${encodeURIComponent(room)}`)).json()) as StudioInfo;
const TIM = createTimCompat({ endpoint: info.realtimeUrl });
const tim = TIM.create({ SDKAppID: info.sdkAppId });
tim.setLogLevel(4);

/** The player (set once the page has joined the room). */
let player: LiveFlvPlayer | undefined;

function dispatch(update: (s: ViewerState) => ViewerState): void {
  const before = state.status;
  state = update(state);
  // The room went Live again (the host, or the console when the push is back): the stream is back.
  if (state.status === 'live' && before !== 'live') player?.retryNow();
  render();
}

tim.on(TIM.EVENT.MESSAGE_RECEIVED, (event: { data: TimMessageLike[] }) => {
  dispatch((s0) => event.data.reduce((s, m) => applyMessage(s, m), s0));
});

async function sendCustom(data: string, ext: unknown, priority: 'High' | 'Lowest' | 'Normal'): Promise<boolean> {
  const msg = tim.createCustomMessage({
    to: room,
    conversationType: TIM.TYPES.CONV_GROUP,
    priority,
    payload: { data, description: '', extension: JSON.stringify(ext) },
  });
  try {
    await tim.sendMessage(msg);
    // Own sends are not echoed by the SDK: show them locally like the im-live-sells SDK does.
    dispatch((s) => applyMessage(s, { ID: `own-${Date.now()}-${Math.random()}`, type: 'TIMCustomElem', nick, from: userID, payload: { data, extension: JSON.stringify(ext) } }));
    return true;
  } catch (e) {
    dispatch((s) => applyMessage(s, { ID: `err-${Date.now()}-${Math.random()}`, type: 'TIMGroupSystemNoticeElem', from: '', payload: { userDefinedField: t('sendFailed', { reason: (e as Error).message }) } }));
    return false;
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const msg = tim.createTextMessage({ to: room, conversationType: TIM.TYPES.CONV_GROUP, payload: { text } });
  tim.sendMessage(msg).then(
    () => dispatch((s) => applyMessage(s, { ID: `own-${Date.now()}-${Math.random()}`, type: 'TIMTextElem', nick, from: userID, payload: { text } })),
    (e: Error) => dispatch((s) => applyMessage(s, { ID: `err-${Date.now()}-${Math.random()}`, type: 'TIMGroupSystemNoticeElem', from: '', payload: { userDefinedField: t('sendFailed', { reason: e.message }) } })),
  );
});

// Likes are merged client-side: taps add up and go out as one LIKE per second (Tencent's
// live-commerce guide recommends merging likes).
likeButton.addEventListener('click', () => {
  pendingLikes++;
  dispatch((s) => ({ ...s, likes: s.likes + 1 }));
});
setInterval(() => {
  if (pendingLikes === 0) return;
  const count = Math.min(pendingLikes, 1000);
  pendingLikes -= count;
  const msg = tim.createCustomMessage({
    to: room,
    conversationType: TIM.TYPES.CONV_GROUP,
    priority: TIM.TYPES.MSG_PRIORITY_LOWEST,
    payload: { data: 'LIKE', description: '', extension: JSON.stringify({ count }) },
  });
  void tim.sendMessage(msg).catch(() => undefined);
}, 1000);

followButton.addEventListener('click', () => {
  following = !following;
  followButton.setAttribute('aria-pressed', String(following));
  followButton.textContent = following ? t('unfollow') : t('follow');
  void sendCustom(following ? 'ATTENTION' : 'CANCELATTENTION', {}, 'Normal');
});

const sigRes = await fetch(`/studio/usersig?user=${encodeURIComponent(userID)}`);
const { userSig } = (await sigRes.json()) as { userSig: string };
mySig = userSig;
if (info.admin) state = { ...state, adminId: info.admin };
await tim.login({ userID, userSig });
await tim.updateMyProfile({ nick }).catch(() => undefined);
await tim.joinGroup({ groupID: room, type: TIM.TYPES.GRP_AVCHATROOM });
const profile = await tim.getGroupProfile({ groupID: room, groupCustomFieldFilter: [...ROOM_CUSTOM_FIELDS] });
const group = profile.data.group as { notification?: string; groupCustomField?: Array<{ key: string; value: string }> };
dispatch((s) => ({ ...applyFields(s, group.groupCustomField ?? []), announcement: group.notification ?? '' }));
document.body.dataset.ready = 'true';

// Video --------------------------------------------------------------------------------------
// playLiveFlv notices a stall, an end of stream or a player error and loads the stream again with
// backoff, resuming at the live edge (playerRecovery.ts): a publisher restart needs no reload. The
// room going Live again retries at once (dispatch).
if (mpegts.isSupported()) {
  player = playLiveFlv({
    mpegts,
    video,
    url: info.playFlvUrl,
    onPlayer: (p) => streamClock.attach(p),
    onView: (view) => {
      playback = view;
      renderPlayback();
    },
  });
}
