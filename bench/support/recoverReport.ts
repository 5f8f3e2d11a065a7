// Report printing for bench:recover: one row per fault kind and side, each fault's figures, the
// failures with their reasons, and a verdict line per target.
import { percentile, row } from '../stats';

export type FaultKind = 'ffmpeg' | 'ingest' | 'studio';
export type SideName = 'Stageside' | 'baseline';

export const FAULTS: readonly { kind: FaultKind; label: string; how: string }[] = [
  { kind: 'ffmpeg', label: '(a) ffmpeg killed', how: 'SIGKILL to the pushing ffmpeg (Stageside: the PID in the data folder\'s stageside.lock; baseline: the bare one)' },
  { kind: 'ingest', label: '(b) ingest killed', how: 'SIGKILL to the studio\'s ingest child (the studio\'s descendant running ingestChild); both sides push to it' },
  { kind: 'studio', label: '(c) studio restarted', how: 'the console\'s "Restart studio" (studio:restart through the dispatcher); both sides push to it' },
];

/** Targets (issue #14 item 7): every fault recovered; viewer playing again ≤ 3 s after the push is live again. */
export const TARGET_GAP_MS = 3000;

export interface Outcome {
  /** Fault → pushing again (ms), undefined when it did not within the timeout. */
  pushMs?: number;
  /** Fault → the page's video advancing again (ms), undefined when it did not within the timeout. */
  viewerMs?: number;
}

export const sec = (ms: number | undefined): string => (ms === undefined || !Number.isFinite(ms) ? '—' : (ms / 1000).toFixed(2));
const p50 = (xs: number[]): number => percentile([...xs].sort((a, b) => a - b), 50);
const max = (xs: number[]): number => (xs.length ? Math.max(...xs) : NaN);
const defined = (xs: (number | undefined)[]): number[] => xs.filter((x): x is number => x !== undefined);
const gaps = (os: Outcome[]): number[] => os.filter((o) => o.pushMs !== undefined && o.viewerMs !== undefined).map((o) => (o.viewerMs as number) - (o.pushMs as number));
export const recovered = (o: Outcome): boolean => o.pushMs !== undefined && o.viewerMs !== undefined;

const W = [-22, -10, 3, 6, 7, 7, 7, 7, 7, 7, 7, 9];

/** The table: one row per fault kind and side. */
export function printTable(results: Map<string, Outcome[]>, timeoutS: number): void {
  console.log(row(['fault', 'side', 'n', 'push', 'p50 s', 'max s', 'viewer', 'p50 s', 'max s', 'gap p50', 'gap max', 'failures'], W));
  for (const f of FAULTS) {
    for (const side of ['Stageside', 'baseline'] as SideName[]) {
      const os = results.get(`${f.kind}/${side}`) ?? [];
      const push = defined(os.map((o) => o.pushMs));
      const viewer = defined(os.map((o) => o.viewerMs));
      const g = gaps(os);
      console.log(
        row(
          [f.label, side, os.length, `${push.length}/${os.length}`, sec(p50(push)), sec(max(push)), `${viewer.length}/${os.length}`, sec(p50(viewer)),
            sec(max(viewer)), sec(p50(g)), sec(max(g)), os.filter((o) => !recovered(o)).length],
          W,
        ),
      );
    }
  }
  console.log('  push: fault → pushing again (Stageside: the broadcast state left `live` and is `live` again; baseline: an ffmpeg');
  console.log('  started after the fault shows frames on -progress) and the studio\'s /healthz lists the stream on air; viewer: fault →');
  console.log('  the page\'s own video.currentTime advancing again (0.5 s of media past what the player held at the fault, still moving);');
  console.log(`  gap = viewer − push per fault where both came back; a failure = push or viewer not back within ${timeoutS} s. Sampled every 100 ms.`);
}

/** Each fault's figures, push/viewer in seconds, in the order they ran. */
export function printPerFault(results: Map<string, Outcome[]>): void {
  for (const f of FAULTS) {
    for (const side of ['Stageside', 'baseline'] as SideName[]) {
      const os = results.get(`${f.kind}/${side}`) ?? [];
      console.log(`  ${f.label} ${side} push/viewer s: ${os.map((o) => `${sec(o.pushMs)}/${sec(o.viewerMs)}`).join(' ')}`);
    }
  }
}

/** A verdict per target and fault kind, for Stageside; the baseline's recoveries beside them for comparison. */
export function printVerdicts(results: Map<string, Outcome[]>): void {
  const mark = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  for (const f of FAULTS) {
    const os = results.get(`${f.kind}/Stageside`) ?? [];
    const ok = os.filter(recovered).length;
    console.log(`verdict   ${f.label}: Stageside recovered ${ok}/${os.length} (push and viewer) vs target ${os.length}/${os.length} — ${mark(os.length > 0 && ok === os.length)}`);
    const g = gaps(os);
    console.log(
      `verdict   ${f.label}: viewer playing again after the push is live again, max ${sec(max(g))} s (p50 ${sec(p50(g))}) over ${g.length} vs target ≤ ${TARGET_GAP_MS / 1000} s — ` +
        `${mark(g.length > 0 && max(g) <= TARGET_GAP_MS && g.length === os.length)}`,
    );
  }
  for (const f of FAULTS) {
    const os = results.get(`${f.kind}/baseline`) ?? [];
    console.log(
      `baseline  ${f.label}: push back ${defined(os.map((o) => o.pushMs)).length}/${os.length}, viewer back ${defined(os.map((o) => o.viewerMs)).length}/${os.length} ` +
        '(bare ffmpeg + plain player, for comparison; no target)',
    );
  }
}
