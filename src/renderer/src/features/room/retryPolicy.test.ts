// The retry policy of a failed room join: the backoff schedule, and which failures wait for the
// operator instead of being retried (configuration) versus retried (network, timeouts, 5xx).
import { describe, expect, it } from 'vitest';
import { classifyJoinFailure, FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from './retryPolicy';

describe('retryDelayMs', () => {
  it('doubles from 5 s and stops at 2 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000, 120_000]);
    expect(retryDelayMs(0)).toBe(FIRST_RETRY_MS);
    expect(retryDelayMs(1e9)).toBe(MAX_RETRY_MS);
  });
});

describe('classifyJoinFailure', () => {
  const table: [string, unknown, 'config' | 'transient'][] = [
    ['missing SDKAppID', { code: 'ROOM_NOT_READY', message: 'Set the SDKAppID in Settings first' }, 'config'],
    ['no room chosen', { code: 'ROOM_NOT_READY', message: 'Choose the room first' }, 'config'],
    ['missing endpoint URL', { code: 'SETTINGS_INVALID', message: 'Set the UserSig endpoint URL' }, 'config'],
    ['missing SecretKey', { code: 'SECRET_MISSING', message: 'Set the IM SecretKey' }, 'config'],
    ['endpoint 401', { code: 'USERSIG_ENDPOINT_FAILED', message: 'HTTP 401', details: { endpoint: 'https://x/sig', status: 401 } }, 'config'],
    ['endpoint 404', { code: 'USERSIG_ENDPOINT_FAILED', message: 'HTTP 404', details: { status: 404 } }, 'config'],
    ['endpoint 503', { code: 'USERSIG_ENDPOINT_FAILED', message: 'HTTP 503', details: { status: 503 } }, 'transient'],
    ['endpoint unreachable', { code: 'USERSIG_ENDPOINT_FAILED', message: 'unreachable (ENOTFOUND)', details: { endpoint: 'https://x/sig' } }, 'transient'],
    ['endpoint unreachable (kind)', { code: 'USERSIG_ENDPOINT_FAILED', message: 'Could not reach x', details: { endpoint: 'https://x/sig', kind: 'network' } }, 'transient'],
    ['endpoint signs for another user', { code: 'USERSIG_ENDPOINT_FAILED', message: 'the userSig is for "a"', details: { endpoint: 'https://x/sig', kind: 'answer' } }, 'config'],
    ['wrong key (70009)', { code: 'IM_REST_FAILED', message: '70009 UserSig verification failed', details: { errorCode: 70009 } }, 'config'],
    ['UserSig expired (70001)', { code: 'IM_REST_FAILED', message: '70001', details: { errorCode: 70001 } }, 'config'],
    ['SDKAppID mismatch (70014)', { code: 'IM_REST_FAILED', message: '70014', details: { errorCode: 70014 } }, 'config'],
    ['wrong region (60006)', { code: 'IM_REST_FAILED', message: '60006', details: { errorCode: 60006 } }, 'config'],
    ['not the App admin (60010)', { code: 'IM_REST_FAILED', message: '60010', details: { errorCode: 60010 } }, 'config'],
    ['no such group (10010)', { code: 'IM_REST_FAILED', message: '10010', details: { errorCode: 10010 } }, 'config'],
    ['rate limited (60007)', { code: 'IM_REST_FAILED', message: '60007', details: { errorCode: 60007 } }, 'transient'],
    ['network (no Tencent code)', { code: 'IM_REST_FAILED', message: 'Could not reach console.tim.qq.com', details: { errorInfo: 'x' } }, 'transient'],
    ['timeout', { code: 'TIMEOUT', message: 'timed out' }, 'transient'],
    ['transport closed', { code: 'TRANSPORT_CLOSED', message: 'closed' }, 'transient'],
    ['tim-js-sdk login refused (70003)', { code: 70003, message: 'UserSig invalid' }, 'config'],
    ['tim-js-sdk join: group gone (10010)', { code: 10010, message: 'group does not exist' }, 'config'],
    ['tim-js-sdk network error', { code: 2800, message: 'network' }, 'transient'],
    ['a thrown Error', new Error('socket closed'), 'transient'],
    ['a string', 'boom', 'transient'],
    ['nothing', undefined, 'transient'],
  ];
  it.each(table)('%s', (_name, e, kind) => {
    expect(classifyJoinFailure(e)).toBe(kind);
  });
});
