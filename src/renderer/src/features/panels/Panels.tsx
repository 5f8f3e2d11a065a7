// The four working areas of the console. Each is a labelled region with an honest empty state
// until its feature lands.
import { useTranslation } from 'react-i18next';
import { StudioCard } from '../studio/StudioCard';
import { Panel } from './Panel';

const PANELS = ['goLive', 'chat', 'products', 'room'] as const;

export function Panels() {
  const { t } = useTranslation();
  return (
    <main className="panels" aria-label={t('panels.label')}>
      {PANELS.map((id) => (
        <Panel key={id} id={id} title={t(`panels.${id}.title`)}>
          {id === 'room' && <StudioCard />}
          <p className="empty-state">{t(`panels.${id}.empty`)}</p>
        </Panel>
      ))}
    </main>
  );
}
