// Where the host pushes: the push URL, OBS server and stream key, all masked by main. The real
// values only travel to the clipboard (room:copyPushUrl): main writes it in Electron, the page in
// web mode — and are never rendered.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomUrls } from '../../../../shared/roomContract';
import { useStore } from '../../store/StoreContext';
import { BusyButton } from '../shell/BusyButton';
import { copyPushPart, writeClipboard, type PushPart } from './roomAdmin';
import type { Loaded } from './useRoomData';

type Copied = { ok: true; part: PushPart } | { ok: false; text: string } | null;

export function PushSection({ urls }: { urls: Loaded<RoomUrls> }) {
  const { t, i18n } = useTranslation();
  const { api } = useStore();
  const [busy, setBusy] = useState<PushPart | null>(null);
  const [copied, setCopied] = useState<Copied>(null);
  const push = urls.value?.push ?? null;
  // With no URLs at all (no room yet, studio not running) the section still says why.
  const problem = urls.value?.pushProblem ?? (push ? null : urls.reason);

  const copy = async (part: PushPart) => {
    if (busy) return;
    setBusy(part);
    setCopied(null);
    const outcome = await copyPushPart(part, (p) => api.call('room:copyPushUrl', { part: p }), writeClipboard);
    setBusy(null);
    if (outcome.ok) setCopied({ ok: true, part });
    else if (outcome.reason === 'clipboard') setCopied({ ok: false, text: t('roomAdmin.push.clipboardFailed', { message: outcome.message }) });
    else setCopied({ ok: false, text: t('roomAdmin.failed', { message: outcome.message }) });
  };

  const expires =
    push?.expiresAt != null
      ? t('roomAdmin.push.expires', {
          time: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(push.expiresAt * 1000),
        })
      : null;

  return (
    <section className="room-section" aria-labelledby="room-push-title">
      <h3 id="room-push-title" className="section-title">
        {t('roomAdmin.push.title')}
      </h3>
      {push && (
        <>
          <p className="field-hint">
            {t('roomAdmin.push.target')}: {t(`roomAdmin.push.targets.${push.target}`)}
          </p>
          <MaskedRow id="room-push-url" label={t('roomAdmin.push.url')} value={push.maskedUrl} />
          <MaskedRow id="room-push-server" label={t('roomAdmin.push.server')} value={push.obsServer} />
          <MaskedRow id="room-push-key" label={t('roomAdmin.push.streamKey')} value={push.maskedStreamKey} />
          {expires && <p className="field-hint">{expires}</p>}
        </>
      )}
      {problem && (
        <p id="room-push-problem" className="room-problem">
          {t('roomAdmin.push.problem', { problem })}
        </p>
      )}
      <div className="row-actions">
        <BusyButton busy={busy === 'url'} disabled={!push} aria-describedby={problem ? 'room-push-problem' : undefined} onClick={() => void copy('url')}>
          {t('roomAdmin.push.copyUrl')}
        </BusyButton>
        <BusyButton busy={busy === 'streamKey'} disabled={!push} aria-describedby={problem ? 'room-push-problem' : undefined} onClick={() => void copy('streamKey')}>
          {t('roomAdmin.push.copyKey')}
        </BusyButton>
      </div>
      <p role="status" aria-label={t('roomAdmin.push.copyResult')} className="ack ack-ok">
        {copied?.ok ? t(copied.part === 'url' ? 'roomAdmin.push.copiedUrl' : 'roomAdmin.push.copiedKey') : ''}
      </p>
      {copied && !copied.ok && (
        <p role="alert" className="text-error">
          {copied.text}
        </p>
      )}
    </section>
  );
}

function MaskedRow({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="url-row url-row-plain">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input mono" readOnly value={value} spellCheck={false} />
    </div>
  );
}
