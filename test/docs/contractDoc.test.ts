// docs/contract.md against src/shared/contract.ts: every command and event the contract declares
// has a row in the doc's tables, and every name a row gives exists. A row may name several
// (`room:launchProduct` / `unpinProduct`, `room:onlineCount`, `room:saveState`): a bare verb takes
// the domain of the name before it.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands, events } from '../../src/shared/contract';

const doc = fs.readFileSync('docs/contract.md', 'utf8');

/** The names in the first cell of each table row under `## heading` (up to the next `## `). */
function namesUnder(heading: string): string[] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/contract.md has no "## ${heading}"`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const names: string[] = [];
  for (const line of section.split('\n')) {
    const cell = /^\|\s*([^|]*?)\s*\|/.exec(line)?.[1];
    if (!cell || /^-+$/.test(cell)) continue;
    let domain = '';
    for (const [, name] of cell.matchAll(/`([a-zA-Z]+(?::[a-zA-Z]+)?)`/g)) {
      if (name!.includes(':')) {
        domain = name!.split(':')[0]!;
        names.push(name!);
      } else if (domain) names.push(`${domain}:${name}`);
    }
  }
  return names;
}

describe('docs/contract.md', () => {
  const documentedCommands = new Set(namesUnder('Commands'));
  const documentedEvents = new Set(namesUnder('Events'));

  it('has a row for every command in src/shared/contract.ts, and no command that is not there', () => {
    expect(Object.keys(commands).filter((c) => !documentedCommands.has(c))).toEqual([]);
    expect([...documentedCommands].filter((c) => !(c in commands))).toEqual([]);
  });

  it('has a row for every event, and no event that is not there', () => {
    expect(Object.keys(events).filter((e) => !documentedEvents.has(e))).toEqual([]);
    expect([...documentedEvents].filter((e) => !(e in events))).toEqual([]);
  });
});
