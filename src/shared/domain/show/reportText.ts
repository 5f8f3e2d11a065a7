// The words of the show report page and of the recording's chapter titles, in the console's four
// languages (settings.language when the show stops). The report is a file read outside the app, so
// it carries its own table instead of the renderer's i18next resources.
import type { Language } from '../../settings';
import type { ChartId, ShowEventKind } from './showData';

export interface ReportText {
  /** The page's lang attribute (BCP 47). */
  lang: string;
  title: string;
  started: string;
  minutes: string;
  stoppedByHost: string;
  endedWith: string;
  launches: string;
  recording: string;
  notRecorded: string;
  partChapters: string;
  partNoChapters: string;
  legend: string;
  events: string;
  when: string;
  what: string;
  detail: string;
  notMeasured: string;
  noSamples: string;
  kinds: Record<ShowEventKind, string>;
  panels: Record<ChartId, string>;
  series: { likes: string; gifts: string; purchases: string };
  pushLost: string;
  reconnected: string;
  stopped: string;
  stoppedWith: string;
  autoPaused: string;
  autoResumed: string;
  status: Record<'live' | 'paused' | 'ended' | 'not_started', string>;
  chapterShowStart: string;
  chapterPart: string;
  chapterStatus: string;
  chapterAutoPause: string;
  chapterAutoResume: string;
  chapterContinued: string;
}

const en: ReportText = {
  lang: 'en',
  title: 'Show report: {id}',
  started: 'Started {when}',
  minutes: '{n} min',
  stoppedByHost: 'Stopped by the host',
  endedWith: 'Ended with {code}',
  launches: 'Launches: {n}',
  recording: 'Recording',
  notRecorded: 'Not recorded',
  partChapters: '{file}: {n} chapters',
  partNoChapters: '{file}: no chapters ({why})',
  legend: 'Event marks',
  events: 'Events',
  when: 'When',
  what: 'What',
  detail: 'Detail',
  notMeasured: 'Not measured during this show.',
  noSamples: 'No samples during this show.',
  kinds: {
    goLive: 'Went live',
    launch: 'Product launch',
    status: 'Status change',
    announcement: 'Announcement',
    pushLost: 'Push lost',
    reconnected: 'Reconnected',
    autoPause: 'Automatic pause',
    autoResume: 'Automatic resume',
    stop: 'Stopped',
  },
  panels: {
    bitrate: 'Bitrate (kbit/s)',
    fps: 'Frames per second',
    drops: 'Dropped frames',
    viewerDelay: 'Viewer delay (s)',
    online: 'Viewers online',
    messages: 'Messages per second',
    perMinute: 'Likes, gifts and purchases per minute',
  },
  series: { likes: 'Likes', gifts: 'Gifts', purchases: 'Purchases' },
  pushLost: 'Push lost: {code}',
  reconnected: 'Back live after {n} reconnect attempt(s)',
  stopped: 'Stopped',
  stoppedWith: 'Stopped: {code}',
  autoPaused: 'Paused automatically: push lost',
  autoResumed: 'Live again automatically: push back',
  status: { live: 'Live', paused: 'Paused', ended: 'Ended', not_started: 'Not started' },
  chapterShowStart: 'Show start',
  chapterPart: 'Part {n}: after a reconnect',
  chapterStatus: 'Status: {status}',
  chapterAutoPause: 'Status: paused (push lost)',
  chapterAutoResume: 'Status: live (push back)',
  chapterContinued: '{title} (continued)',
};

const zhCN: ReportText = {
  lang: 'zh-CN',
  title: '直播报告：{id}',
  started: '开始于 {when}',
  minutes: '{n} 分钟',
  stoppedByHost: '主播停止推流',
  endedWith: '因 {code} 结束',
  launches: '上架：{n} 次',
  recording: '录像',
  notRecorded: '未录像',
  partChapters: '{file}：{n} 个章节',
  partNoChapters: '{file}：无章节（{why}）',
  legend: '事件标记',
  events: '事件',
  when: '时间',
  what: '事件',
  detail: '详情',
  notMeasured: '本场直播未测量。',
  noSamples: '本场直播没有数据。',
  kinds: {
    goLive: '开播',
    launch: '商品上架',
    status: '状态变更',
    announcement: '公告',
    pushLost: '推流中断',
    reconnected: '已重连',
    autoPause: '自动暂停',
    autoResume: '自动恢复',
    stop: '停止',
  },
  panels: {
    bitrate: '码率（kbit/s）',
    fps: '帧率',
    drops: '丢帧',
    viewerDelay: '观众延迟（秒）',
    online: '在线观众',
    messages: '每秒消息数',
    perMinute: '每分钟点赞、礼物和购买',
  },
  series: { likes: '点赞', gifts: '礼物', purchases: '购买' },
  pushLost: '推流中断：{code}',
  reconnected: '重连 {n} 次后恢复直播',
  stopped: '已停止',
  stoppedWith: '已停止：{code}',
  autoPaused: '推流中断，已自动暂停',
  autoResumed: '推流恢复，已自动恢复直播',
  status: { live: '直播中', paused: '暂停', ended: '已结束', not_started: '未开始' },
  chapterShowStart: '直播开始',
  chapterPart: '第 {n} 段：重连之后',
  chapterStatus: '状态：{status}',
  chapterAutoPause: '状态：暂停（推流中断）',
  chapterAutoResume: '状态：直播中（推流恢复）',
  chapterContinued: '{title}（续）',
};

const ja: ReportText = {
  lang: 'ja',
  title: '配信レポート：{id}',
  started: '開始 {when}',
  minutes: '{n} 分',
  stoppedByHost: '配信者が停止',
  endedWith: '{code} で終了',
  launches: '商品紹介：{n} 回',
  recording: '録画',
  notRecorded: '録画なし',
  partChapters: '{file}：チャプター {n} 個',
  partNoChapters: '{file}：チャプターなし（{why}）',
  legend: 'イベントの印',
  events: 'イベント',
  when: '時刻',
  what: '内容',
  detail: '詳細',
  notMeasured: 'この配信では測定されていません。',
  noSamples: 'この配信のデータはありません。',
  kinds: {
    goLive: '配信開始',
    launch: '商品紹介',
    status: 'ステータス変更',
    announcement: 'お知らせ',
    pushLost: '配信切断',
    reconnected: '再接続',
    autoPause: '自動一時停止',
    autoResume: '自動再開',
    stop: '停止',
  },
  panels: {
    bitrate: 'ビットレート（kbit/s）',
    fps: 'フレームレート',
    drops: 'ドロップしたフレーム',
    viewerDelay: '視聴者の遅延（秒）',
    online: 'オンラインの視聴者',
    messages: '1 秒あたりのメッセージ',
    perMinute: '1 分あたりのいいね・ギフト・購入',
  },
  series: { likes: 'いいね', gifts: 'ギフト', purchases: '購入' },
  pushLost: '配信切断：{code}',
  reconnected: '再接続 {n} 回の後に配信再開',
  stopped: '停止',
  stoppedWith: '停止：{code}',
  autoPaused: '配信切断のため自動で一時停止',
  autoResumed: '配信復帰のため自動で再開',
  status: { live: '配信中', paused: '一時停止', ended: '終了', not_started: '開始前' },
  chapterShowStart: '配信開始',
  chapterPart: 'パート {n}：再接続の後',
  chapterStatus: 'ステータス：{status}',
  chapterAutoPause: 'ステータス：一時停止（配信切断）',
  chapterAutoResume: 'ステータス：配信中（配信復帰）',
  chapterContinued: '{title}（続き）',
};

const ko: ReportText = {
  lang: 'ko',
  title: '방송 리포트: {id}',
  started: '시작 {when}',
  minutes: '{n}분',
  stoppedByHost: '호스트가 중지',
  endedWith: '{code}(으)로 종료',
  launches: '상품 소개: {n}회',
  recording: '녹화',
  notRecorded: '녹화 안 함',
  partChapters: '{file}: 챕터 {n}개',
  partNoChapters: '{file}: 챕터 없음 ({why})',
  legend: '이벤트 표시',
  events: '이벤트',
  when: '시각',
  what: '내용',
  detail: '상세',
  notMeasured: '이 방송에서는 측정되지 않았습니다.',
  noSamples: '이 방송의 데이터가 없습니다.',
  kinds: {
    goLive: '방송 시작',
    launch: '상품 소개',
    status: '상태 변경',
    announcement: '공지',
    pushLost: '송출 끊김',
    reconnected: '재연결됨',
    autoPause: '자동 일시 중지',
    autoResume: '자동 재개',
    stop: '중지',
  },
  panels: {
    bitrate: '비트레이트 (kbit/s)',
    fps: '초당 프레임',
    drops: '드롭된 프레임',
    viewerDelay: '시청자 지연 (초)',
    online: '접속 중인 시청자',
    messages: '초당 메시지',
    perMinute: '분당 좋아요, 선물, 구매',
  },
  series: { likes: '좋아요', gifts: '선물', purchases: '구매' },
  pushLost: '송출 끊김: {code}',
  reconnected: '재연결 시도 {n}회 후 방송 재개',
  stopped: '중지됨',
  stoppedWith: '중지됨: {code}',
  autoPaused: '송출이 끊겨 자동으로 일시 중지',
  autoResumed: '송출이 돌아와 자동으로 재개',
  status: { live: '방송 중', paused: '일시 중지', ended: '종료', not_started: '시작 전' },
  chapterShowStart: '방송 시작',
  chapterPart: '파트 {n}: 재연결 후',
  chapterStatus: '상태: {status}',
  chapterAutoPause: '상태: 일시 중지 (송출 끊김)',
  chapterAutoResume: '상태: 방송 중 (송출 복귀)',
  chapterContinued: '{title} (계속)',
};

export const REPORT_TEXT: Record<Language, ReportText> = { en, 'zh-CN': zhCN, ja, ko };

export const reportText = (language: Language | undefined): ReportText => REPORT_TEXT[language ?? 'en'] ?? en;

/** `{name}` placeholders filled in. */
export const fill = (template: string, vars: Record<string, string | number>): string => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

/** An event's words: the recorder keeps only the facts (a product, a status, a code, a count). */
export function eventLabel(t: ReportText, e: { kind: ShowEventKind; label: string }): string {
  switch (e.kind) {
    case 'status':
      return t.status[e.label as keyof ReportText['status']] ?? e.label;
    case 'pushLost':
      return fill(t.pushLost, { code: e.label });
    case 'reconnected':
      return fill(t.reconnected, { n: e.label });
    case 'stop':
      return e.label ? fill(t.stoppedWith, { code: e.label }) : t.stopped;
    case 'autoPause':
      return t.autoPaused;
    case 'autoResume':
      return t.autoResumed;
    case 'goLive':
      return '';
    case 'launch':
    case 'announcement':
      return e.label;
  }
}
