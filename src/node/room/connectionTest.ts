// "Test connection": runs each check in order and reports every outcome, so a user sees all that is
// wrong at once. A check that depends on a failed one is skipped and says which.
import { AppError } from '../../shared/errors';
import type { ConnectionCheck, ConnectionCheckId } from '../../shared/roomContract';

/** What a check returns: a detail line when it passed, or a reason to skip it. */
export type CheckOutcome = string | { skip: string };

export interface CheckStep {
  id: ConnectionCheckId;
  needs?: ConnectionCheckId[];
  run(): Promise<CheckOutcome>;
}

export async function runChecks(steps: CheckStep[]): Promise<ConnectionCheck[]> {
  const results: ConnectionCheck[] = [];
  const byId = new Map<ConnectionCheckId, ConnectionCheck>();
  for (const step of steps) {
    const blocker = step.needs?.map((n) => byId.get(n)).find((c) => c && c.status !== 'ok');
    let result: ConnectionCheck;
    if (blocker) {
      result = { id: step.id, status: 'skip', detail: `needs the ${blocker.id} check to pass first`, blockedBy: blocker.id };
    } else {
      try {
        const out = await step.run();
        result = typeof out === 'string' ? { id: step.id, status: 'ok', detail: out } : { id: step.id, status: 'skip', detail: out.skip };
      } catch (e) {
        result = { id: step.id, status: 'fail', detail: (e as Error).message || String(e) };
        const code = errorCodeOf(e);
        if (code !== undefined) result.errorCode = code;
      }
    }
    results.push(result);
    byId.set(step.id, result);
  }
  return results;
}

function errorCodeOf(e: unknown): number | undefined {
  if (!(e instanceof AppError)) return undefined;
  const d = e.details as { errorCode?: unknown } | undefined;
  return typeof d?.errorCode === 'number' ? d.errorCode : undefined;
}

/** Checks the shape of a signed LVB push URL (reference §5.1/§5.2) and that it is valid ≥ 24 h. */
export function checkSignedPushUrl(url: string, nowSeconds: number): string {
  const u = new URL(url);
  if (u.protocol !== 'rtmp:') throw new Error(`expected rtmp://, got ${u.protocol}//`);
  const parts = u.pathname.split('/').filter(Boolean);
  if (parts.length !== 2) throw new Error('expected rtmp://<domain>/<AppName>/<StreamName>');
  const txSecret = u.searchParams.get('txSecret') ?? '';
  const txTime = u.searchParams.get('txTime') ?? '';
  if (!/^[0-9a-f]{32}$/.test(txSecret)) throw new Error('txSecret is not a lowercase md5 hex');
  if (!/^[0-9A-F]{8}$/.test(txTime)) throw new Error('txTime is not 8 uppercase hex digits');
  const hours = (parseInt(txTime, 16) - nowSeconds) / 3600;
  if (hours < 23.9) throw new Error(`txTime is only ${hours.toFixed(1)} h ahead (use ≥ 24 h so reconnects work)`);
  return `rtmp://${u.host}/${parts[0]}/${parts[1]}, txTime ${txTime} (${Math.round(hours)} h)`;
}
