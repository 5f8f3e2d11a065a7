// A button that stays focusable while its action runs: `aria-disabled` instead of `disabled`, since
// a disabled button drops focus to <body>, where Escape no longer reaches the dialog (and a screen
// reader loses its place). Clicks — and a form's implicit submit — are ignored until it is done.
import type { ButtonHTMLAttributes, MouseEvent } from 'react';

export interface BusyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  busy: boolean;
}

export function BusyButton({ busy, onClick, type = 'button', className = 'button', ...rest }: BusyButtonProps) {
  const click = (e: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      e.preventDefault();
      return;
    }
    onClick?.(e);
  };
  return <button type={type} className={className} {...rest} aria-disabled={busy || undefined} aria-busy={busy} onClick={click} />;
}
