// Tencent IM error codes the studio answers and the console's REST/TIM adapters interpret
// (https://cloud.tencent.com/document/product/269/1671), with short English texts for ErrorInfo.
import {
  USERSIG_EMPTY,
  USERSIG_EXPIRED,
  USERSIG_IDENTIFIER_MISMATCH,
  USERSIG_INVALID,
  USERSIG_SDKAPPID_MISMATCH,
  USERSIG_SIGNATURE_MISMATCH,
} from '../domain/userSig';

export const IM_ERR = {
  OK: 0,
  // REST gateway
  HTTP_PARSE: 60002,
  JSON_PARSE: 60003,
  IDENTIFIER_INVALID: 60004,
  SDKAPPID_INVALID: 60006,
  API_RATE_LIMIT: 60007,
  BAD_RESOURCE: 60009,
  NEEDS_ADMIN: 60010,
  SDKAPPID_MISSING: 60012,
  // UserSig, numbers owned by the Foundation verifier
  USERSIG_EXPIRED,
  USERSIG_EMPTY,
  USERSIG_INVALID,
  USERSIG_SIGNATURE_MISMATCH,
  USERSIG_IDENTIFIER_MISMATCH,
  USERSIG_SDKAPPID_MISMATCH,
  // Account service (account_import)
  ACCOUNT_NOT_FOUND: 70107,
  ACCOUNT_INVALID_PARAM: 70402,
  ACCOUNT_NEEDS_ADMIN: 70403,
  // Messages (send_group_msg)
  MSG_TOO_LONG: 80002,
  // Group service (group_open_http_svc)
  INTERNAL: 10002,
  INVALID_PARAM: 10004,
  NO_PERMISSION: 10007,
  GROUP_NOT_FOUND: 10010,
  GROUP_ID_INVALID: 10015,
  CALLBACK_REJECTED: 10016,
  SENDER_MUTED: 10017,
  USER_NOT_FOUND: 10019,
  GROUP_ID_USED: 10025,
  // Profile service (portrait_set)
  PROFILE_INVALID_PARAM: 40001,
  PROFILE_USER_NOT_FOUND: 40003,
  PROFILE_NEEDS_ADMIN: 40004,
  /** The field's write permission does not include this caller (e.g. an admin-only custom tag). */
  PROFILE_NO_WRITE_PERMISSION: 40008,
  PROFILE_TAG_UNKNOWN: 40009,
  PROFILE_VALUE_TOO_LONG: 40601,
  PROFILE_BAD_STANDARD_VALUE: 40605,
  PROFILE_TYPE_MISMATCH: 40610,
  // Web SDK (tim-js-sdk) codes the realtime layer surfaces
  SDK_NOT_LOGGED_IN: 2024,
  SDK_NOT_IN_GROUP: 2101,
} as const;

export type ImErrorCode = (typeof IM_ERR)[keyof typeof IM_ERR];

export const IM_ERROR_TEXT: Readonly<Record<ImErrorCode, string>> = {
  0: '',
  60002: 'HTTP parse error',
  60003: 'JSON parse error in request body',
  60004: 'identifier invalid',
  60006: 'SDKAppID invalid',
  60007: 'REST API call frequency over limit',
  60009: 'bad resource: unknown service or command',
  60010: 'request requires App admin identity',
  60012: 'sdkappid missing in URL',
  70001: 'UserSig expired',
  70002: 'UserSig empty',
  70003: 'UserSig invalid',
  70009: 'UserSig verification failed',
  70013: 'UserSig identifier mismatch',
  70014: 'UserSig SDKAppID mismatch',
  70107: 'account does not exist',
  70402: 'invalid parameter',
  70403: 'request requires App admin identity',
  80002: 'message body too long',
  10002: 'internal error, please retry',
  10004: 'invalid parameter',
  10007: 'no permission',
  10010: 'group does not exist or was destroyed',
  10015: 'invalid group ID',
  10016: 'rejected by the app backend callback',
  10017: 'sender is muted',
  10019: 'UserID does not exist',
  10025: 'group ID already used',
  40001: 'invalid parameter',
  40003: 'account does not exist',
  40004: 'request requires App admin identity',
  40008: 'no write permission for this profile field',
  40009: 'profile Tag does not exist',
  40601: 'profile value longer than 500 bytes',
  40605: 'invalid value for a standard profile field',
  40610: 'profile value type mismatch',
  2024: 'not logged in',
  2101: 'not a member of this AVChatRoom',
};

/** The short text for a code, `detail` appended after a colon when given. */
export function errorInfo(code: ImErrorCode, detail?: string): string {
  const base = IM_ERROR_TEXT[code];
  return detail ? (base ? `${base}: ${detail}` : detail) : base;
}
