// The host's choices before going live: source and layout, devices, quality, destination,
// recording and the room-status shortcuts. Every control is labelled (tests use names).
import type { CaptureDevice } from '../../../../shared/domain/broadcast/devices';
import { needsCamera, needsScreen, type DeviceProblem, type GoLiveForm } from './goLiveForm';
import type { GoLiveKey, GoLiveT } from './goLiveText';

const LAYOUTS = ['test', 'camera', 'screen', 'pip', 'side-by-side'] as const;
const PRESETS = ['720p30', '1080p30', 'portrait720'] as const;
const TARGETS = ['studio', 'lvb', 'savedServer', 'server'] as const;

interface Props {
  form: GoLiveForm;
  set(patch: Partial<GoLiveForm>): void;
  devices: CaptureDevice[];
  /** Cameras or screens the source needs that were not found or not chosen (deviceProblems). */
  problems: DeviceProblem[];
  tg: GoLiveT;
  studioAvailable: boolean;
  /** The RTMP server saved in Settings ('' when none), shown for the savedServer target. */
  savedServer: string;
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: Array<[string, string]>; onChange(v: string): void }) {
  return (
    <label className="golive-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="golive-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

function DeviceProblemLine({ text }: { text: string }) {
  return (
    <p className="golive-file text-error">
      {text}
    </p>
  );
}

export function GoLiveSetup({ form, set, devices, problems, tg, studioAvailable, savedServer }: Props) {
  const of = (kind: CaptureDevice['kind']): Array<[string, string]> => [
    ['', tg('none')],
    ...devices.filter((d) => d.kind === kind).map((d): [string, string] => [d.id, d.label]),
  ];
  return (
    <div className="golive-setup">
      <Select label={tg('source')} value={form.layout} options={LAYOUTS.map((l) => [l, tg(`layout_${l}` as GoLiveKey)])} onChange={(v) => set({ layout: v as GoLiveForm['layout'] })} />
      {needsCamera(form.layout) && <Select label={tg('camera')} value={form.camera} options={of('camera')} onChange={(v) => set({ camera: v })} />}
      {problems.filter((p) => p === 'noCamera' || p === 'chooseCamera').map((p) => <DeviceProblemLine key={p} text={tg(p)} />)}
      {needsScreen(form.layout) && <Select label={tg('screen')} value={form.screen} options={of('screen')} onChange={(v) => set({ screen: v })} />}
      {problems.filter((p) => p === 'noScreen' || p === 'chooseScreen').map((p) => <DeviceProblemLine key={p} text={tg(p)} />)}
      {form.layout !== 'test' && <Select label={tg('microphone')} value={form.mic} options={of('microphone')} onChange={(v) => set({ mic: v })} />}
      <Select label={tg('preset')} value={form.preset} options={PRESETS.map((p) => [p, tg(`preset_${p}` as GoLiveKey)])} onChange={(v) => set({ preset: v as GoLiveForm['preset'] })} />
      <Select
        label={tg('target')}
        value={form.target}
        options={TARGETS.filter((t) => t !== 'studio' || studioAvailable).map((t) => [t, tg(`target_${t}` as GoLiveKey)])}
        onChange={(v) => set({ target: v as GoLiveForm['target'] })}
      />
      {form.target === 'savedServer' && (
        <p className={savedServer ? 'golive-file' : 'golive-file text-error'}>{savedServer ? tg('savedServerAt', { server: savedServer }) : tg('savedServerMissing')}</p>
      )}
      {form.target === 'server' && (
        <>
          <p className="golive-file">{tg('serverHint')}</p>
          <label className="golive-field">
            <span>{tg('server')}</span>
            <input type="url" value={form.server} placeholder="rtmp://" onChange={(e) => set({ server: e.target.value })} />
          </label>
          <label className="golive-field">
            <span>{tg('streamKey')}</span>
            <input type="password" autoComplete="off" value={form.streamKey} onChange={(e) => set({ streamKey: e.target.value })} />
          </label>
        </>
      )}
      <Check label={tg('record')} checked={form.record} onChange={(v) => set({ record: v })} />
      <Check label={tg('noBFrames')} checked={form.noBFrames} onChange={(v) => set({ noBFrames: v })} />
      <Check label={tg('lowLatency')} checked={form.lowLatency} onChange={(v) => set({ lowLatency: v })} />
      <Check label={tg('setLive')} checked={form.setLive} onChange={(v) => set({ setLive: v })} />
      <Check label={tg('setEnded')} checked={form.setEnded} onChange={(v) => set({ setEnded: v })} />
    </div>
  );
}
