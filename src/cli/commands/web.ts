// `stageside web`: runs the console's services in plain Node and serves the renderer to a
// browser (an assistant on another device, or where Electron cannot start).
import fs from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../../node/infra/paths';
import { defaultStaticDir, startWeb } from '../../node/web/startWeb';
import { parseFlags, UsageError, type CliCommand } from '../io';

const usage = `Usage: stageside web [--port 5170] [--host 127.0.0.1] [--data-dir DIR] [--static DIR] [--allow-origin URL]

Serves the Stageside console to a browser and prints a URL with a per-launch access token.
  --port N        port to listen on (default 5170; 0 picks a free one)
  --host H        interface (default 127.0.0.1; 0.0.0.0 lets other devices connect)
  --data-dir DIR  settings, secrets and logs (default: the app's data folder or $STAGESIDE_HOME)
  --static DIR    built renderer to serve (default: out/renderer; run \`npm run build\`)
  --allow-origin URL
                  another browser origin that may open the console's socket (e.g. a reverse
                  proxy's https://console.example.com); repeatable. The page's own origin always may.

Opening the printed URL exchanges the token for a session cookie (HttpOnly, SameSite=Strict) and
takes the token out of the address bar.`;

export const webCommand: CliCommand = {
  summary: 'Serve the console to a browser (web mode)',
  usage,
  async run(argv, io) {
    const f = parseFlags(argv, {
      port: { type: 'string', default: '5170' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      static: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
    });
    const port = Number(f.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${f.port}"`);
    const host = String(f.host);
    const dataDir = path.resolve(f['data-dir'] ?? defaultDataDir(io.env));
    const staticDir = path.resolve(f.static ?? defaultStaticDir());
    if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
      io.stderr(`warning: no renderer build at ${staticDir}; run \`npm run build\` (serving the API only)`);
    }
    const allowedOrigins = (f['allow-origin'] ?? []) as string[];
    for (const o of allowedOrigins) {
      if (!/^https?:\/\/[^/\s]+$/.test(o)) throw new UsageError(`--allow-origin must be an origin such as https://console.example.com, got "${o}"`);
    }
    const web = await startWeb({ dataDir, host, port, staticDir, allowedOrigins });
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
      io.stderr(
        `WARNING: listening on ${host}: anyone who can reach this machine and has the URL below controls the console.\n` +
          'The access token is the only protection; share it only with your team, and prefer a trusted network.',
      );
    }
    io.stdout(`Stageside web mode: open ${web.url}`);
    io.stdout(`Data folder: ${dataDir}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await web.close();
    return 0;
  },
};
