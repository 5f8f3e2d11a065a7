// The host's Go Live panel (Broadcast engine): sources, layout, preset, checklist, live stats,
// reconnect banner and Stop. Placeholder until the broadcast contract is wired.
import { useTranslation } from 'react-i18next';

export function GoLivePanel() {
  const { t } = useTranslation();
  return <p className="empty-state">{t('panels.goLive.empty')}</p>;
}
