import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../../shared/errors';
import type { ConnectionReport } from '../../../../shared/roomContract';
import { defaultSettings } from '../../../../shared/settings';
import { checkCreate, checkUse, copyPushPart, countChecks, isNoRoomYet, utf8Bytes } from './roomAdmin';

describe('room forms', () => {
  it('accepts a create request and trims it; an empty group id lets Tencent pick', () => {
    expect(checkCreate({ groupId: ' show-1 ', name: ' Evening show ', notification: '' })).toEqual({
      ok: true,
      request: { groupId: 'show-1', name: 'Evening show', notification: '' },
    });
    expect(checkCreate({ groupId: '', name: 'x', notification: 'Welcome!' })).toMatchObject({ ok: true, request: { groupId: '' } });
  });

  it('counts the room name in UTF-8 bytes (30 max): ten CJK characters fit, eleven do not', () => {
    expect(utf8Bytes('直播间')).toBe(9);
    expect(checkCreate({ groupId: '', name: '直'.repeat(10), notification: '' }).ok).toBe(true);
    expect(checkCreate({ groupId: '', name: '直'.repeat(11), notification: '' })).toEqual({ ok: false, errors: { name: 'nameTooLong' } });
    expect(checkCreate({ groupId: '', name: 'a'.repeat(31), notification: '' })).toEqual({ ok: false, errors: { name: 'nameTooLong' } });
  });

  it('reports each broken field', () => {
    expect(checkCreate({ groupId: 'é', name: '  ', notification: 'x'.repeat(301) })).toEqual({
      ok: false,
      errors: { groupId: 'groupId', name: 'nameRequired', notification: 'notification' },
    });
  });

  it('needs a printable group id to use an existing group', () => {
    expect(checkUse('  ')).toEqual({ ok: false, error: 'required' });
    expect(checkUse('room\u00e9')).toEqual({ ok: false, error: 'groupId' });
    expect(checkUse(' @TGS#aXYZ ')).toEqual({ ok: true, groupId: '@TGS#aXYZ' });
  });
});

describe('connection report', () => {
  it('counts ok, failed and skipped checks', () => {
    const report: ConnectionReport = {
      mode: 'tencent',
      at: 0,
      checks: [
        { id: 'settings', status: 'ok', detail: '' },
        { id: 'rest', status: 'fail', detail: 'ErrorCode 70001', errorCode: 70001 },
        { id: 'room', status: 'skip', detail: 'REST failed' },
        { id: 'pushUrl', status: 'ok', detail: '' },
      ],
    };
    expect(countChecks(report)).toEqual({ ok: 2, fail: 1, skip: 1 });
  });
});

describe('copying the push URL', () => {
  const SECRET = 'rtmp://push.example.com/live/s?txSecret=abc&txTime=65A0';

  it('is done when main wrote the clipboard itself (Electron)', async () => {
    const write = vi.fn(async () => undefined);
    expect(await copyPushPart('url', async () => ok({ copied: true }), write)).toEqual({ ok: true });
    expect(write).not.toHaveBeenCalled();
  });

  it('writes the returned text in web mode and never hands it back', async () => {
    const write = vi.fn(async (_text: string) => undefined);
    const call = vi.fn(async () => ok({ copied: false, text: SECRET }));
    const outcome = await copyPushPart('streamKey', call, write);
    expect(call).toHaveBeenCalledWith('streamKey');
    expect(write).toHaveBeenCalledWith(SECRET);
    expect(JSON.stringify(outcome)).not.toContain('txSecret');
  });

  it('tells a refused command from a refused clipboard', async () => {
    const write = vi.fn(async () => {
      throw new Error('Write permission denied.');
    });
    expect(await copyPushPart('url', async () => fail('SECRET_MISSING', 'Set the LVB push key first'), write)).toEqual({
      ok: false,
      reason: 'command',
      message: 'Set the LVB push key first',
    });
    expect(await copyPushPart('url', async () => ok({ copied: false, text: SECRET }), write)).toEqual({
      ok: false,
      reason: 'clipboard',
      message: 'Write permission denied.',
    });
    expect(await copyPushPart('url', async () => ok({ copied: false }), write)).toMatchObject({ ok: false, reason: 'command' });
  });
});

describe('isNoRoomYet', () => {
  const base = defaultSettings();
  const tencent = { ...base, mode: 'tencent' as const };
  it('is a Tencent profile refused for having no room yet', () => {
    expect(isNoRoomYet({ code: 'ROOM_NOT_READY' }, tencent)).toBe(true);
    expect(isNoRoomYet({ code: 'ROOM_NOT_READY' }, { ...tencent, room: { ...tencent.room, groupId: 'show-1' } })).toBe(false);
    expect(isNoRoomYet({ code: 'IM_REST_FAILED' }, tencent)).toBe(false);
    // Studio mode: an empty group id is the demo room, so ROOM_NOT_READY means the studio is not running.
    expect(isNoRoomYet({ code: 'ROOM_NOT_READY' }, base)).toBe(false);
    expect(isNoRoomYet({ code: 'ROOM_NOT_READY' }, undefined)).toBe(false);
  });
});
