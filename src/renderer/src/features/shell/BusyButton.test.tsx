// A busy button must stay focusable: aria-disabled (not disabled) while its action runs, so focus
// does not drop to <body> and Escape still reaches the dialog around it.
import { describe, expect, it } from 'vitest';
import { renderStatic, staticStore } from '../../store/staticRender';
import { BusyButton } from './BusyButton';

const render = (busy: boolean, disabled = false) =>
  renderStatic(staticStore(), <BusyButton busy={busy} disabled={disabled} onClick={() => undefined}>Test connection</BusyButton>);

describe('BusyButton', () => {
  it('is aria-disabled, never disabled, while busy', () => {
    const html = render(true);
    expect(html).toBe('<button type="button" class="button" aria-disabled="true" aria-busy="true">Test connection</button>');
  });

  it('is a plain button when idle, and really disabled only when told', () => {
    expect(render(false)).toBe('<button type="button" class="button" aria-busy="false">Test connection</button>');
    expect(render(false, true)).toContain('disabled=""');
  });
});
