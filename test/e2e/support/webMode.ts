// E2E helpers: start `stageside web` as a real child process on a random port, and launch
// Debian's Chromium through playwright-core (no browser download).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve('test/e2e/artifacts');

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => Boolean(c && fs.existsSync(c)));
}

export const rendererBuilt = (): boolean => fs.existsSync(path.resolve('out/renderer/index.html'));

export interface WebProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function startWebProcess(dataDir: string): Promise<WebProcess> {
  const child = spawn(process.execPath, ['bin/stageside.js', 'web', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STAGESIDE_HOME: dataDir },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not print a URL in 20 s:\n${out}`)), 20_000);
    const check = () => {
      const m = /open (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${out}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A console in Chromium on a fresh web-mode process (with its studio): the common e2e setup. */
export interface OpenConsole {
  web: WebProcess;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** Uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openConsole(chromiumPath: string, prefix: string): Promise<OpenConsole> {
  if (!rendererBuilt()) throw new Error('out/renderer is missing: run `npm run build` first (npm test does)');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const web = await startWebProcess(dataDir);
  const browser = await launchChromium(chromiumPath);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(web.url);
  return {
    web,
    browser,
    page,
    dataDir,
    errors,
    close: async () => {
      await browser.close();
      await web.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
