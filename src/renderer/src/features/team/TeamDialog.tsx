// The host's Team dialog: invite an operator (name, role, validity → a signed link shown once),
// the invites with their accounts and state, the consoles connected (who, from where, since when),
// and Revoke, which disconnects that operator's consoles at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InviteSummary } from '../../../../shared/teamContract';
import { useErrorText, clockTime } from '../room/useAdminAction';
import { ModalFrame } from '../shell/ModalFrame';
import { useStore } from '../../store/StoreContext';
import { useTeam } from './TeamContext';

export function TeamDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useStore();
  const { overview } = useTeam();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'assistant' | 'moderator'>('assistant');
  const [hours, setHours] = useState(12);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [issued, setIssued] = useState<{ name: string; link: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const time = (ms: number) => clockTime(ms, i18n.language);

  const invite = async (): Promise<void> => {
    setBusy(true);
    setCopied(false);
    const r = await api.call('team:invite', { name: name.trim(), role, validHours: hours });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    setError('');
    setIssued({ name: r.value.invite.name, link: new URL(r.value.link, window.location.href).toString() });
    setName('');
  };
  const revoke = async (i: InviteSummary): Promise<void> => {
    const r = await api.call('team:revoke', { id: i.id });
    setError(r.ok ? '' : errorText(r.error));
  };
  const stateOf = (i: InviteSummary): string =>
    i.revokedAt !== null ? t('team.dialog.revoked') : i.expiresAt <= Date.now() ? t('team.dialog.expired') : t('team.dialog.validUntil', { time: new Date(i.expiresAt).toLocaleString(i18n.language) });

  return (
    <ModalFrame titleId="team-title" title={t('team.dialog.title')} closeLabel={t('team.dialog.close')} onClose={onClose} initialFocus="#team-invite-name">
      <section aria-labelledby="team-invite-heading">
        <h3 id="team-invite-heading">{t('team.dialog.inviteHeading')}</h3>
        <form
          className="team-invite"
          onSubmit={(e) => {
            e.preventDefault();
            void invite();
          }}
        >
          <label>
            {t('team.dialog.name')}
            <input id="team-invite-name" className="input" value={name} maxLength={24} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t('team.dialog.role')}
            <select className="input" value={role} onChange={(e) => setRole(e.target.value as 'assistant' | 'moderator')}>
              <option value="assistant">{t('team.roles.assistant')}</option>
              <option value="moderator">{t('team.roles.moderator')}</option>
            </select>
          </label>
          <label>
            {t('team.dialog.validHours')}
            <input className="input" type="number" min={1} max={336} value={hours} onChange={(e) => setHours(Math.max(1, Math.min(336, Number(e.target.value) || 1)))} />
          </label>
          <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>
            {t('team.dialog.create')}
          </button>
        </form>
        {issued && (
          <div className="team-link">
            <p id="team-link-text">{t('team.dialog.link', { name: issued.name })}</p>
            <input className="input" readOnly value={issued.link} aria-label={t('team.dialog.linkLabel', { name: issued.name })} onFocus={(e) => e.target.select()} />
            <button
              type="button"
              className="button"
              onClick={() => void navigator.clipboard?.writeText(issued.link).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? t('team.dialog.copied') : t('team.dialog.copy')}
            </button>
          </div>
        )}
        {error && (
          <p role="alert" className="text-error">
            {error}
          </p>
        )}
      </section>
      <section aria-labelledby="team-consoles-heading">
        <h3 id="team-consoles-heading">{t('team.dialog.consoles')}</h3>
        {overview && overview.connections.length > 0 ? (
          <ul className="team-consoles">
            {overview.connections.map((c) => (
              <li key={c.connectionId}>{t('team.dialog.connection', { name: c.name, role: t(`team.roles.${c.role}`), from: c.from || '—', time: time(c.since) })}</li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">{t('team.dialog.noConsoles')}</p>
        )}
      </section>
      <section aria-labelledby="team-invites-heading">
        <h3 id="team-invites-heading">{t('team.dialog.invites')}</h3>
        {overview && overview.invites.length > 0 ? (
          <ul className="team-invites">
            {overview.invites.map((i) => (
              <li key={i.id}>
                <span>
                  {i.name} · {t(`team.roles.${i.role}`)} · {t('team.dialog.account', { userId: i.userId })} · {stateOf(i)}
                </span>
                {i.revokedAt === null && (
                  <button type="button" className="button" onClick={() => void revoke(i)}>
                    {t('team.dialog.revoke', { name: i.name })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">{t('team.dialog.noInvites')}</p>
        )}
      </section>
    </ModalFrame>
  );
}
