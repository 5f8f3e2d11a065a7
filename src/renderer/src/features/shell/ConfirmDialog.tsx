// A question before a public or destructive act (stop the broadcast, end the show, clear the
// announcement, discard unsaved settings): an alertdialog whose safe answer has focus, so a stray
// Enter or Escape keeps things as they are. Cancelling returns focus where it was; confirming moves
// it to `focusAfterConfirm` when given (the caller knows what replaces the control that asked).
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { ModalPortal } from '../moderation/ModalPortal';
import { useModalFocus } from '../settings/useModalFocus';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  /** The safe answer ("Keep streaming"): focused on open, and what Escape means. */
  cancelLabel: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
  focusAfterConfirm?: RefObject<HTMLElement | null>;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <ModalPortal>
      <ConfirmBox {...props} />
    </ModalPortal>
  );
}

function ConfirmBox({ title, message, cancelLabel, confirmLabel, onCancel, onConfirm, focusAfterConfirm }: ConfirmDialogProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const restore = useRef(true);
  const cancel = () => {
    restore.current = true;
    onCancel();
  };
  const onKeyDown = useModalFocus(box, '[data-safe-answer]', cancel);
  const after = useRef(focusAfterConfirm);
  after.current = focusAfterConfirm;
  useEffect(
    () => () => {
      // After the portal has let the page go (its cleanup runs in this same commit).
      const target = restore.current ? opener : (after.current?.current ?? null);
      if (target) queueMicrotask(() => target.isConnected && target.focus());
    },
    [opener],
  );
  return (
    <div className="modal-backdrop">
      <div
        ref={box}
        className="modal modal-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-message`}
        onKeyDown={onKeyDown}
      >
        <div className="modal-header">
          <h2 id={`${id}-title`}>{title}</h2>
        </div>
        <div className="modal-body">
          <p id={`${id}-message`}>{message}</p>
        </div>
        <div className="modal-footer">
          <button type="button" className="button button-danger" onClick={() => {
            restore.current = false;
            onConfirm();
          }}>
            {confirmLabel}
          </button>
          <button type="button" className="button button-primary" data-safe-answer onClick={cancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
