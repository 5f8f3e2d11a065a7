// The callbacks service's protection and refusals at the top of the Moderation dialog: a service
// running without a callback token is a warning; callbacks refused for a wrong token, SdkAppid or a
// stale RequestTime are counted with the last reason, so a misconfiguration or a forgery attempt
// is seen by the operator, not only in a log.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbacksHealth } from '../../../../shared/moderationContract';
import { useStore } from '../../store/StoreContext';
import { clockTime } from '../room/useAdminAction';

const REFRESH_MS = 5_000;

export function CallbacksHealthLine() {
  const { api } = useStore();
  const [health, setHealth] = useState<CallbacksHealth | null>(null);
  const load = useCallback(async () => {
    const r = await api.call('moderation:health', {});
    setHealth(r.ok ? r.value : null);
  }, [api]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  return health ? <CallbacksHealthView health={health} /> : null;
}

/** What the line says for a health report (pure: rendered statically in tests). */
export function CallbacksHealthView({ health }: { health: CallbacksHealth }) {
  const { t, i18n } = useTranslation();
  const { byKind, total, last } = health.refused;
  return (
    <div className="callbacks-health">
      {health.insecure && (
        <p role="alert" className="warning">
          {t('moderation.health.insecure')}
        </p>
      )}
      <p role="status">
        {total === 0
          ? t('moderation.health.noRefusals', { count: health.requests })
          : t('moderation.health.refused', {
              count: total,
              sign: byKind.signMismatch + byKind.signMissing,
              stale: byKind.requestTimeStale,
              sdkAppId: byKind.sdkAppId,
              body: byKind.body,
            })}
        {last && ` ${t('moderation.health.last', { time: clockTime(last.at, i18n.language), reason: last.reason })}`}
      </p>
    </div>
  );
}
