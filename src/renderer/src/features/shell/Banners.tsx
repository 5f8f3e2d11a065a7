// One-line notices under the header: connection lost, or the first state could not be loaded.
import { useTranslation } from 'react-i18next';

export function ReconnectingBanner() {
  const { t } = useTranslation();
  return (
    <div className="banner banner-warning" role="alert">
      {t('connection.reconnectingBanner')}
    </div>
  );
}

export function LoadErrorBanner({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-error" role="alert">
      {t('connection.loadFailed', { message })}
    </div>
  );
}
