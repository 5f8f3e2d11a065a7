// ja strings of the safety questions and screen-reader announcements (keys typed by the English table).
import type { Shape } from '../console/shape';
import type { safetyEn } from './en';

export const safetyJa: Shape<typeof safetyEn> = {
  stopTitle: 'ライブ配信を停止しますか？',
  stopMessage: '視聴者の映像はすぐに途切れます。',
  stopConfirm: '配信を停止',
  stopCancel: '配信を続ける',
  endTitle: '配信を終了しますか？',
  endMessage: '視聴者にはルームの状態「終了」が表示されます。',
  endConfirm: '配信を終了',
  endCancel: '状態を変えない',
  clearTitle: 'お知らせを消去しますか？',
  clearMessage: '視聴者には「{{text}}」が表示されなくなります。',
  clearConfirm: 'お知らせを消去',
  clearCancel: 'お知らせを残す',
  discardTitle: '保存していない変更を破棄しますか？',
  discardMessage: '変更した設定はまだ保存されていません。',
  discardConfirm: '変更を破棄',
  discardCancel: '編集を続ける',
  chatLog: 'チャットの読み上げ',
  pauseAnnouncements: '読み上げを一時停止',
  more: 'ほか {{count}} 件',
  alerts: '通知',
  statusChanged: 'ルームの状態：{{status}}',
  soldOut: '{{title}} は売り切れです',
  pushLost: '配信が途切れました：再接続しています',
  pushFailed: '配信に失敗しました：{{message}}',
  pushBack: '配信が復帰しました',
};
