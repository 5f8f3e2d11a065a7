// The go-live checklist before ffmpeg starts (STYLE.md §3, Streamlabs' runCheck): validate the
// spec → sign the URL → probe ffmpeg, devices and the argument list; each step visible as it runs.
import { broadcastError, type BroadcastError } from '../../shared/domain/broadcast/errors';
import type { EncoderCaps } from '../../shared/domain/broadcast/encoders';
import { buildFfmpegArgs } from '../../shared/domain/broadcast/ffmpegArgs';
import type { Platform } from '../../shared/domain/broadcast/inputs';
import { broadcastSpecSchema, type BroadcastSpec, type BroadcastSpecInput } from '../../shared/domain/broadcast/spec';
import type { ChecklistStep, StepStatus } from '../../shared/domain/broadcast/stateMachine';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { checkDevices, resolveTargetUrl, type Checked } from './preflight';
import { defaultSessionName, RecordingParts } from './recording';

/** Everything a run needs, fixed for the whole session (the push URL is re-signed on reconnect). */
export interface Session {
  spec: BroadcastSpec;
  pushUrl: string | null;
  ffmpegPath: string;
  caps: EncoderCaps;
  parts: RecordingParts | null;
  previewPath: string | null;
  encoder: string;
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

/** The session, a failure (its step marked failed), or null when stopped meanwhile. */
export async function runChecklist(input: BroadcastSpecInput, d: ChecklistDeps): Promise<Checked<Session> | null> {
  const fail = (step: ChecklistStep, error: BroadcastError): Checked<Session> => {
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
  const pushKey = spec.target.kind === 'lvb' && !spec.target.key ? await d.resolvePushKey?.() : undefined;
  if (!d.still()) return null;
  const url = resolveTargetUrl(spec.target, d.crypto, d.clock.now(), pushKey);
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
  const dry = buildFfmpegArgs(spec, d.platform, caps.value, { pushUrl: url.value, recordPath: parts ? 'dry-run' : null, previewPath });
  if (!dry.ok) return fail('probe', dry.error);
  d.step('probe', 'ok');
  return { ok: true, value: { spec, pushUrl: url.value, ffmpegPath: caps.value.path, caps: caps.value, parts, previewPath, encoder: dry.value.encoder } };
}
