// Korean strings; shape checked against en.ts.
import { consoleKo } from './console/ko';
import { moderationKo } from './moderation/ko';
import type { Messages } from './en';

export const ko: Messages = {
  app: {
    name: 'Stageside',
    loading: '불러오는 중…',
  },
  connection: {
    connecting: '연결 중…',
    connected: '연결됨',
    disconnected: '다시 연결하는 중…',
    unauthorized: '접근 거부됨',
    reconnectingBanner: 'Stageside와의 연결이 끊어졌습니다. 다시 연결하는 중…',
    unauthorizedTitle: '액세스 토큰이 거부되었습니다',
    unauthorizedBody: '<cmd>stageside web</cmd>이 출력한 URL을 그대로 여세요. 액세스 토큰이 포함되어 있습니다.',
    loadFailed: '현재 상태를 불러오지 못했습니다: {{message}}',
  },
  header: {
    profileLabel: '프로필:',
    modeLabel: '모드:',
    settings: '설정',
    toolbar: '애플리케이션',
  },
  modes: {
    studio: '로컬 스튜디오',
    tencent: 'Tencent Cloud',
  },
  problems: {
    title: '설정을 확인해 주세요',
    backup: '이전 파일은 {{path}}에 백업되었습니다',
    dismiss: '닫기',
    dismissLabel: '설정 경고 닫기',
  },
  panels: {
    label: '방송 콘솔',
    goLive: {
      title: '방송 시작',
      empty: '아직 방송 중이 아닙니다. 송출 기능은 방송 엔진과 함께 제공됩니다.',
    },
    chat: {
      title: '채팅',
    },
    products: {
      title: '상품',
    },
    room: {
      title: '방',
    },
    counters: {
      title: '집계',
    },
    gifts: {
      title: '선물',
    },
    announcement: {
      title: '공지',
    },
    roomStatus: {
      title: '상태',
    },
  },

  studio: {
    title: '로컬 스튜디오',
    state_off: '꺼짐 (Tencent Cloud 모드)',
    state_starting: '시작 중…',
    state_running: '이 컴퓨터에서 실행 중',
    state_restarting: '충돌 후 다시 시작 중…',
    state_failed: '중지됨: {{reason}}',
    openViewer: '시청자 페이지 열기',
    restart: '스튜디오 다시 시작',
    rtmp: 'RTMP 인제스트',
    rest: 'IM REST API',
    room: '데모 방',
  },
  settings: {
    title: '설정',
    save: '저장',
    cancel: '취소',
    close: '설정 닫기',
    saveFailed: '저장하지 못했습니다: {{message}}',
    fixErrors: '저장하기 전에 표시된 항목을 수정하세요.',
    optional: '선택 사항',
    general: {
      title: '일반',
      profileName: '프로필 이름',
      mode: '모드',
      language: '언어',
      languageHint: '새 언어는 저장한 후에 적용됩니다.',
    },
    im: {
      title: 'Tencent IM',
      sdkAppId: 'SDKAppID',
      region: '리전',
      restDomain: 'REST 도메인 재정의',
      restDomainHint: '비워 두면 리전의 기본 도메인을 사용합니다.',
      adminIdentifier: '관리자 ID',
    },
    regions: {
      auto: '자동(SDKAppID 기준)',
      china: '중국 본토',
      singapore: '싱가포르',
      korea: '대한민국',
      germany: '독일',
      usa: '미국',
      indonesia: '인도네시아',
      india: '인도',
    },
    lvb: {
      title: 'Tencent LVB',
      pushDomain: '푸시 도메인',
      appName: 'AppName',
      streamName: '스트림 이름',
      playDomain: '재생 도메인',
    },
    room: {
      title: '라이브 방',
      groupId: '방 (그룹 ID)',
      hostUserId: '호스트 UserID',
    },
    errors: {
      profileName: '1~64자의 프로필 이름을 입력하세요.',
      mode: '모드를 선택하세요.',
      language: '언어를 선택하세요.',
      sdkAppId: '1~4294967295 사이의 정수를 입력하거나 비워 두세요.',
      region: '리전을 선택하세요.',
      hostname: 'push.example.com 같은 호스트 이름을 입력하세요(스킴과 경로 제외).',
      adminIdentifier: '영문자, 숫자, _, -를 1~32자로 입력하세요.',
      appName: '영문자, 숫자, _, -를 1~64자로 입력하세요.',
      streamName: '영문자, 숫자와 - _ . ~를 255자 이내로 입력하세요.',
      groupId: '인쇄 가능한 ASCII 48자 이내로 입력하세요. 비워 두면 스튜디오 데모 방을 사용합니다.',
    },
  },
  secrets: {
    title: '비밀 키',
    hint: '비밀 키는 설정하거나 지우는 즉시 저장되며 다시 표시되지 않습니다.',
    protection: '보호 방식: {{how}}',
    names: {
      'im.secretKey': 'IM SecretKey',
      'lvb.pushKey': 'LVB 푸시 키',
      'lvb.playKey': 'LVB 재생 키',
    },
    isSet: '설정됨({{masked}})',
    notSet: '설정 안 됨',
    newValue: '새 {{name}}',
    set: '설정',
    setLabel: '{{name}} 설정',
    clear: '지우기',
    clearLabel: '{{name}} 지우기',
    failed: '{{name}}을(를) 업데이트하지 못했습니다: {{message}}',
  },
  tools: {
    title: '도구',
    openLogs: '로그 폴더 열기',
    logsAt: '로그 위치: {{path}}',
    logsOpened: '{{path}}을(를) 열었습니다',
    pushPreview: '푸시 URL 미리 보기',
    pushPreviewHint: '저장된 설정과 LVB 푸시 키로 만들며 24시간 동안 유효합니다.',
    pushPreviewUrl: '푸시 URL(키 가림)',
    expiresAt: '만료: {{time}}',
    failed: '실패: {{message}}',
  },
  about: {
    title: '정보',
    version: '버전 {{version}}',
    transport: '연결 방식: {{transport}}',
    transports: {
      electron: '데스크톱 앱',
      web: '웹 모드',
    },
    dataDir: '데이터 폴더: {{path}}',
  },
  ...consoleKo,
  ...moderationKo,
};
