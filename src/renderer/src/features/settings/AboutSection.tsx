// Version, transport and data folder, for support requests.
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';

export function AboutSection({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  return (
    <section className="form-section" aria-labelledby="settings-about-title">
      <h3 id="settings-about-title" className="section-title">
        {t('about.title')}
      </h3>
      <ul className="about-list">
        <li>{t('about.version', { version: info.version })}</li>
        <li>{t('about.transport', { transport: t(`about.transports.${info.transport}`) })}</li>
        <li>{t('about.dataDir', { path: info.dataDir })}</li>
      </ul>
    </section>
  );
}
