// Validation rules of group base info and custom fields (`AppDefinedData`), shared by
// create_group and modify_group_base_info; the REST schemas check the byte limits too.
import { IM_ERR } from '../../shared/tencent/errorCodes';
import { isValidCustomFieldKey, LIMITS, utf8Bytes } from '../../shared/tencent/limits';
import { type AppDefinedDataItem } from '../../shared/tencent/restSchemas';
import { fail, type Fail } from './result';

/**
 * Byte limits of Name/Introduction/Notification/FaceUrl: 30/240/300/100 (the REST schemas check
 * them too; direct callers get the same answer).
 */
export function checkBaseInfo(req: { Name?: string; Introduction?: string; Notification?: string; FaceUrl?: string }): Fail | undefined {
  const limits = [
    ['Name', req.Name, LIMITS.groupNameBytes],
    ['Introduction', req.Introduction, LIMITS.groupIntroductionBytes],
    ['Notification', req.Notification, LIMITS.groupNotificationBytes],
    ['FaceUrl', req.FaceUrl, LIMITS.groupFaceUrlBytes],
  ] as const;
  for (const [field, value, max] of limits) {
    if (value !== undefined && utf8Bytes(value) > max) return fail(IM_ERR.INVALID_PARAM, `${field}: must be at most ${max} bytes (UTF-8)`);
  }
  if (req.Name === '') return fail(IM_ERR.INVALID_PARAM, 'Name: must not be empty');
  return undefined;
}

/** `AppDefinedData`: only keys registered for the studio, values ≤ 512 bytes. */
export function checkCustomFields(items: readonly AppDefinedDataItem[], registered: readonly string[]): Fail | undefined {
  for (const { Key, Value } of items) {
    if (!isValidCustomFieldKey(Key) || !registered.includes(Key)) {
      return fail(
        IM_ERR.INVALID_PARAM,
        `AppDefinedData key ${JSON.stringify(Key)} is not a registered group custom field (registered: ${registered.join(', ')})`,
      );
    }
    if (utf8Bytes(Value) > LIMITS.customFieldValueBytes) {
      return fail(IM_ERR.INVALID_PARAM, `AppDefinedData ${Key}: value must be at most ${LIMITS.customFieldValueBytes} bytes`);
    }
  }
  return undefined;
}
