import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { ackKeyOf, type Operator } from '../../shared/teamContract';
import { tempDir } from '../../../test/support/tempDir';
import { silentLogger } from '../infra/logger';
import { Journal, toCsv } from './journal';

const ann: Operator = { id: 'a1', name: 'Ann', role: 'assistant' };
const host: Operator = { id: 'host', name: 'Host', role: 'host' };

describe('Journal', () => {
  let tmp: ReturnType<typeof tempDir>;
  let now: number;
  let show: string;
  const open = () => new Journal({ file: path.join(tmp.dir, 'journal.sqlite'), clock: { now: () => now }, log: silentLogger(), show: () => show });

  beforeEach(() => {
    tmp = tempDir();
    now = 1_000_000;
    show = 'live_1';
  });
  afterEach(() => tmp.cleanup());

  it('records, answers and acknowledges an action, and tells listeners each step', async () => {
    const j = open();
    expect(j.persisted).toBe(true);
    const seen: string[] = [];
    j.onEntry((e) => seen.push(`${e.id}:${e.outcome}:${e.ackAt ?? '-'}`));
    const value = await j.run({ operator: ann, kind: 'launch', request: { product: { id: 'A1' } }, ackKey: ackKeyOf.product('A1') }, async () => {
      now += 40;
      return { response: { ActionStatus: 'OK' } };
    }, (v) => v.response);
    expect(value).toEqual({ response: { ActionStatus: 'OK' } });
    now += 140;
    const acked = j.acknowledge(ackKeyOf.product('A1'), { reached: 3 });
    expect(acked).toMatchObject({ outcome: 'ok', answeredAt: 1_000_040, ackAt: 1_000_180, reached: 3, operatorName: 'Ann', role: 'assistant' });
    expect(seen).toEqual(['1:pending:-', '1:ok:-', '1:ok:1000180']);
    // Acknowledged once: the same key again finds nothing waiting.
    expect(j.acknowledge(ackKeyOf.product('A1'))).toBeUndefined();
    j.close();
  });

  it("keeps the reach the answer reports (the studio's StudioReached) unless the acknowledgement brings its own", async () => {
    const j = open();
    await j.run({ operator: ann, kind: 'announce', request: {}, ackKey: 'announcement:Hi' }, async () => ({ StudioReached: 41 }), (v) => v, (v) => v.StudioReached);
    expect(j.list()[0]).toMatchObject({ reached: 41, ackAt: null });
    expect(j.acknowledge('announcement:Hi')).toMatchObject({ reached: 41 });
    j.close();
  });

  it('journals a failure with its error and rethrows it unchanged', async () => {
    const j = open();
    const err = new AppError('IM_REST_FAILED', '10007 no permission', { errorCode: 10007 });
    await expect(j.run({ operator: ann, kind: 'status', request: { status: 'paused' }, ackKey: ackKeyOf.status('paused') }, () => Promise.reject(err))).rejects.toBe(err);
    const [e] = j.list();
    expect(e).toMatchObject({ outcome: 'failed', answer: { code: 'IM_REST_FAILED', message: '10007 no permission' } });
    // A failed action is never acknowledged, even if the same value shows up later.
    expect(j.acknowledge(ackKeyOf.status('paused'))).toBeUndefined();
    j.close();
  });

  it('acknowledges a tip that arrives before the REST answer, oldest waiting entry first', () => {
    const j = open();
    const a = j.record({ operator: ann, kind: 'launch', request: {}, ackKey: ackKeyOf.product('A1') });
    const b = j.record({ operator: host, kind: 'launch', request: {}, ackKey: ackKeyOf.product('A1') });
    expect(j.acknowledge(ackKeyOf.product('A1'))?.id).toBe(a.id);
    expect(j.acknowledge(ackKeyOf.product('A1'))?.id).toBe(b.id);
    j.close();
  });

  it('filters by operator and kind, keeps shows apart, and is all there after a restart', async () => {
    let j = open();
    await j.run({ operator: ann, kind: 'launch', request: { n: 1 }, ackKey: 'product:A1' }, async () => ({}));
    await j.run({ operator: host, kind: 'status', request: { n: 2 }, ackKey: 'status:live' }, async () => ({}));
    await j.run({ operator: ann, kind: 'announce', request: { n: 3 } }, async () => ({}));
    show = 'live_2';
    await j.run({ operator: ann, kind: 'launch', request: { n: 4 } }, async () => ({}));
    j.close();

    j = open();
    show = 'live_1';
    expect(j.list().map((e) => (e.request as { n: number }).n)).toEqual([1, 2, 3]);
    expect(j.list({ operatorId: 'a1' }).map((e) => e.kind)).toEqual(['launch', 'announce']);
    expect(j.list({ kind: 'status' }).map((e) => e.operatorName)).toEqual(['Host']);
    expect(j.list({ show: 'live_2' })).toHaveLength(1);
    // Still waiting for its tip after the restart.
    expect(j.acknowledge('status:live')?.kind).toBe('status');
    j.close();
  });

  it('exports a show as JSON and as CSV that spreadsheets cannot be tricked by', async () => {
    const j = open();
    await j.run({ operator: { id: 'a2', name: '=HYPERLINK("x")', role: 'moderator' }, kind: 'mute', request: { userId: 'u, "1"', minutes: 5 } }, async () => ({ ok: 1 }));
    const json = j.export('json');
    expect(json).toMatchObject({ filename: 'journal-live_1.json', mime: 'application/json' });
    expect(JSON.parse(json.text)).toMatchObject({ show: 'live_1', entries: [{ kind: 'mute', outcome: 'ok', answer: { ok: 1 } }] });
    const csv = j.export('csv');
    expect(csv.filename).toBe('journal-live_1.csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,show,time,operator,operatorId,role,kind,request,outcome,answer,answeredMs,deliveredMs,reached');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain('"{""userId"":""u, \\""1\\"""",""minutes"":5}"');
    expect(lines[1]).toMatch(/,mute,.*,ok,/);
    j.close();
  });

  it('writes an empty CSV with its header', () => {
    expect(toCsv([])).toBe('id,show,time,operator,operatorId,role,kind,request,outcome,answer,answeredMs,deliveredMs,reached\r\n');
  });
});
