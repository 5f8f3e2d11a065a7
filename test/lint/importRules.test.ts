// The layer arrows of STYLE.md §1 are ESLint rules: prove a forbidden import actually fails.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
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
  ])('rejects %s', async (_n, code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it.each([
    ['zod in shared', "import { z } from 'zod';\nexport const a = z;\n", 'src/shared/x.ts'],
    ['shared from the renderer', "import { ok } from '../../shared/errors';\nexport const a = ok;\n", 'src/renderer/src/x.ts'],
    ['electron in main', "import { app } from 'electron';\nexport const a = app;\n", 'src/main/x.ts'],
    ['node services from main', "import { x } from '../node/services';\nexport const a = x;\n", 'src/main/x.ts'],
  ])('allows %s', async (_n, code, file) => {
    expect(await ruleIds(code, file)).not.toContain('no-restricted-imports');
  });

  it('rejects process and window globals in shared', async () => {
    expect(await ruleIds('export const a = process.env.X;\n', 'src/shared/x.ts')).toContain('no-restricted-globals');
  });
});
