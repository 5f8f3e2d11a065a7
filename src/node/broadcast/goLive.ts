// The go-live checklist before ffmpeg starts: validate the spec → sign the URL → probe ffmpeg,
// devices and the argument list; each step visible as it runs. Also builds each attempt's command.
import { broadcastError, type BroadcastError } from '../../shared/domain/broadcast/errors';
import type { EncoderCaps } from '../../shared/domain/broadcast/encoders';
import { buildFfmpegArgs, type BuiltCommand } from '../../shared/domain/broadcast/ffmpegArgs';
import type { Platform } from '../../shared/domain/broadcast/inputs';
import { broadcastSpecSchema, type BroadcastSpec, type BroadcastSpecInput } from '../../shared/domain/broadcast/spec';
import type { ChecklistStep, StepStatus } from '../../shared/domain/broadcast/stateMachine';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { signTarget } from './pushTargets';
import { checkDevices, type Checked } from './deviceCheck';
import { defaultSessionName, RecordingParts } from './recording';

/** Everything a run needs, fixed for the whole session (the push URL is re-signed on reconnect). */
export interface GoLivePlan {
  spec: BroadcastSpec;
  pushUrl: string | null;
  ffmpegPath: string;
  caps: EncoderCaps;
  parts: RecordingParts | null;
  previewPath: string | null;
  encoder: string;
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
  probe(): Promise<Checked<EncoderCaps & { path: string }>>;
  step(step: ChecklistStep, status: StepStatus): void;
  /** False once the host stopped meanwhile: the checklist then ends quietly. */
  still(): boolean;
}

/**
 * The ffmpeg command of one connect attempt, built once: the session's push URL and the next
 * recording part (each attempt writes its own).
 */
export function buildAttempt(s: Omit<GoLivePlan, 'encoder'>, platform: Platform): Checked<BuiltCommand> {
  const recordPath = s.parts?.next() ?? null;
  return buildFfmpegArgs(s.spec, platform, s.caps, { pushUrl: s.pushUrl, recordPath, previewPath: s.previewPath });
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
  const spec = parsed.data;
  d.step('validate', 'ok');

  d.step('sign', 'running');
  const url = await signTarget(spec.target, { crypto: d.crypto, clock: d.clock, ...(d.resolvePushKey ? { pushKey: d.resolvePushKey } : {}) });
  if (!d.still()) return null;
  if (!url.ok) return fail('sign', url.error);
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
  const base = { spec, pushUrl: url.value, ffmpegPath: caps.value.path, caps: caps.value, parts, previewPath };
  // The argument list is checked by building the first attempt's command, which then runs as is.
  const attempt = buildAttempt(base, d.platform);
  if (!attempt.ok) return fail('probe', attempt.error);
  d.step('probe', 'ok');
  return { ok: true, value: { session: { ...base, encoder: attempt.value.encoder }, attempt: attempt.value } };
}
