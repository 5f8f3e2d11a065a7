// The write-only secrets: whether each is set (with its masked hint), and ways to replace or
// clear it. Values go straight to the store and are never read back.
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';
import { SECRET_NAMES, type SecretStatus } from '../../../../shared/secrets';
import { SecretRow } from './SecretRow';

export function SecretsSection({ secrets, info }: { secrets: SecretStatus[]; info: AppInfo | null }) {
  const { t } = useTranslation();
  return (
    <section className="form-section" aria-labelledby="settings-secrets-title">
      <h3 id="settings-secrets-title" className="section-title">
        {t('secrets.title')}
      </h3>
      <p className="section-hint">
        {t('secrets.hint')}
        {info && <> {t('secrets.protection', { how: info.secretProtection })}</>}
      </p>
      {SECRET_NAMES.map((name) => (
        <SecretRow
          key={name}
          name={name}
          status={secrets.find((s) => s.name === name) ?? { name, set: false, masked: '' }}
        />
      ))}
    </section>
  );
}
