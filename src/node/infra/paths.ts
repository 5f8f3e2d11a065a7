// Where Stageside keeps its files when no Electron `app.getPath` is available (web mode, CLI,
// studio). Matches Electron's userData location for the product name, so both share settings.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Stageside';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.STAGESIDE_HOME) return path.resolve(env.STAGESIDE_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export const logDirOf = (dataDir: string): string => path.join(dataDir, 'logs');
