// The axe check (WCAG 2.1 A/AA rules of the axe-core package) of whatever a page shows, scoped by a
// locator found by role and name; serious and critical violations are returned as readable lines.
// Two checks axe leaves out or only flags "for review" count too: label-content-name-mismatch
// (off by default: a × button named "Close settings") and aria-prohibited-attr on an element with
// text (an aria-label on a plain span, which screen readers ignore).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Serious and critical violations on the page (or inside `scope`), one line per rule and element. */
export async function axeViolations(page: Page, scope?: Locator): Promise<string[]> {
  // Runtime.evaluate is not subject to the page's CSP, unlike an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const handle = scope ? await scope.elementHandle() : null;
  const violations = await page.evaluate(
    async ({ root }) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[]; incomplete: AxeViolation[] }> } }).axe;
      const r = await axe.run(root ?? document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        rules: { 'label-content-name-mismatch': { enabled: true } },
        resultTypes: ['violations', 'incomplete'],
      });
      const forReview = r.incomplete.filter((v) => v.id === 'aria-prohibited-attr').map((v) => ({ ...v, impact: 'serious' }));
      return [...r.violations, ...forReview].map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    },
    { root: handle },
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`));
}
