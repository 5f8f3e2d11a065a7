// Japanese strings; shape checked against en.ts.
import { consoleJa } from './console/ja';
import { moderationJa } from './moderation/ja';
import type { Messages } from './en';

export const ja: Messages = {
  app: {
    name: 'Stageside',
    loading: '読み込み中…',
  },
  connection: {
    connecting: '接続中…',
    connected: '接続済み',
    disconnected: '再接続中…',
    unauthorized: 'アクセス拒否',
    reconnectingBanner: 'Stageside との接続が切れました。再接続しています…',
    unauthorizedTitle: 'アクセストークンが拒否されました',
    unauthorizedBody: '<cmd>stageside web</cmd> が表示した URL をそのまま開いてください。アクセストークンが含まれています。',
    loadFailed: '現在の状態を読み込めませんでした：{{message}}',
  },
  header: {
    profileLabel: 'プロファイル：',
    modeLabel: 'モード：',
    settings: '設定',
    toolbar: 'アプリケーション',
  },
  modes: {
    studio: 'ローカルスタジオ',
    tencent: 'Tencent Cloud',
  },
  problems: {
    title: '設定を確認してください',
    backup: '以前のファイルは {{path}} にバックアップされました',
    dismiss: '閉じる',
    dismissLabel: '設定の警告を閉じる',
  },
  panels: {
    label: '配信コンソール',
    goLive: {
      title: '配信開始',
      empty: 'まだ配信していません。配信機能は配信エンジンとともに追加されます。',
    },
    chat: {
      title: 'チャット',
    },
    products: {
      title: '商品',
    },
    room: {
      title: 'ルーム',
    },
    counters: {
      title: 'カウンター',
    },
    gifts: {
      title: 'ギフト',
    },
    announcement: {
      title: 'お知らせ',
    },
    roomStatus: {
      title: 'ステータス',
    },
  },

  studio: {
    title: 'ローカルスタジオ',
    state_off: 'オフ（Tencent Cloud モード）',
    state_starting: '起動中…',
    state_running: 'このコンピューターで実行中',
    state_restarting: 'クラッシュ後に再起動中…',
    state_failed: '停止：{{reason}}',
    openViewer: '視聴者ページを開く',
    restart: 'スタジオを再起動',
    rtmp: 'RTMP インジェスト',
    rest: 'IM REST API',
    room: 'デモルーム',
  },
  settings: {
    title: '設定',
    save: '保存',
    cancel: 'キャンセル',
    close: '設定を閉じる',
    saveFailed: '保存できませんでした：{{message}}',
    fixErrors: '保存する前に、表示された項目を修正してください。',
    optional: '任意',
    general: {
      title: '一般',
      profileName: 'プロファイル名',
      mode: 'モード',
      language: '言語',
      languageHint: '新しい言語は保存後に適用されます。',
    },
    im: {
      title: 'Tencent IM',
      sdkAppId: 'SDKAppID',
      region: 'リージョン',
      restDomain: 'REST ドメインの上書き',
      restDomainHint: '空欄の場合はリージョンの既定ドメインを使用します。',
      adminIdentifier: '管理者 ID',
    },
    regions: {
      auto: '自動（SDKAppID から判定）',
      china: '中国本土',
      singapore: 'シンガポール',
      korea: '韓国',
      germany: 'ドイツ',
      usa: 'アメリカ',
      indonesia: 'インドネシア',
      india: 'インド',
    },
    lvb: {
      title: 'Tencent LVB',
      pushDomain: 'プッシュドメイン',
      appName: 'AppName',
      streamName: 'ストリーム名',
      playDomain: '再生ドメイン',
    },
    room: {
      title: 'ライブルーム',
      groupId: 'ルーム（グループ ID）',
      hostUserId: 'ホストの UserID',
    },
    errors: {
      profileName: '1〜64 文字のプロファイル名を入力してください。',
      mode: 'モードを選択してください。',
      language: '言語を選択してください。',
      sdkAppId: '1〜4294967295 の整数を入力するか、空欄にしてください。',
      region: 'リージョンを選択してください。',
      hostname: 'push.example.com のようなホスト名を入力してください（スキームやパスは不要）。',
      adminIdentifier: '英数字、_、- を 1〜32 文字で入力してください。',
      appName: '英数字、_、- を 1〜64 文字で入力してください。',
      streamName: '英数字と - _ . ~ を 255 文字以内で入力してください。',
      groupId: '印字可能な ASCII 文字で 48 文字以内。空欄ならスタジオのデモルームを使います。',
    },
  },
  secrets: {
    title: 'シークレット',
    hint: 'シークレットは設定またはクリアした時点で保存され、二度と表示されません。',
    protection: '保護方式：{{how}}',
    names: {
      'im.secretKey': 'IM SecretKey',
      'lvb.pushKey': 'LVB プッシュキー',
      'lvb.playKey': 'LVB 再生キー',
    },
    isSet: '設定済み（{{masked}}）',
    notSet: '未設定',
    newValue: '新しい {{name}}',
    set: '設定',
    setLabel: '{{name}} を設定',
    clear: 'クリア',
    clearLabel: '{{name}} をクリア',
    failed: '{{name}} を更新できませんでした：{{message}}',
  },
  tools: {
    title: 'ツール',
    openLogs: 'ログフォルダーを開く',
    logsAt: 'ログの場所：{{path}}',
    logsOpened: '{{path}} を開きました',
    pushPreview: 'プッシュ URL をプレビュー',
    pushPreviewHint: '保存済みの設定と LVB プッシュキーから生成され、24 時間有効です。',
    pushPreviewUrl: 'プッシュ URL（キーはマスク済み）',
    expiresAt: '有効期限：{{time}}',
    failed: '失敗しました：{{message}}',
  },
  about: {
    title: 'このアプリについて',
    version: 'バージョン {{version}}',
    transport: '接続方式：{{transport}}',
    transports: {
      electron: 'デスクトップアプリ',
      web: 'Web モード',
    },
    dataDir: 'データフォルダー：{{path}}',
  },
  ...consoleJa,
  ...moderationJa,
};
