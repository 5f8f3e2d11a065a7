// `node --import ./register.mjs out/main/index.js`: the built Electron main under plain Node, with
// `import … from 'electron'` resolved to the stand-in (electron.mjs), Electron's ABI enforced in
// this process (abiGuard.cjs) and process.execPath pointing at the stand-in Electron binary.
import { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
process.env.STANDIN_NODE = process.execPath;
require('./abiGuard.cjs');
process.execPath = fileURLToPath(new URL('./electronBinary.sh', import.meta.url));
// Electron sets it to the app's resources folder (the packaged window icon is there).
process.resourcesPath = fileURLToPath(new URL('../../resources', import.meta.url));
register('./hooks.mjs', import.meta.url);
