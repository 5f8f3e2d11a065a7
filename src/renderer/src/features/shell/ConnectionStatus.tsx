// The transport state as a coloured dot plus text; a polite live region, so a dropped
// connection is announced without stealing focus.
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../api';

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const label = t(`connection.${state}`);
  return (
    <div role="status" aria-label={label} className={`connection connection-${state}`} data-state={state}>
      <span className="connection-dot" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
