// A header button that opens a modal dialog in a portal; focus returns to the button on close.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ModalPortal } from '../moderation/ModalPortal';

export function DialogButton({ label, disabled, dialog }: { label: string; disabled: boolean; dialog: (close: () => void) => ReactNode }) {
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
        {label}
      </button>
      {open && <ModalPortal>{dialog(() => setOpen(false))}</ModalPortal>}
    </>
  );
}
