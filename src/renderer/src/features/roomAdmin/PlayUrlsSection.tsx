// Where viewers watch: the FLV, HLS and WebRTC play URLs (signed with the play key when one is set)
// with Copy buttons, and the studio's viewer page in studio mode.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomUrls } from '../../../../shared/roomContract';
import { writeClipboard } from './roomAdmin';
import type { Loaded } from './useRoomData';

const PLAY_KINDS = ['flv', 'hls', 'webrtc'] as const;
type PlayKind = (typeof PLAY_KINDS)[number];

export function PlayUrlsSection({ urls, onRefresh }: { urls: Loaded<RoomUrls>; onRefresh: () => void }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState<{ ok: boolean; text: string } | null>(null);
  const play = urls.value?.play ?? null;
  const problem = urls.value?.playProblem ?? null;
  const viewerPage = urls.value?.viewerPage ?? null;
  const time = (unixSeconds: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(unixSeconds * 1000);

  const copy = async (kind: PlayKind, url: string) => {
    const name = t(`roomAdmin.urls.${kind}`);
    try {
      await writeClipboard(url);
      setCopied({ ok: true, text: t('roomAdmin.urls.copied', { name }) });
    } catch (e) {
      setCopied({ ok: false, text: t('roomAdmin.push.clipboardFailed', { message: e instanceof Error ? e.message : String(e) }) });
    }
  };

  return (
    <section className="room-section" aria-labelledby="room-play-title" aria-busy={urls.busy}>
      <div className="section-head">
        <h3 id="room-play-title" className="section-title">
          {t('roomAdmin.urls.title')}
        </h3>
        <button type="button" className="button button-quiet" aria-label={t('roomAdmin.urls.refresh')} onClick={onRefresh}>
          {t('roomAdmin.refresh')}
        </button>
      </div>
      {play && (
        <>
          {PLAY_KINDS.map((kind) => (
            <UrlRow key={kind} kind={kind} url={play[kind]} onCopy={(url) => void copy(kind, url)} />
          ))}
          <p className="field-hint">
            {play.signed
              ? play.expiresAt === null
                ? t('roomAdmin.urls.signedNoExpiry')
                : t('roomAdmin.urls.signed', { time: time(play.expiresAt) })
              : t(urls.value?.mode === 'studio' ? 'roomAdmin.urls.unsignedStudio' : 'roomAdmin.urls.unsigned')}
          </p>
        </>
      )}
      {problem && <p className="room-problem">{t('roomAdmin.urls.problem', { problem })}</p>}
      {viewerPage && (
        <p>
          <a className="button link-button" href={viewerPage} target="_blank" rel="noopener noreferrer">
            {t('roomAdmin.urls.viewerPage')}
          </a>
        </p>
      )}
      <p role="status" aria-label={t('roomAdmin.urls.copyResult')} className={`ack ${copied && !copied.ok ? 'text-error' : 'ack-ok'}`}>
        {copied?.text ?? ''}
      </p>
      {urls.error && (
        <p role="alert" className="text-error">
          {urls.error}
        </p>
      )}
    </section>
  );
}

function UrlRow({ kind, url, onCopy }: { kind: PlayKind; url: string | null; onCopy: (url: string) => void }) {
  const { t } = useTranslation();
  const id = `room-play-${kind}`;
  const name = t(`roomAdmin.urls.${kind}`);
  return (
    <div className="url-row">
      <label htmlFor={id}>{name}</label>
      <input id={id} className="input mono" readOnly value={url ?? ''} placeholder={t('roomAdmin.urls.none')} spellCheck={false} />
      <button type="button" className="button" disabled={!url} aria-label={t('roomAdmin.urls.copyLabel', { name })} onClick={() => url && onCopy(url)}>
        {t('roomAdmin.urls.copy')}
      </button>
    </div>
  );
}
