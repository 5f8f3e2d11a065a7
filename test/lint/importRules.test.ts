// The layer arrows are ESLint rules: prove a forbidden import actually fails, and that the arrow
// table in ARCHITECTURE.md is exactly what the rules enforce — every pair of layers, both ways.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const IMPORT_RULES = ['no-restricted-imports', 'stageside/layers'];

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}
const importRuleFired = (ids: string[]) => ids.some((id) => IMPORT_RULES.includes(id));

/** The "Layers and arrows" table of ARCHITECTURE.md: layer → { folder, may import }. */
function documentedArrows(): Map<string, { dir: string; imports: string[] }> {
  const md = fs.readFileSync(path.join(process.cwd(), 'ARCHITECTURE.md'), 'utf8');
  const start = md.indexOf('| layer | folder | may import |');
  if (start < 0) throw new Error('ARCHITECTURE.md has no "| layer | folder | may import |" table');
  const rows = md.slice(start).split('\n').slice(2);
  const out = new Map<string, { dir: string; imports: string[] }>();
  for (const row of rows) {
    if (!row.startsWith('|')) break;
    const [layer, dir, imports] = row.split('|').slice(1, 4).map((c) => c.trim().replace(/`/g, ''));
    out.set(layer!, { dir: dir!.replace(/\/$/, ''), imports: imports === '—' ? [] : imports!.split(',').map((s) => s.trim()) });
  }
  return out;
}

describe('import arrows', () => {
  it.each([
    ['electron in shared', "import { app } from 'electron';\nexport const a = app;\n", 'src/shared/x.ts'],
    ['node:fs in shared', "import fs from 'node:fs';\nexport const a = fs;\n", 'src/shared/domain/x.ts'],
    ['bare fs in shared', "import fs from 'fs';\nexport const a = fs;\n", 'src/shared/x.ts'],
    ['react in shared', "import React from 'react';\nexport const a = React;\n", 'src/shared/x.ts'],
    ['node services from shared', "import { x } from '../node/services';\nexport const a = x;\n", 'src/shared/x.ts'],
    ['main from the renderer', "import { x } from '../../main/ipc';\nexport const a = x;\n", 'src/renderer/src/x.ts'],
    ['electron in the renderer', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", 'src/renderer/src/x.ts'],
    ['node services from preload', "import { x } from '../node/services';\nexport const a = x;\n", 'src/preload/x.ts'],
    ['electron in node services', "import { app } from 'electron';\nexport const a = app;\n", 'src/node/x.ts'],
    ['main from the CLI', "import { x } from '../main/ipc';\nexport const a = x;\n", 'src/cli/x.ts'],
    ['the studio from node services', "import { x } from '../studio/studio';\nexport const a = x;\n", 'src/node/x.ts'],
    ['node:net in the TIM client', "import net from 'node:net';\nexport const a = net;\n", 'src/tim/x.ts'],
    ['the studio from the callbacks service', "import { x } from '../studio/studio';\nexport const a = x;\n", 'src/callbacks/x.ts'],
    ['node services from the viewer page', "import { x } from '../../node/logger';\nexport const a = x;\n", 'src/studio/viewer/x.ts'],
  ])('rejects %s', async (_n, code, file) => {
    expect(importRuleFired(await ruleIds(code, file))).toBe(true);
  });

  it.each([
    ['zod in shared', "import { z } from 'zod';\nexport const a = z;\n", 'src/shared/x.ts'],
    ['shared from the renderer', "import { ok } from '../../shared/errors';\nexport const a = ok;\n", 'src/renderer/src/x.ts'],
    ['electron in main', "import { app } from 'electron';\nexport const a = app;\n", 'src/main/x.ts'],
    ['node services from main', "import { x } from '../node/services';\nexport const a = x;\n", 'src/main/x.ts'],
    ['a renderer feature folder named like a layer', "import { x } from '../studio/StudioPanel';\nexport const a = x;\n", 'src/renderer/src/features/panels/x.ts'],
  ])('allows %s', async (_n, code, file) => {
    expect(importRuleFired(await ruleIds(code, file))).toBe(false);
  });

  it('rejects process and window globals in shared', async () => {
    expect(await ruleIds('export const a = process.env.X;\n', 'src/shared/x.ts')).toContain('no-restricted-globals');
  });

  it('enforces exactly the arrows drawn in ARCHITECTURE.md, for every pair of layers', async () => {
    const arrows = documentedArrows();
    expect([...arrows.keys()].sort()).toEqual(['callbacks', 'cli', 'main', 'node', 'preload', 'renderer', 'shared', 'studio', 'tim', 'viewer']);
    const wrong: string[] = [];
    for (const [from, f] of arrows) {
      for (const [to, t] of arrows) {
        if (from === to) continue;
        const file = `${f.dir}/deep/x.ts`;
        const spec = path.posix.relative(path.posix.dirname(file), `${t.dir}/y`);
        const fired = (await ruleIds(`import { y } from '${spec}';\nexport const a = y;\n`, file)).includes('stageside/layers');
        if (fired === f.imports.includes(to)) wrong.push(`${from} → ${to}: documented ${f.imports.includes(to) ? 'allowed' : 'forbidden'}, lint ${fired ? 'refuses' : 'allows'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
