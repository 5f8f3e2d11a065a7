// Tencent IM size and format limits (usage limits, create_group, modify_group_base_info,
// send_group_msg, portrait_set), shared so the console can pre-check what the studio (and
// Tencent) will refuse. Lengths are UTF-8 bytes.

export const LIMITS = {
  userIdBytes: 32,
  groupNameBytes: 30,
  groupIntroductionBytes: 240,
  groupNotificationBytes: 300,
  groupFaceUrlBytes: 100,
  groupIdBytes: 48,
  customFieldKeyBytes: 16,
  customFieldValueBytes: 512,
  /**
   * 12 K per the current usage-limit page (https://www.tencentcloud.com/document/product/1047/34381);
   * older pages said 8000.
   */
  msgBodyBytes: 12_288,
  profileValueBytes: 500,
  profileCustomKeywordBytes: 8,
  getGroupInfoIds: 50,
  multiAccountImport: 100,
  forbidSendMsgAccounts: 500,
  portraitGetAccounts: 100,
  /** `ShutUpTime` meaning "muted for ever" (forbid_send_msg). */
  shutUpForever: 4_294_967_295,
  uint32Max: 4_294_967_295,
  /** Messages per second an AVChatRoom group delivers; above it Tencent drops by priority. */
  groupMessagesPerSecond: 40,
} as const;

/** Prefix of ids Tencent assigns; custom ids must not use it (create_group). */
export const AUTO_GROUP_ID_PREFIX = '@TGS#';

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).byteLength;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** A UserID Tencent accepts: 1–32 bytes of printable ASCII (SDK error 7003). */
export function isValidUserId(id: string): boolean {
  return PRINTABLE_ASCII.test(id) && id.length <= LIMITS.userIdBytes;
}

/** Custom GroupId rule of create_group: printable ASCII, ≤ 48 bytes, no `@TGS#` prefix. */
export function isValidCustomGroupId(id: string): boolean {
  return isWellFormedGroupId(id) && !id.startsWith(AUTO_GROUP_ID_PREFIX);
}

/** Any id a lookup may name: a custom id or an auto-assigned `@TGS#` one. */
export function isWellFormedGroupId(id: string): boolean {
  return PRINTABLE_ASCII.test(id) && id.length <= LIMITS.groupIdBytes;
}

/** Group custom-field key (`AppDefinedData`): letters, digits, underscore, not starting with a digit, ≤ 16. */
export function isValidCustomFieldKey(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,15}$/.test(key);
}

export const PROFILE_CUSTOM_PREFIX = 'Tag_Profile_Custom_';

/** `Tag_Profile_Custom_<Keyword>` with a letters-only keyword of ≤ 8 bytes (portrait_set). */
export function isValidProfileCustomTag(tag: string): boolean {
  return /^Tag_Profile_Custom_[A-Za-z]{1,8}$/.test(tag);
}
