// Test kit for the REST route tests: a harness per test (closed after it), the room every group test
// creates, and envelope checks.
import { expect } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { restEnvelopeSchema } from '../../shared/tencent/restSchemas';
import { startHarness, type Harness } from './harness.testkit';
import { type ManualTime } from './timers';

export const cleanups: (() => Promise<void> | void)[] = [];
/** Runs the registered cleanups, last first (after each test). */
export async function runCleanups(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c();
}

/** A harness on a temporary directory, both closed after the test. */
export async function harness(time?: ManualTime): Promise<Harness> {
  const tmp = tempDir();
  const h = await startHarness(tmp.dir, {}, time);
  cleanups.push(tmp.cleanup, () => h.close());
  return h;
}

export const G = 'group_open_http_svc';
export const ROOM = {
  Owner_Account: 'anchor_001',
  Type: 'AVChatRoom',
  GroupId: 'live_20240501_001',
  Name: 'Spring Sale Live',
  Introduction: 'intro',
  Notification: 'Welcome! Coupons at 8pm.',
  FaceUrl: 'https://cdn.example.com/cover.png',
  AppDefinedData: [
    { Key: 'room_status', Value: '0' },
    { Key: 'add_goods', Value: '[]' },
  ],
};

/** Imports the host account and creates ROOM over REST. */
export async function withRoom(h: Harness) {
  expect((await h.call('im_open_login_svc/account_import', { Identifier: 'anchor_001', Nick: 'Anchor' })).ErrorCode).toBe(0);
  const r = await h.call(`${G}/create_group`, ROOM);
  expect(r).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupId: ROOM.GroupId });
}

export const code = (r: Record<string, unknown>) => r.ErrorCode;

export function expectEnvelope(r: Record<string, unknown>, errorCode: number) {
  expect(restEnvelopeSchema.parse(r)).toMatchObject({ ActionStatus: errorCode === 0 ? 'OK' : 'FAIL', ErrorCode: errorCode });
}
