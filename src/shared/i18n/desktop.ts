// The few strings Electron main shows itself (native dialogs: closing while live, a data folder in
// use), in the four UI languages; main words them with i18next like the renderer does.
import type { Language } from '../settings';

export const desktopMessages = {
  en: {
    closeWhileLive: {
      message: 'You are live. Stop the broadcast and close Stageside?',
      detail: 'Viewers will see the stream end.',
      keep: 'Keep streaming',
      stop: 'Stop and close',
    },
    folderInUse: {
      title: 'Stageside is already running',
      detail: '{{reason}}',
    },
  },
  'zh-CN': {
    closeWhileLive: {
      message: '正在直播。要停止推流并关闭 Stageside 吗？',
      detail: '观众将看到直播结束。',
      keep: '继续直播',
      stop: '停止并关闭',
    },
    folderInUse: { title: 'Stageside 已在运行', detail: '{{reason}}' },
  },
  ja: {
    closeWhileLive: {
      message: '配信中です。配信を停止して Stageside を閉じますか？',
      detail: '視聴者には配信の終了が表示されます。',
      keep: '配信を続ける',
      stop: '停止して閉じる',
    },
    folderInUse: { title: 'Stageside はすでに実行中です', detail: '{{reason}}' },
  },
  ko: {
    closeWhileLive: {
      message: '방송 중입니다. 송출을 중지하고 Stageside를 닫을까요?',
      detail: '시청자에게는 방송이 종료된 것으로 보입니다.',
      keep: '계속 방송',
      stop: '중지하고 닫기',
    },
    folderInUse: { title: 'Stageside가 이미 실행 중입니다', detail: '{{reason}}' },
  },
} satisfies Record<Language, unknown>;
