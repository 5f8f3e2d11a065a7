// Renders a modal into <body> and makes everything else there inert while it is open, so a modal
// opened from deep in the header still traps the screen reader and the pointer like Settings does.
// The container is attached in a layout effect: the dialog inside focuses its first control in a
// passive effect, which runs after every layout effect — a container attached later (in a passive
// effect of this parent, which runs after the child's) left that focus on a detached node and the
// page on <body>.
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function ModalPortal({ children }: { children: ReactNode }) {
  const [host] = useState(() => document.createElement('div'));
  useLayoutEffect(() => {
    document.body.appendChild(host);
    const others = [...document.body.children].filter((el): el is HTMLElement => el !== host && el instanceof HTMLElement && !el.inert);
    for (const el of others) el.inert = true;
    return () => {
      for (const el of others) el.inert = false;
      host.remove();
    };
  }, [host]);
  return createPortal(children, host);
}
