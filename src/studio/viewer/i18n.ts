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
  followed: '{nick} followed the host',
  liked: '{nick} liked ×{count}',
  sendFailed: 'Not sent: {reason}',
  video: 'Live video',
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
