// The Moderation modal: word lists (import, export, delete, test a message), level rules and the
// top users, each a tab over the callbacks service's admin commands. Escape or × closes.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalFrame } from '../shell/ModalFrame';
import { CallbacksHealthLine } from './CallbacksHealthLine';
import { LevelRulesTab } from './LevelRulesTab';
import { TopUsersTab } from './TopUsersTab';
import { WordListsTab } from './WordListsTab';

export const MODERATION_TABS = ['lists', 'rules', 'users'] as const;
export type ModerationTab = (typeof MODERATION_TABS)[number];

export function ModerationDialog({ onClose, initialTab = 'lists' }: { onClose: () => void; initialTab?: ModerationTab }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useState<ModerationTab>(initialTab);
  const onTabKey = (key: string): void => {
    const i = MODERATION_TABS.indexOf(tab);
    const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = MODERATION_TABS[(i + step + MODERATION_TABS.length) % MODERATION_TABS.length] as ModerationTab;
    setTab(next);
    dialog.current?.querySelector<HTMLElement>(`#moderation-tab-${next}`)?.focus();
  };
  return (
    <ModalFrame
      titleId="moderation-title"
      title={t('moderation.title')}
      closeLabel={t('moderation.close')}
      onClose={onClose}
      initialFocus={'[role="tab"][aria-selected="true"]'}
      dialogRef={dialog}
    >
      <CallbacksHealthLine />
      <div className="tabs" role="tablist" aria-label={t('moderation.title')} onKeyDown={(e) => onTabKey(e.key)}>
        {MODERATION_TABS.map((id) => (
          <button
            key={id}
            id={`moderation-tab-${id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === id}
            aria-controls={`moderation-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
          >
            {t(`moderation.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div id={`moderation-panel-${tab}`} role="tabpanel" aria-labelledby={`moderation-tab-${tab}`} className="moderation-panel">
        {tab === 'lists' && <WordListsTab />}
        {tab === 'rules' && <LevelRulesTab />}
        {tab === 'users' && <TopUsersTab />}
      </div>
    </ModalFrame>
  );
}
