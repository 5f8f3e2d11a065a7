// The go-live checklist before ffmpeg starts: validate the spec → sign the URL → probe ffmpeg,
// devices and the argument list; each step visible as it runs. Also builds each attempt's command.
import { broadcastError, type BroadcastError } from '../../shared/domain/broadcast/errors';
import type { EncoderCaps } from '../../shared/domain/broadcast/encoders';
import { buildFfmpegArgs, type BuiltCommand } from '../../shared/domain/broadcast/ffmpegArgs';
import type { Platform } from '../../shared/domain/broadcast/inputs';
import { broadcastSpecSchema, type BroadcastSpec, type BroadcastSpecInput, type BroadcastTarget } from '../../shared/domain/broadcast/spec';
import type { ChecklistStep, StepStatus } from '../../shared/domain/broadcast/stateMachine';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { signTarget, type SignDeps, type TargetSource } from './pushTargets';
import { checkDevices, type Checked } from './deviceCheck';
import { defaultSessionName, RecordingParts } from './recording';

/**
 * Everything a run needs, fixed for the whole session but the target and its push URL, which are
 * asked for again and signed afresh for every connect attempt (attemptTarget).
 */
export interface GoLivePlan {
  spec: BroadcastSpec;
  pushUrl: string | null;
  ffmpegPath: string;
  caps: EncoderCaps;
  parts: RecordingParts | null;
  previewPath: string | null;
  encoder: string;
  /** The push goes through the stream-clock pass-through (clockedPush.ts). */
  streamClock: boolean;
}

/** A session ready to connect, with the ffmpeg command of its first attempt. */
export interface Prepared {
  session: GoLivePlan;
  attempt: BuiltCommand;
}

export interface ChecklistDeps {
  clock: Clock;
  crypto: CryptoPort;
  platform: Platform;
  recordingsDir: string;
  previewDir?: string;
  resolvePushKey?: () => Promise<string | undefined>;
  /** Where the attempt pushes, asked of main (default: the spec's own target). */
  source?: TargetSource;
  probe(): Promise<Checked<EncoderCaps & { path: string }>>;
  step(step: ChecklistStep, status: StepStatus): void;
  /** False once the host stopped meanwhile: the checklist then ends quietly. */
  still(): boolean;
  /** Push through the stream-clock pass-through (default on). */
  streamClock?: boolean;
}

/**
 * Where a connect attempt pushes: its target (asked of `source` now, when there is one: a restarted
 * studio's address, a changed setting) and the URL ffmpeg pushes to, signed now.
 */
export async function attemptTarget(spec: BroadcastSpec, d: SignDeps & { source?: TargetSource }): Promise<Checked<{ target: BroadcastTarget; pushUrl: string | null }>> {
  const target = d.source ? await d.source() : { ok: true as const, value: spec.target };
  if (!target.ok) return target;
  const url = await signTarget(target.value, d);
  return url.ok ? { ok: true, value: { target: target.value, pushUrl: url.value } } : url;
}

/**
 * The ffmpeg command of one connect attempt, built once: the session's push URL and the next
 * recording part (each attempt writes its own).
 */
export function buildAttempt(s: Omit<GoLivePlan, 'encoder'>, platform: Platform): Checked<BuiltCommand> {
  const recordPath = s.parts?.next() ?? null;
  return buildFfmpegArgs(s.spec, platform, s.caps, { pushUrl: s.pushUrl, recordPath, previewPath: s.previewPath, clockPipe: s.streamClock });
}

/** The prepared session, a failure (its step marked failed), or null when stopped meanwhile. */
export async function runChecklist(input: BroadcastSpecInput, d: ChecklistDeps): Promise<Checked<Prepared> | null> {
  const fail = (step: ChecklistStep, error: BroadcastError): Checked<Prepared> => {
    d.step(step, 'failed');
    return { ok: false, error };
  };

  d.step('validate', 'running');
  const parsed = broadcastSpecSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`).join('; ');
    return fail('validate', broadcastError('BAD_SPEC', detail));
  }
  if (parsed.data.extraTargets.length > 0 && d.streamClock === false) {
    return fail('validate', broadcastError('BAD_SPEC', 'more than one destination needs the stream-clock push (one encode feeds every pusher)'));
  }
  d.step('validate', 'ok');

  d.step('sign', 'running');
  const now = await attemptTarget(parsed.data, {
    crypto: d.crypto,
    clock: d.clock,
    ...(d.resolvePushKey ? { pushKey: d.resolvePushKey } : {}),
    ...(d.source ? { source: d.source } : {}),
  });
  if (!d.still()) return null;
  if (!now.ok) return fail('sign', now.error);
  const spec: BroadcastSpec = { ...parsed.data, target: now.value.target };
  d.step('sign', 'ok');

  d.step('probe', 'running');
  const caps = await d.probe();
  if (!d.still()) return null;
  if (!caps.ok) return fail('probe', caps.error);
  const deviceError = checkDevices(spec, d.platform);
  if (deviceError) return fail('probe', deviceError);
  const name = spec.record?.name ?? defaultSessionName(d.clock.now());
  const parts = spec.record ? new RecordingParts(d.recordingsDir, name, spec.record.container) : null;
  const previewPath = spec.preview ? `${d.previewDir ?? d.recordingsDir}/${name}.preview.jpg` : null;
  const base = { spec, pushUrl: now.value.pushUrl, ffmpegPath: caps.value.path, caps: caps.value, parts, previewPath, streamClock: d.streamClock ?? true };
  // The argument list is checked by building the first attempt's command, which then runs as is.
  const attempt = buildAttempt(base, d.platform);
  if (!attempt.ok) return fail('probe', attempt.error);
  d.step('probe', 'ok');
  return { ok: true, value: { session: { ...base, encoder: attempt.value.encoder }, attempt: attempt.value } };
}
