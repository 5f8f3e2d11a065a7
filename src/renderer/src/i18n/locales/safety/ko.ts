// ko strings of the safety questions and screen-reader announcements (keys typed by the English table).
import type { Shape } from '../console/shape';
import type { safetyEn } from './en';

export const safetyKo: Shape<typeof safetyEn> = {
  stopTitle: '라이브 방송을 중지할까요?',
  stopMessage: '시청자는 즉시 화면을 볼 수 없게 됩니다.',
  stopConfirm: '방송 중지',
  stopCancel: '계속 방송',
  endTitle: '방송을 종료할까요?',
  endMessage: '시청자에게 방 상태 "종료"가 표시됩니다.',
  endConfirm: '방송 종료',
  endCancel: '상태 유지',
  clearTitle: '공지를 지울까요?',
  clearMessage: '시청자에게 "{{text}}"가 더 이상 보이지 않습니다.',
  clearConfirm: '공지 지우기',
  clearCancel: '공지 유지',
  discardTitle: '저장하지 않은 변경을 버릴까요?',
  discardMessage: '변경한 설정이 아직 저장되지 않았습니다.',
  discardConfirm: '변경 버리기',
  discardCancel: '계속 편집',
  chatLog: '채팅 알림',
  pauseAnnouncements: '알림 일시 중지',
  more: '외 {{count}}개',
  alerts: '경고',
  statusChanged: '방 상태: {{status}}',
  soldOut: '{{title}} 품절',
  pushLost: '송출이 끊겼습니다: 다시 연결하는 중',
  pushFailed: '방송 실패: {{message}}',
  pushBack: '송출이 복구되었습니다',
};
