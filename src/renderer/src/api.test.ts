// The web-mode page reads its access token once and takes it out of the address bar.
import { describe, expect, it } from 'vitest';
import { tokenFromLocation, withoutToken } from './api';

const loc = (search: string, hash = '', pathname = '/') => ({ pathname, search, hash });

describe('web-mode token in the address', () => {
  it('reads it from the query or the fragment', () => {
    expect(tokenFromLocation(loc('?token=abc'))).toBe('abc');
    expect(tokenFromLocation(loc('', '#token=def'))).toBe('def');
    expect(tokenFromLocation(loc('?lang=ja'))).toBe('');
  });

  it('removes it and keeps everything else', () => {
    expect(withoutToken(loc('?token=abc&lang=ja'))).toBe('/?lang=ja');
    expect(withoutToken(loc('?token=abc'))).toBe('/');
    expect(withoutToken(loc('', '#token=def', '/console'))).toBe('/console');
    expect(withoutToken(loc('?x=1', '#section'))).toBe('/?x=1#section');
    expect(withoutToken(loc('?x=1', '#token=t&y=2'))).toBe('/?x=1#y=2');
  });
});
