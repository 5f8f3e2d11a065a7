// Shown instead of the whole UI when web mode refuses the access token or the host revoked this
// console's invite: no settings, no data.
import { Trans, useTranslation } from 'react-i18next';

export function UnauthorizedScreen({ revoked = false }: { revoked?: boolean }) {
  const { t } = useTranslation();
  return (
    <main className="unauthorized">
      <div className="unauthorized-card" role="alert">
        <h1>{t(revoked ? 'connection.revokedTitle' : 'connection.unauthorizedTitle')}</h1>
        <p>{revoked ? t('connection.revokedBody') : <Trans i18nKey="connection.unauthorizedBody" components={{ cmd: <code /> }} />}</p>
      </div>
    </main>
  );
}
