// The frame every modal shares: backdrop, a labelled dialog that keeps focus inside and closes on
// Escape, a header with the title and the × button, and the body.
import { useRef, type ReactNode, type RefObject } from 'react';
import { useModalFocus } from '../settings/useModalFocus';
import { IconButton } from './IconButton';

export interface ModalFrameProps {
  titleId: string;
  title: string;
  closeLabel: string;
  onClose: () => void;
  /** Selector of the control focused on open. */
  initialFocus: string;
  bodyClassName?: string;
  /** For dialogs that move focus themselves (e.g. between tabs). */
  dialogRef?: RefObject<HTMLDivElement | null>;
  children: ReactNode;
}

export function ModalFrame({ titleId, title, closeLabel, onClose, initialFocus, bodyClassName, dialogRef, children }: ModalFrameProps) {
  const own = useRef<HTMLDivElement>(null);
  const dialog = dialogRef ?? own;
  const onKeyDown = useModalFocus(dialog, initialFocus, onClose);
  return (
    <div className="modal-backdrop">
      <div ref={dialog} className="modal modal-wide" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <div className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <IconButton glyph="×" label={closeLabel} onClick={onClose} />
        </div>
        <div className={bodyClassName ? `modal-body ${bodyClassName}` : 'modal-body'}>{children}</div>
      </div>
    </div>
  );
}
