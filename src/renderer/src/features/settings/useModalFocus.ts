// Keeps keyboard focus inside a modal: focuses a starting control on open, wraps Tab at both
// ends and closes on Escape. The rest of the page is made `inert` by the caller.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function useModalFocus(
  container: RefObject<HTMLElement | null>,
  initialFocusSelector: string,
  onEscape: () => void,
): (e: KeyboardEvent) => void {
  useEffect(() => {
    const root = container.current;
    const first = root?.querySelector<HTMLElement>(initialFocusSelector) ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
  }, [container, initialFocusSelector]);

  return (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onEscape();
      return;
    }
    if (e.key !== 'Tab' || !container.current) return;
    const items = [...container.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
}
