// A titled region of the main window, named by its heading for screen readers and tests.
import type { ReactNode } from 'react';

export function Panel({ id, title, size = 1, children }: { id: string; title: string; size?: number | 'auto'; children: ReactNode }) {
  const headingId = `panel-${id}-title`;
  const style = size === 'auto' ? undefined : { flexGrow: size };
  return (
    <section className={`panel panel-${id}${size === 'auto' ? ' panel-auto' : ''}`} aria-labelledby={headingId} style={style}>
      <h2 id={headingId} className="panel-title">
        {title}
      </h2>
      <div className="panel-body">{children}</div>
    </section>
  );
}
