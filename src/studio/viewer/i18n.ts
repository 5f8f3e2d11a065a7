// The viewer page's strings in the four UI languages (chosen by ?lang= or the browser).
const en = {
  title: 'Live room',
  connecting: 'Connecting…',
  offline: 'Waiting for the host to go live',
  reconnecting: 'Reconnecting…',
  brb: 'Be right back',
  brbNote: 'The show continues here in a moment. Stay tuned.',
  status_not_started: 'Not started',
  status_live: 'LIVE',
  status_paused: 'Paused',
  status_ended: 'Ended',
  chat: 'Chat',
  messages: 'Chat messages',
  say: 'Say something',
  send: 'Send',
  like: 'Like',
  likes: '{n} likes',
  follow: 'Follow',
  unfollow: 'Following',
  gifts: 'Gifts',
  sendGift: 'Send {name}',
  buy: 'Buy now',
  bought: 'Ordered',
  announcement: 'Announcement',
  product: 'Featured product',
  joined: '{nick} joined',
  left: '{nick} left',
  sentGift: '{nick} sent {name} ×{count}',
  boughtLine: '{nick} bought {title}',
  delayLabel: 'Playback delay',
  delay: '{s} s behind the host',
  delayNone: 'no stream clock',
  followed: '{nick} followed the host',
  liked: '{nick} liked ×{count}',
  sendFailed: 'Not sent: {reason}',
  video: 'Live video',
  flashSale: 'Flash sale',
  startsIn: 'Starts in {t}',
  endsIn: 'Ends in {t}',
  unitsLeft: '{n} left',
  soldOut: 'Sold out',
  saleEnded: 'Sale ended',
  buyAt: 'Buy at {price}',
  coupon: 'Coupon',
  couponOff: '{amount} off orders over {threshold}',
  claim: 'Claim',
  claimed: 'Claimed',
  allClaimed: 'All claimed',
  luckyBag: 'Lucky bag',
  bagPrize: '{prize} · {n} winners',
  bagKeyword: 'Comment “{keyword}” to enter',
  bagFollow: 'Follow the host',
  bagWatched: 'Watch {n} min',
  drawIn: 'Draw in {t}',
  commitment: 'Commitment (SHA-256 of the seed): {hash}',
  winnersLine: '🎁 {prize}: winners {winners}',
  pinned: 'Pinned comment',
  refused: 'Not done: {reason}',
  r_soldOut: 'sold out',
  r_limitReached: 'you reached the per-buyer limit',
  r_notStarted: 'not started yet',
  r_ended: 'ended',
  r_outOfStock: 'out of stock',
  r_alreadyClaimed: 'you already have it',
  r_allClaimed: 'all claimed',
  r_expired: 'expired',
  r_other: 'not available',
  role_host: 'Host',
  role_assistant: 'Assistant',
  role_moderator: 'Moderator',
  chatLog: 'New chat messages',
  more: 'and {n} more',
} as const;
type Dict = Record<keyof typeof en, string>;

const zh: Dict = {
  title: '直播间', connecting: '连接中…', offline: '等待主播开播', reconnecting: '重新连接中…', brb: '马上回来',
  brbNote: '直播稍后在此继续，请不要走开。', status_not_started: '未开播', status_live: '直播中',
  status_paused: '暂停中', status_ended: '已结束', chat: '聊天', messages: '聊天消息', say: '说点什么', send: '发送',
  like: '点赞', likes: '{n} 个赞', follow: '关注', unfollow: '已关注', gifts: '礼物', sendGift: '送出{name}',
  buy: '立即购买', bought: '已下单', announcement: '公告', product: '正在讲解', joined: '{nick} 进入直播间',
  left: '{nick} 离开了', sentGift: '{nick} 送出 {name} ×{count}', boughtLine: '{nick} 购买了 {title}',
  followed: '{nick} 关注了主播', liked: '{nick} 点赞 ×{count}', sendFailed: '发送失败：{reason}', video: '直播画面',
  flashSale: '限时秒杀', startsIn: '{t} 后开抢', endsIn: '{t} 后结束', unitsLeft: '仅剩 {n} 件', soldOut: '已抢光', saleEnded: '秒杀已结束',
  buyAt: '{price} 抢购', coupon: '优惠券', couponOff: '满 {threshold} 减 {amount}', claim: '领取', claimed: '已领取', allClaimed: '已领完',
  luckyBag: '福袋', bagPrize: '{prize} · {n} 名中奖', bagKeyword: '评论「{keyword}」参与', bagFollow: '关注主播', bagWatched: '观看满 {n} 分钟',
  drawIn: '{t} 后开奖', commitment: '承诺值（种子的 SHA-256）：{hash}', winnersLine: '🎁 {prize}：中奖者 {winners}', pinned: '置顶评论',
  refused: '未成功：{reason}', r_soldOut: '已抢光', r_limitReached: '已达每人限购', r_notStarted: '尚未开始', r_ended: '已结束',
  r_outOfStock: '库存不足', r_alreadyClaimed: '您已领取', r_allClaimed: '已领完', r_expired: '已过期', r_other: '暂不可用',
  role_host: '主播', role_assistant: '场控', role_moderator: '房管',
  delayLabel: '播放延迟', delay: '比主播晚 {s} 秒', delayNone: '无流时钟',
  chatLog: '新聊天消息', more: '还有 {n} 条',
};
const ja: Dict = {
  title: 'ライブルーム', connecting: '接続中…', offline: '配信開始を待っています', reconnecting: '再接続しています…',
  brb: 'まもなく再開します', brbNote: '配信はまもなくこの画面で再開します。そのままお待ちください。', status_not_started: '未開始',
  status_live: 'ライブ中', status_paused: '一時停止中', status_ended: '終了', chat: 'チャット', messages: 'チャットメッセージ',
  say: 'コメントする', send: '送信', like: 'いいね', likes: 'いいね {n}', follow: 'フォロー', unfollow: 'フォロー中',
  gifts: 'ギフト', sendGift: '{name}を贈る', buy: '今すぐ購入', bought: '注文済み', announcement: 'お知らせ',
  product: '紹介中の商品', joined: '{nick} さんが入室しました', left: '{nick} さんが退室しました',
  sentGift: '{nick} さんが {name} ×{count} を贈りました', boughtLine: '{nick} さんが {title} を購入しました',
  followed: '{nick} さんがフォローしました', liked: '{nick} さんがいいね ×{count}', sendFailed: '送信できません：{reason}',
  video: 'ライブ映像',
  flashSale: 'タイムセール', startsIn: '開始まで {t}', endsIn: '終了まで {t}', unitsLeft: '残り {n} 点', soldOut: '完売', saleEnded: 'セール終了',
  buyAt: '{price} で購入', coupon: 'クーポン', couponOff: '{threshold} 以上で {amount} 引き', claim: '受け取る', claimed: '受け取り済み', allClaimed: '配布終了',
  luckyBag: '福袋', bagPrize: '{prize} · 当選 {n} 名', bagKeyword: '「{keyword}」とコメントして参加', bagFollow: 'ホストをフォロー', bagWatched: '{n} 分以上視聴',
  drawIn: '抽選まで {t}', commitment: 'コミットメント（シードの SHA-256）：{hash}', winnersLine: '🎁 {prize}：当選者 {winners}', pinned: '固定コメント',
  refused: 'できませんでした：{reason}', r_soldOut: '完売', r_limitReached: 'お一人様の上限に達しました', r_notStarted: 'まだ始まっていません', r_ended: '終了しました',
  r_outOfStock: '在庫切れ', r_alreadyClaimed: '受け取り済みです', r_allClaimed: '配布終了', r_expired: '期限切れ', r_other: '利用できません',
  role_host: 'ホスト', role_assistant: 'アシスタント', role_moderator: 'モデレーター',
  delayLabel: '再生の遅れ', delay: '配信者より {s} 秒遅れ', delayNone: 'ストリーム時計なし',
  chatLog: '新しいチャットメッセージ', more: 'ほか {n} 件',
};
const ko: Dict = {
  title: '라이브 방', connecting: '연결 중…', offline: '호스트의 방송을 기다리는 중', reconnecting: '다시 연결하는 중…',
  brb: '곧 돌아옵니다', brbNote: '방송이 잠시 후 이 화면에서 이어집니다. 잠시만 기다려 주세요.', status_not_started: '시작 전',
  status_live: '라이브', status_paused: '일시 중지', status_ended: '종료', chat: '채팅', messages: '채팅 메시지',
  say: '메시지 입력', send: '보내기', like: '좋아요', likes: '좋아요 {n}', follow: '팔로우', unfollow: '팔로잉',
  gifts: '선물', sendGift: '{name} 보내기', buy: '지금 구매', bought: '주문 완료', announcement: '공지',
  product: '소개 중인 상품', joined: '{nick} 님이 입장했습니다', left: '{nick} 님이 나갔습니다',
  sentGift: '{nick} 님이 {name} ×{count} 선물', boughtLine: '{nick} 님이 {title} 구매', followed: '{nick} 님이 팔로우했습니다',
  liked: '{nick} 님이 좋아요 ×{count}', sendFailed: '전송 실패: {reason}', video: '라이브 영상',
  flashSale: '타임 세일', startsIn: '{t} 후 시작', endsIn: '{t} 후 종료', unitsLeft: '{n}개 남음', soldOut: '품절', saleEnded: '세일 종료',
  buyAt: '{price}에 구매', coupon: '쿠폰', couponOff: '{threshold} 이상 {amount} 할인', claim: '받기', claimed: '받음', allClaimed: '모두 소진',
  luckyBag: '럭키백', bagPrize: '{prize} · 당첨 {n}명', bagKeyword: '“{keyword}” 댓글로 참여', bagFollow: '호스트 팔로우', bagWatched: '{n}분 이상 시청',
  drawIn: '{t} 후 추첨', commitment: '커밋(시드의 SHA-256): {hash}', winnersLine: '🎁 {prize}: 당첨자 {winners}', pinned: '고정 댓글',
  refused: '처리되지 않음: {reason}', r_soldOut: '품절', r_limitReached: '1인 구매 한도 도달', r_notStarted: '아직 시작 전', r_ended: '종료됨',
  r_outOfStock: '재고 없음', r_alreadyClaimed: '이미 받았습니다', r_allClaimed: '모두 소진', r_expired: '만료됨', r_other: '이용 불가',
  role_host: '호스트', role_assistant: '어시스턴트', role_moderator: '모더레이터',
  delayLabel: '재생 지연', delay: '호스트보다 {s}초 늦음', delayNone: '스트림 시계 없음',
  chatLog: '새 채팅 메시지', more: '외 {n}개',
};

const tables: Record<string, Dict> = { en, 'zh-CN': zh, ja, ko };
export const VIEWER_LANGUAGES = Object.keys(tables);

export function pickLanguage(requested: string | null, browser: readonly string[]): string {
  for (const l of [requested, ...browser]) {
    if (!l) continue;
    if (tables[l]) return l;
    const base = l.split('-')[0];
    if (base === 'zh') return 'zh-CN';
    if (base && tables[base]) return base;
  }
  return 'en';
}

export function translator(lang: string) {
  const dict = tables[lang] ?? en;
  return (key: keyof typeof en, vars: Record<string, string | number> = {}): string =>
    dict[key].replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));
}
export type Translate = ReturnType<typeof translator>;
export const viewerTables = tables;
