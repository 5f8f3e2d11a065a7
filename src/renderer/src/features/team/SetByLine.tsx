// "Set by Ann (Assistant) at 20:01:05": who made the current product, status or announcement, from
// the one room state every console shares.
import { useTranslation } from 'react-i18next';
import type { Attributed } from '../../../../shared/teamContract';
import { clockTime } from '../room/useAdminAction';

export function SetByLine({ value }: { value: Attributed<unknown> | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!value?.by) return null;
  return (
    <p className="field-hint set-by" data-testid="set-by">
      {t('team.setBy', { name: value.by.name, role: t(`team.roles.${value.by.role}`), time: clockTime(value.at, i18n.language) })}
    </p>
  );
}
