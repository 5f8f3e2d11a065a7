// The host's Go Live panel (Broadcast engine): pick source/layout/quality/destination, go live
// through the checklist, watch live stats and reconnects, stop — and offer to set the room
// status on the way in and out. A failure stays shown until the settings change. Stopping asks
// first (the safe answer, "Keep streaming", has focus), and when the Go Live or Stop button goes
// away under the keyboard, focus moves to the state line, where a second Enter does nothing.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { streamNameForRoom } from '../../../../shared/domain/liveCommerce';
import { useAppSnapshot, useStore } from '../../store/StoreContext';
import { currentError, defaultForm, defaultTarget, deviceProblems, toSpec, type GoLiveError, type GoLiveForm } from './goLiveForm';
import { goLiveText } from './goLiveText';
import { GoLiveSetup } from './GoLiveSetup';
import { LiveStatus } from './LiveStatus';
import { Preview } from './Preview';
import { useStatusWriter } from '../roomStatus/statusWriter';
import { BusyButton } from '../shell/BusyButton';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { useBroadcast, useDevices } from './useBroadcast';
import { ShowReports, useShowReports } from '../shows/ShowReports';

const ACTIVE = new Set(['preparing', 'connecting', 'live', 'reconnecting', 'stopping']);

export function GoLivePanel() {
  const { t } = useTranslation();
  const tg = goLiveText(t);
  const { api } = useStore();
  const { settings, studio } = useAppSnapshot();
  const mode = settings?.settings.mode ?? 'studio';
  const lvbTarget = settings?.settings.lvb.target ?? 'lvb';
  const [form, setForm] = useState<GoLiveForm>(() => defaultForm(mode, lvbTarget));
  // Until the host picks a destination, follow the saved settings (they may load after the panel).
  const targetTouched = useRef(false);
  useEffect(() => {
    if (!targetTouched.current) setForm((f) => ({ ...f, target: defaultTarget(mode, lvbTarget) }));
  }, [mode, lvbTarget]);
  const [failure, setFailure] = useState<GoLiveError | null>(null);
  const saved = settings?.settings;
  const setError = (message: string | null) => setFailure(message === null ? null : { message, settings: saved });
  const error = currentError(failure, saved);
  const { snapshot, receivedAt } = useBroadcast();
  const { devices, refresh } = useDevices();
  // Through the Status panel's writer, so that panel shows the status Go Live set and says so.
  const status = useStatusWriter();
  const problems = deviceProblems(form, devices);
  const active = snapshot ? ACTIVE.has(snapshot.state.kind) : false;
  const [confirmStop, setConfirmStop] = useState(false);
  const stateLine = useRef<HTMLParagraphElement>(null);
  const actions = useRef<HTMLDivElement>(null);
  // The button that had focus is gone once `active` flips: focus would fall to <body>.
  const focusWasInActions = useRef(false);
  useEffect(() => {
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (focusWasInActions.current && lost) stateLine.current?.focus();
    focusWasInActions.current = false;
  }, [active]);
  const noteFocus = () => {
    focusWasInActions.current = actions.current?.contains(document.activeElement) ?? false;
  };
  const studioAvailable = mode === 'studio' && studio?.state === 'running' && Boolean(studio.info?.rtmpIngestUrl);
  const room = settings?.settings.room.groupId || studio?.info?.demoRoomId || 'demo';
  const previewUrl =
    studioAvailable && studio?.info?.playBaseUrl && snapshot?.state.kind === 'live' && snapshot.target?.includes(studio.info.rtmpIngestUrl ?? '\0')
      ? `${studio.info.playBaseUrl}/${streamNameForRoom(room)}.flv`
      : null;

  const goLive = async () => {
    noteFocus();
    // A camera or screen the source needs and does not have: said in the form, not by main's spec check.
    if (problems.length > 0) return setError(tg(problems[0]!));
    setError(null);
    const r = await api.call('broadcast:start', { spec: toSpec(form, new Date()) });
    if (!r.ok) return setError(r.error.message);
    if (form.setLive) {
      const s = await status.write('live', 'goLive');
      if (s && !s.ok) setError(s.error.message);
    }
  };
  const { stopPressed, ...reports } = useShowReports();
  const stop = async () => {
    stopPressed.current = true;
    setConfirmStop(false);
    await api.call('broadcast:stop', {});
    if (form.setEnded) {
      const s = await status.write('ended', 'goLive');
      if (s && !s.ok) setError(s.error.message);
    }
  };

  return (
    <div className="golive">
      {snapshot && <LiveStatus snapshot={snapshot} receivedAt={receivedAt} tg={tg} onRetry={() => void api.call('broadcast:retryNow', {})} stateRef={stateLine} />}
      {previewUrl && <Preview url={previewUrl} label={tg('preview')} />}
      {!active && (
        <GoLiveSetup
          form={form}
          set={(p) => {
            if (p.target) targetTouched.current = true;
            setForm((f) => ({ ...f, ...p }));
          }}
          devices={devices ?? []}
          problems={problems}
          tg={tg}
          studioAvailable={studioAvailable}
          savedServer={settings?.settings.lvb.rtmpServer ?? ''}
        />
      )}
      {error && (
        <p className="golive-error" role="alert">
          {error}
        </p>
      )}
      <div className="golive-actions" ref={actions}>
        {active ? (
          <BusyButton className="danger" busy={snapshot?.state.kind === 'stopping'} onClick={() => setConfirmStop(true)} aria-haspopup="dialog">
            {tg('stop')}
          </BusyButton>
        ) : (
          <>
            <button type="button" className="primary" onClick={() => void goLive()}>
              {tg('goLive')}
            </button>
            <button type="button" onClick={refresh}>
              {tg('refreshDevices')}
            </button>
          </>
        )}
      </div>
      {confirmStop && active && (
        <ConfirmDialog
          title={t('safety.stopTitle')}
          message={t('safety.stopMessage')}
          cancelLabel={t('safety.stopCancel')}
          confirmLabel={t('safety.stopConfirm')}
          onCancel={() => setConfirmStop(false)}
          onConfirm={() => void stop()}
          focusAfterConfirm={stateLine}
        />
      )}
      <ShowReports tg={tg} {...reports} />
    </div>
  );
}
