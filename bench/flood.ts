// Bench part (c): offer more group messages than Tencent's 40/s per-group limit
// (https://cloud.tencent.com/document/product/269/3663) through REST, in mixed priorities, and
// count what one listening viewer actually receives.
import type { MsgPriority } from '../src/shared/tencent/msgBody';
import type { StudioInfo } from '../src/studio/studio';
import { uniqueRandom, type RestCall } from './rest';
import { TimProbes } from './timProbes';

export const PRIORITIES: readonly MsgPriority[] = ['High', 'Normal', 'Low', 'Lowest'];

/**
 * 10 % High, 30 % each Normal/Low/Lowest: High alone (20/s at 200/s) fits under the limit, so
 * the run shows it surviving intact while the lower priorities share what is left.
 */
export const FLOOD_PATTERN: readonly MsgPriority[] = ['High', 'Normal', 'Low', 'Lowest', 'Normal', 'Low', 'Lowest', 'Normal', 'Low', 'Lowest'];

type PerPriority = Record<MsgPriority, number>;
const zero = (): PerPriority => ({ High: 0, Normal: 0, Low: 0, Lowest: 0 });

export interface FloodResult {
  group: string;
  ratePerSec: number;
  seconds: number;
  /** How long offering actually took (the pacing loop's own accuracy). */
  offeredOverMs: number;
  offered: PerPriority;
  accepted: PerPriority;
  /** REST refusals (e.g. 60007 when the 200/s per-API window is exceeded) by code. */
  refused: Record<string, number>;
  delivered: PerPriority;
  /** Deliveries per second since the first offer, per priority. */
  perSecond: PerPriority[];
  /** REST-accepted offers per second (by when they were offered), per priority. */
  acceptedPerSecond: PerPriority[];
  restLatencyMs: number[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function flood(info: StudioInfo, rest: RestCall, runId: string, ratePerSec: number, seconds: number): Promise<FloodResult> {
  const group = `bench_flood_${runId}`;
  const created = await rest('group_open_http_svc/create_group', {
    Type: 'AVChatRoom',
    GroupId: group,
    Name: 'bench flood',
    Owner_Account: info.adminIdentifier,
  });
  if (created.ErrorCode !== 0) throw new Error(`create_group ${group}: ${created.ErrorCode} ${created.ErrorInfo}`);

  const watch = new TimProbes(info);
  const delivered = zero();
  const perSecond: PerPriority[] = [];
  let t0 = 0;
  const prefix = `flood ${runId} `;
  watch.onMessage = (_probe, m, at) => {
    const text = (m.payload as { text?: string }).text;
    if (!text?.startsWith(prefix)) return;
    delivered[m.priority]++;
    const s = Math.floor((at - t0) / 1000);
    while (perSecond.length <= s) perSecond.push(zero());
    (perSecond[s] as PerPriority)[m.priority]++;
  };
  await watch.connect(group, [`bench_flood_watch_${runId}`.slice(0, 32)]);

  const offered = zero();
  const accepted = zero();
  const refused: Record<string, number> = {};
  const restLatencyMs: number[] = [];
  const acceptedPerSecond: PerPriority[] = [];
  const total = Math.round(ratePerSec * seconds);
  const inflight: Promise<void>[] = [];
  const offer = async (i: number): Promise<void> => {
    const priority = FLOOD_PATTERN[i % FLOOD_PATTERN.length] as MsgPriority;
    offered[priority]++;
    const started = performance.now();
    try {
      const r = await rest('group_open_http_svc/send_group_msg', {
        GroupId: group,
        Random: uniqueRandom(),
        MsgPriority: priority,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `${prefix}${priority} ${i}` } }],
      });
      restLatencyMs.push(performance.now() - started);
      if (r.ErrorCode === 0) {
        accepted[priority]++;
        const sec = Math.floor((started - t0) / 1000);
        while (acceptedPerSecond.length <= sec) acceptedPerSecond.push(zero());
        (acceptedPerSecond[sec] as PerPriority)[priority]++;
      }
      else refused[String(r.ErrorCode)] = (refused[String(r.ErrorCode)] ?? 0) + 1;
    } catch (e) {
      const key = e instanceof Error ? e.name : 'error';
      refused[key] = (refused[key] ?? 0) + 1;
    }
  };

  t0 = performance.now();
  let sent = 0;
  while (sent < total) {
    // Paced on the clock, not on timer ticks, so a late tick catches up instead of drifting.
    const due = Math.min(total, Math.floor(((performance.now() - t0) * ratePerSec) / 1000) + 1);
    while (sent < due) inflight.push(offer(sent++));
    await sleep(2);
  }
  const offeredOverMs = performance.now() - t0;
  await Promise.all(inflight);
  // The limiter holds an over-limit message for at most 1 s before dropping it.
  await sleep(1500);
  await watch.close();
  await rest('group_open_http_svc/destroy_group', { GroupId: group });
  return { group, ratePerSec, seconds, offeredOverMs, offered, accepted, refused, delivered, perSecond, acceptedPerSecond, restLatencyMs };
}
