// After a show: the report main wrote when the broadcast stopped ("Show report ready", opened at
// once for the window that pressed Stop), and the list of past shows. Reports are asked for by id
// only: Electron opens the file in the OS browser; web mode opens the address main answers (the
// web server serves it to this session only). A blocked pop-up leaves the Open button to click.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShowSummary } from '../../../../shared/domain/show/showData';
import { useStore } from '../../store/StoreContext';
import type { GoLiveT } from '../golive/goLiveText';

/** `stopPressed` is set by this window's Stop: the next report written is opened at once. */
export function useShowReports() {
  const { api } = useStore();
  const stopPressed = useRef(false);
  const [latest, setLatest] = useState<ShowSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async (id: string): Promise<void> => {
    const r = await api.call('show:open', { id });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    if (r.value.url) window.open(r.value.url, '_blank', 'noopener,noreferrer');
  };
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(
    () =>
      api.on('show:written', (s) => {
        setLatest(s);
        if (!stopPressed.current) return;
        stopPressed.current = false;
        void openRef.current(s.id);
      }),
    [api],
  );
  return { latest, error, open, stopPressed };
}

export function ShowReports({ tg, latest, error, open }: { tg: GoLiveT } & Omit<ReturnType<typeof useShowReports>, 'stopPressed'>) {
  const { api } = useStore();
  const { i18n } = useTranslation();
  const [shows, setShows] = useState<ShowSummary[] | null>(null);
  const [expanded, setExpanded] = useState(false);
  const when = (ms: number): string => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  const minutes = (s: ShowSummary): number => Math.max(0, Math.round((s.endedAt - s.startedAt) / 60_000));
  useEffect(() => {
    if (!expanded) return;
    void api.call('show:list', {}).then((r) => setShows(r.ok ? r.value : []));
  }, [api, expanded, latest]);

  return (
    <section className="show-reports" aria-label={tg('shows_region')}>
      {latest && (
        <p className="show-ready" role="status">
          {tg('shows_ready', { when: when(latest.startedAt) })}{' '}
          <button type="button" onClick={() => void open(latest.id)}>
            {tg('shows_openLatest')}
          </button>
        </p>
      )}
      {error && (
        <p className="golive-error" role="alert">
          {error}
        </p>
      )}
      <details onToggle={(e) => setExpanded((e.target as HTMLDetailsElement).open)}>
        <summary>{tg('shows_past')}</summary>
        {shows === null ? null : shows.length === 0 ? (
          <p>{tg('shows_none')}</p>
        ) : (
          <ul className="show-list" aria-label={tg('shows_past')}>
            {shows.map((s) => (
              <li key={s.id}>
                <span>
                  {tg('shows_line', { when: when(s.startedAt), minutes: minutes(s), launches: s.launches, events: s.events })}
                  {s.outcome === 'failed' ? ` · ${tg('shows_failed')}` : ''}
                </span>{' '}
                <button type="button" aria-label={tg('shows_openNamed', { when: when(s.startedAt), id: s.id })} onClick={() => void open(s.id)}>
                  {tg('shows_open')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
