// The Go Live form as data and its conversion to the typed `broadcast:start` spec (main resolves
// and signs the target). Pure, so it is unit-tested without a DOM.
import type { GoLiveSpecInput, GoLiveTarget } from '../../../../shared/broadcastContract';
import type { CaptureDevice } from '../../../../shared/domain/broadcast/devices';
import type { Layout, PresetName } from '../../../../shared/domain/broadcast/spec';
import { assertNever } from '../../../../shared/errors';
import type { Mode, PushTarget } from '../../../../shared/settings';

/** 'savedServer': the plain RTMP server + stream key saved in Settings (resolved in main). */
export type TargetChoice = 'studio' | 'lvb' | 'savedServer' | 'server';

/** Rehearse on the studio in studio mode; in Tencent mode push where Settings says (LVB or the saved RTMP server). */
export const defaultTarget = (mode: Mode, lvbTarget: PushTarget = 'lvb'): TargetChoice =>
  mode === 'studio' ? 'studio' : lvbTarget === 'rtmp' ? 'savedServer' : 'lvb';

export interface GoLiveForm {
  layout: Layout;
  camera: string;
  screen: string;
  mic: string;
  preset: PresetName;
  target: TargetChoice;
  server: string;
  streamKey: string;
  record: boolean;
  noBFrames: boolean;
  lowLatency: boolean;
  setLive: boolean;
  setEnded: boolean;
}

export const defaultForm = (mode: Mode, lvbTarget: PushTarget = 'lvb'): GoLiveForm => ({
  layout: 'test',
  camera: '',
  screen: '',
  mic: '',
  preset: '720p30',
  target: defaultTarget(mode, lvbTarget),
  server: '',
  streamKey: '',
  record: true,
  noBFrames: false,
  lowLatency: false,
  setLive: true,
  setEnded: true,
});

export const needsCamera = (l: Layout): boolean => l === 'camera' || l === 'pip' || l === 'side-by-side';
export const needsScreen = (l: Layout): boolean => l === 'screen' || l === 'pip' || l === 'side-by-side';

/** A camera or screen the chosen source needs: none found on this machine, or none chosen yet. */
export type DeviceProblem = 'noCamera' | 'chooseCamera' | 'noScreen' | 'chooseScreen';

/**
 * What the form must say before Go Live about the capture devices the layout needs (empty: nothing).
 * `devices` is null until the first listing answers: nothing is known to be missing yet.
 */
export function deviceProblems(f: GoLiveForm, devices: readonly CaptureDevice[] | null): DeviceProblem[] {
  if (devices === null) return [];
  const problems: DeviceProblem[] = [];
  const check = (kind: 'camera' | 'screen', chosen: string, none: DeviceProblem, choose: DeviceProblem) => {
    if (!devices.some((d) => d.kind === kind)) problems.push(none);
    else if (!chosen) problems.push(choose);
  };
  if (needsCamera(f.layout)) check('camera', f.camera, 'noCamera', 'chooseCamera');
  if (needsScreen(f.layout)) check('screen', f.screen, 'noScreen', 'chooseScreen');
  return problems;
}

/** Studio, LVB and the saved server are named only: main fills them from settings and secrets. */
function targetOf(f: GoLiveForm): GoLiveTarget {
  switch (f.target) {
    case 'studio':
    case 'savedServer':
    case 'lvb':
      return { kind: f.target };
    case 'server':
      return { kind: 'server', server: f.server.trim(), key: f.streamKey.trim() };
    default:
      return assertNever(f.target);
  }
}

export function toSpec(f: GoLiveForm, now: Date): GoLiveSpecInput {
  const target = targetOf(f);
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return {
    layout: f.layout,
    ...(needsCamera(f.layout) && f.camera ? { camera: { id: f.camera } } : {}),
    ...(needsScreen(f.layout) && f.screen ? { screen: { id: f.screen } } : {}),
    audio: f.mic ? { mic: f.mic } : {},
    video: { preset: f.preset, noBFrames: f.noBFrames, lowLatency: f.lowLatency },
    target,
    ...(f.record ? { record: { name: `stageside-${stamp}` } } : {}),
  };
}

/** A failed Go Live / Stop step, remembered with the saved settings it was made with. */
export interface GoLiveError {
  message: string;
  settings: unknown;
}

/** The error to show: none once the settings have changed since (it was about the old ones). */
export const currentError = (e: GoLiveError | null, settings: unknown): string | null => (e !== null && e.settings === settings ? e.message : null);
