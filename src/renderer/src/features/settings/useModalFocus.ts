// Keeps keyboard focus inside a modal: focuses a starting control on open, wraps Tab at both
// ends and closes on Escape — also when focus has fallen to <body> (a control that vanished or
// was disabled under it). The rest of the page is made `inert` by the caller.
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

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

  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  });
  useEffect(() => {
    const onDocumentKey = (e: globalThis.KeyboardEvent) => {
      const active = document.activeElement;
      if (e.key !== 'Escape' || (active && active !== document.body) || !container.current) return;
      e.preventDefault();
      escape.current();
    };
    document.addEventListener('keydown', onDocumentKey);
    return () => document.removeEventListener('keydown', onDocumentKey);
  }, [container]);

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
