// zh-CN strings of the safety questions and screen-reader announcements (keys typed by the English table).
import type { Shape } from '../console/shape';
import type { safetyEn } from './en';

export const safetyZhCN: Shape<typeof safetyEn> = {
  stopTitle: '停止直播推流？',
  stopMessage: '观众会立即看不到画面。',
  stopConfirm: '停止推流',
  stopCancel: '继续直播',
  endTitle: '结束本场直播？',
  endMessage: '观众将看到直播间状态“已结束”。',
  endConfirm: '结束直播',
  endCancel: '保持当前状态',
  clearTitle: '清除公告？',
  clearMessage: '观众将不再看到“{{text}}”。',
  clearConfirm: '清除公告',
  clearCancel: '保留公告',
  discardTitle: '放弃未保存的修改？',
  discardMessage: '您修改的设置尚未保存。',
  discardConfirm: '放弃修改',
  discardCancel: '继续编辑',
  chatLog: '聊天播报',
  pauseAnnouncements: '暂停播报',
  more: '还有 {{count}} 条',
  alerts: '提醒',
  statusChanged: '直播间状态：{{status}}',
  soldOut: '{{title}} 已售罄',
  pushLost: '推流中断：正在重新连接',
  pushFailed: '直播失败：{{message}}',
  pushBack: '推流已恢复',
};
