// Where the app's files are, whether this code runs from TypeScript sources (a checkout, through
// a TypeScript loader) or from the built bundle in out/main (web mode and the CLI after a build, the packaged app,
// where the root is inside app.asar): the folder holding Stageside's package.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app root above `fromUrl` (an import.meta.url). */
export function appRoot(fromUrl: string): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    try {
      if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'stageside') return dir;
    } catch {
      // not here: go up
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Stageside's package.json was not found above ${fileURLToPath(fromUrl)}`);
    dir = up;
  }
}

/** Whether `fromUrl` is a built bundle (out/main/*.js) rather than a TypeScript source. */
export const isBuilt = (fromUrl: string): boolean => !/\.(ts|mts)$/.test(fileURLToPath(fromUrl));

/** The built CLI entry (`node out/main/cli.js <command>`), which `stageside studio` and web mode use. */
export const builtCliEntry = (root: string): string => path.join(root, 'out', 'main', 'cli.js');
