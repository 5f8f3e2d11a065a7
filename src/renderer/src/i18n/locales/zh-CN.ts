// Simplified Chinese strings; shape checked against en.ts.
import { consoleZhCN } from './console/zh-CN';
import { moderationZhCN } from './moderation/zh-CN';
import type { Messages } from './en';

export const zhCN: Messages = {
  app: {
    name: 'Stageside',
    loading: '加载中…',
  },
  connection: {
    connecting: '正在连接…',
    connected: '已连接',
    disconnected: '正在重新连接…',
    unauthorized: '访问被拒绝',
    reconnectingBanner: '与 Stageside 的连接已断开，正在重新连接…',
    unauthorizedTitle: '访问令牌被拒绝',
    unauthorizedBody: '请打开 <cmd>stageside web</cmd> 打印出的完整网址——其中包含访问令牌。',
    loadFailed: '无法加载当前状态：{{message}}',
  },
  header: {
    profileLabel: '配置：',
    modeLabel: '模式：',
    settings: '设置',
    toolbar: '应用',
  },
  modes: {
    studio: '本地演播室',
    tencent: '腾讯云',
  },
  problems: {
    title: '设置需要处理',
    backup: '原文件已备份到 {{path}}',
    dismiss: '关闭',
    dismissLabel: '关闭设置警告',
  },
  panels: {
    label: '直播控制台',
    goLive: {
      title: '开播',
      empty: '尚未开播——推流功能将随直播引擎一起提供。',
    },
    chat: {
      title: '聊天',
    },
    products: {
      title: '商品',
    },
    room: {
      title: '直播间',
    },
    counters: {
      title: '数据',
    },
    gifts: {
      title: '礼物',
    },
    announcement: {
      title: '公告',
    },
    roomStatus: {
      title: '直播状态',
    },
  },

  studio: {
    title: '本地演播室',
    state_off: '已关闭（腾讯云模式）',
    state_starting: '正在启动…',
    state_running: '正在本机运行',
    state_restarting: '崩溃后正在重启…',
    state_failed: '已停止：{{reason}}',
    openViewer: '打开观众页面',
    restart: '重启演播室',
    rtmp: 'RTMP 推流地址',
    rest: 'IM REST API',
    room: '演示直播间',
  },
  settings: {
    title: '设置',
    save: '保存',
    cancel: '取消',
    close: '关闭设置',
    saveFailed: '无法保存：{{message}}',
    fixErrors: '请先修正标出的字段再保存。',
    optional: '可选',
    general: {
      title: '常规',
      profileName: '配置名称',
      mode: '模式',
      language: '语言',
      languageHint: '新语言将在保存后生效。',
    },
    im: {
      title: '腾讯云 IM',
      sdkAppId: 'SDKAppID',
      region: '地域',
      restDomain: 'REST 域名覆盖',
      restDomainHint: '留空则使用该地域的默认域名。',
      adminIdentifier: '管理员账号',
    },
    regions: {
      auto: '自动（根据 SDKAppID）',
      china: '中国大陆',
      singapore: '新加坡',
      korea: '韩国',
      germany: '德国',
      usa: '美国',
      indonesia: '印度尼西亚',
      india: '印度',
    },
    lvb: {
      title: '腾讯云直播 LVB',
      pushDomain: '推流域名',
      appName: 'AppName',
      streamName: '流名称',
      playDomain: '播放域名',
    },
    room: {
      title: '直播间',
      groupId: '直播间（群组 ID）',
      hostUserId: '主播 UserID',
    },
    errors: {
      profileName: '请输入 1 到 64 个字符的配置名称。',
      mode: '请选择模式。',
      language: '请选择语言。',
      sdkAppId: '请输入 1 到 4294967295 之间的整数，或留空。',
      region: '请选择地域。',
      hostname: '请输入主机名，例如 push.example.com（不含协议和路径）。',
      adminIdentifier: '请使用 1 到 32 个字母、数字、_ 或 -。',
      appName: '请使用 1 到 64 个字母、数字、_ 或 -。',
      streamName: '最多 255 个字符，仅限字母、数字和 - _ . ~',
      groupId: '请使用可打印 ASCII 字符，最多 48 个；留空则使用演播室的演示直播间。',
    },
  },
  secrets: {
    title: '密钥',
    hint: '密钥在设置或清除时立即保存，之后不会再显示。',
    protection: '保护方式：{{how}}',
    names: {
      'im.secretKey': 'IM SecretKey',
      'lvb.pushKey': 'LVB 推流密钥',
      'lvb.playKey': 'LVB 播放密钥',
    },
    isSet: '已设置（{{masked}}）',
    notSet: '未设置',
    newValue: '新的 {{name}}',
    set: '设置',
    setLabel: '设置 {{name}}',
    clear: '清除',
    clearLabel: '清除 {{name}}',
    failed: '无法更新 {{name}}：{{message}}',
  },
  tools: {
    title: '工具',
    openLogs: '打开日志文件夹',
    logsAt: '日志位于 {{path}}',
    logsOpened: '已打开 {{path}}',
    pushPreview: '预览推流地址',
    pushPreviewHint: '根据已保存的设置和 LVB 推流密钥生成，有效期 24 小时。',
    pushPreviewUrl: '推流地址（密钥已遮盖）',
    expiresAt: '过期时间：{{time}}',
    failed: '失败：{{message}}',
  },
  about: {
    title: '关于',
    version: '版本 {{version}}',
    transport: '连接方式：{{transport}}',
    transports: {
      electron: '桌面应用',
      web: '网页模式',
    },
    dataDir: '数据文件夹：{{path}}',
  },
  ...consoleZhCN,
  ...moderationZhCN,
};
