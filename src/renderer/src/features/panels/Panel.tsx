// A titled region of the main window, named by its heading for screen readers and tests.
import type { ReactNode } from 'react';

export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const headingId = `panel-${id}-title`;
  return (
    <section className={`panel panel-${id}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        {title}
      </h2>
      <div className="panel-body">{children}</div>
    </section>
  );
}
