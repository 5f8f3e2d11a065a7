// Shown instead of the whole UI when web mode refuses the access token: no settings, no data.
import { Trans, useTranslation } from 'react-i18next';

export function UnauthorizedScreen() {
  const { t } = useTranslation();
  return (
    <main className="unauthorized">
      <div className="unauthorized-card" role="alert">
        <h1>{t('connection.unauthorizedTitle')}</h1>
        <p>
          <Trans i18nKey="connection.unauthorizedBody" components={{ cmd: <code /> }} />
        </p>
      </div>
    </main>
  );
}
