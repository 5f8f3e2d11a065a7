// The console's working areas in three columns, arranged by the host or assistant preset: the
// host gets Go Live and the chat large, the assistant products and gifts. Panels scroll inside,
// so the whole console fits a 1366×768 laptop.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnouncementPanel } from '../announcement/AnnouncementPanel';
import { ChatPanel } from '../chat/ChatPanel';
import { CountersPanel } from '../counters/CountersPanel';
import { GiftsPanel } from '../gifts/GiftsPanel';
import { GoLivePanel } from '../golive/GoLivePanel';
import { ProductsPanel } from '../products/ProductsPanel';
import { RoomStatusPanel } from '../roomStatus/RoomStatusPanel';
import { StudioPanel, useStudioPanelTitle } from '../studio/StudioPanel';
import { Panel } from './Panel';
import type { Preset } from './usePreset';

export type PanelId = 'goLive' | 'chat' | 'counters' | 'products' | 'gifts' | 'announcement' | 'roomStatus' | 'room';
/** A flex weight, or 'auto' for panels as tall as their content. */
type Slot = [PanelId, number | 'auto'];

export const LAYOUTS: Record<Preset, Slot[][]> = {
  host: [
    [['goLive', 3], ['roomStatus', 'auto'], ['room', 1]],
    [['counters', 'auto'], ['chat', 1]],
    [['products', 3], ['announcement', 'auto'], ['gifts', 2]],
  ],
  assistant: [
    [['products', 3], ['gifts', 2]],
    [['counters', 'auto'], ['chat', 1]],
    [['roomStatus', 'auto'], ['announcement', 'auto'], ['goLive', 1], ['room', 1]],
  ],
};

function content(id: PanelId): ReactNode {
  switch (id) {
    case 'goLive':
      return <GoLivePanel />;
    case 'chat':
      return <ChatPanel />;
    case 'counters':
      return <CountersPanel />;
    case 'products':
      return <ProductsPanel />;
    case 'gifts':
      return <GiftsPanel />;
    case 'announcement':
      return <AnnouncementPanel />;
    case 'roomStatus':
      return <RoomStatusPanel />;
    case 'room':
      return <StudioPanel />;
  }
}

export function Panels({ preset }: { preset: Preset }) {
  const { t } = useTranslation();
  const studioTitle = useStudioPanelTitle();
  return (
    <main className={`panels preset-${preset}`} aria-label={t('panels.label')}>
      {LAYOUTS[preset].map((column, i) => (
        <div key={i} className={`panel-column panel-column-${i}`}>
          {column.map(([id, size]) => (
            <Panel key={id} id={id} title={id === 'room' ? studioTitle : t(`panels.${id}.title`)} size={size}>
              {content(id)}
            </Panel>
          ))}
        </div>
      ))}
    </main>
  );
}
