// Serves the bench:chat baseline page on loopback: bundles naivePage.tsx with esbuild (tsx's own
// copy, already installed) and reuses the built console's stylesheet so rows look the same.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { NaiveConfig } from './naivePage';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_ASSETS = path.resolve(HERE, '../../out/renderer/assets');

export interface NaiveServer {
  url: string;
  close(): Promise<void>;
}

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(HERE, 'naivePage.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no bundle for the baseline page');
  return file.text;
}

function consoleCss(): string {
  const css = fs.existsSync(RENDERER_ASSETS) ? fs.readdirSync(RENDERER_ASSETS).filter((f) => f.endsWith('.css')) : [];
  return css.map((f) => fs.readFileSync(path.join(RENDERER_ASSETS, f), 'utf8')).join('\n');
}

export async function startNaiveServer(config: NaiveConfig): Promise<NaiveServer> {
  const js = await bundle();
  const css = consoleCss();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench:chat baseline</title>
<link rel="stylesheet" href="/console.css"><script>window.__NAIVE__=${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
</head><body><div id="root"></div><script type="module" src="/naive.js"></script></body></html>`;
  const server = http.createServer((req, res) => {
    const route: Record<string, [string, string]> = {
      '/': ['text/html; charset=utf-8', html],
      '/naive.js': ['text/javascript; charset=utf-8', js],
      '/console.css': ['text/css; charset=utf-8', css],
    };
    const hit = route[new URL(req.url ?? '/', 'http://localhost').pathname];
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': hit[0], 'cache-control': 'no-store' }).end(hit[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
