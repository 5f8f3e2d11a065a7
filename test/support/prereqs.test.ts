// A suite that cannot run says why, in its name and on the console.
import { describe, expect, it, vi } from 'vitest';
import { envVar, missing, when } from './prereqs';

describe('prerequisites of a suite', () => {
  it('joins the reasons of what is missing and nothing else', () => {
    expect(missing([when(true, 'never shown'), when(false, 'no ffmpeg'), when(false, 'needs Linux')])).toBe('no ffmpeg; needs Linux');
    expect(missing([when(true, 'never shown')])).toBe('');
  });

  it('names an unset environment variable and how to set it', () => {
    vi.stubEnv('STAGESIDE_PREREQ_PROBE', '');
    expect(envVar('STAGESIDE_PREREQ_PROBE', 'set it to 1').ok).toBe(false);
    expect(missing([envVar('STAGESIDE_PREREQ_PROBE', 'set it to 1')])).toBe('STAGESIDE_PREREQ_PROBE is not set — set it to 1');
    vi.stubEnv('STAGESIDE_PREREQ_PROBE', '1');
    expect(envVar('STAGESIDE_PREREQ_PROBE', 'set it to 1').ok).toBe(true);
    vi.unstubAllEnvs();
  });
});
