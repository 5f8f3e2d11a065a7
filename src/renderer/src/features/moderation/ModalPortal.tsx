// Renders a modal into <body> and makes everything else there inert while it is open, so a modal
// opened from deep in the header still traps the screen reader and the pointer like Settings does.
import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function ModalPortal({ children }: { children: ReactNode }) {
  const [host] = useState(() => document.createElement('div'));
  useEffect(() => {
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
