// Accounts and profiles over REST: account_import, multiaccount_import, portrait_set and portrait_get
// with Tencent's documented shapes and error codes.
import { afterEach, describe, expect, it } from 'vitest';
import { code, harness, runCleanups } from './restRoutes.testkit';

afterEach(runCleanups);

describe('accounts (account_import) and profiles (portrait_set)', () => {
  it('account_import (Identifier or UserID), multiaccount_import with FailAccounts', async () => {
    const h = await harness();
    expect(await h.call('im_open_login_svc/account_import', { Identifier: 'user_001', Nick: 'Alice', FaceUrl: 'https://a/p.png' })).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
    });
    expect(code(await h.call('im_open_login_svc/account_import', { UserID: 'user_002' }))).toBe(0);
    expect(code(await h.call('im_open_login_svc/account_import', { Identifier: 'x'.repeat(33) }))).toBe(70402);
    expect(code(await h.call('im_open_login_svc/account_import', { Identifier: 'u3', Nick: 'n'.repeat(501) }))).toBe(40601);
    const many = await h.call('im_open_login_svc/multiaccount_import', { Accounts: ['a1', 'a2', 'bad\u00e9', 'y'.repeat(40)] });
    expect(many).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', FailAccounts: ['bad\u00e9', 'y'.repeat(40)] });
    expect(code(await h.call('im_open_login_svc/multiaccount_import', { Accounts: Array.from({ length: 101 }, (_, i) => `u${i}`) }))).toBe(70402);
  });

  it('portrait_set / portrait_get round trip with the documented shapes', async () => {
    const h = await harness();
    await h.call('im_open_login_svc/account_import', { Identifier: 'viewer_9' });
    const set = await h.call('profile/portrait_set', {
      From_Account: 'viewer_9',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
        { Tag: 'Tag_Profile_IM_Image', Value: 'https://cdn.example.com/b.png' },
        { Tag: 'Tag_Profile_Custom_Level', Value: '3' },
        { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Male' },
      ],
    });
    expect(set).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    const get = await h.call('profile/portrait_get', {
      To_Account: ['viewer_9', 'ghost'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image', 'Tag_Profile_Custom_Level', 'Tag_Profile_IM_Level'],
    });
    expect(get).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
      UserProfileItem: [
        {
          To_Account: 'viewer_9',
          ProfileItem: [
            { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
            { Tag: 'Tag_Profile_IM_Image', Value: 'https://cdn.example.com/b.png' },
            { Tag: 'Tag_Profile_Custom_Level', Value: '3' },
          ],
          ResultCode: 0,
          ResultInfo: '',
        },
        { To_Account: 'ghost', ProfileItem: [], ResultCode: 40003, ResultInfo: expect.any(String) },
      ],
      Fail_Account: ['ghost'],
    });
  });

  it.each([
    ['unknown account', { From_Account: 'ghost', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }] }, 40003],
    ['unknown tag', { From_Account: 'viewer_9', ProfileItem: [{ Tag: 'Tag_Profile_IM_Mood', Value: 'x' }] }, 40009],
    ['value > 500 B', { From_Account: 'viewer_9', ProfileItem: [{ Tag: 'Tag_Profile_Custom_Bio', Value: 'x'.repeat(501) }] }, 40601],
    ['bad enum', { From_Account: 'viewer_9', ProfileItem: [{ Tag: 'Tag_Profile_IM_Gender', Value: 'Other' }] }, 40605],
    ['type mismatch', { From_Account: 'viewer_9', ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 'high' }] }, 40610],
  ])('portrait_set %s → %i, nothing applied', async (_n, body, expected) => {
    const h = await harness();
    await h.call('im_open_login_svc/account_import', { Identifier: 'viewer_9', Nick: 'Before' });
    const items = [{ Tag: 'Tag_Profile_IM_Nick', Value: 'After' }, ...body.ProfileItem];
    expect(code(await h.call('profile/portrait_set', { ...body, ProfileItem: items }))).toBe(expected);
    expect(h.engine.getProfiles(['viewer_9'])[0]?.nick).toBe('Before');
  });
});
