// The header's Room button and the dialog it opens; focus returns to the button on close.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalPortal } from '../moderation/ModalPortal';
import { RoomDialog } from './RoomDialog';

export function RoomButton({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      <button ref={button} type="button" className="button" onClick={() => setOpen(true)} disabled={disabled} aria-haspopup="dialog">
        {t('roomAdmin.open')}
      </button>
      {open && (
        <ModalPortal>
          <RoomDialog onClose={() => setOpen(false)} />
        </ModalPortal>
      )}
    </>
  );
}
