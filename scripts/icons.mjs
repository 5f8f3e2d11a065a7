#!/usr/bin/env node
// `npm run icons`: the app icon for every OS from one source image, resources/icon.svg — PNGs
// rendered by Chromium (playwright-core; Debian's chromium or CHROMIUM_PATH), then packed as
// resources/icon.ico (Windows: PNG entries 16-256) and resources/icon.icns (macOS: ic07-ic10), and
// resources/icon.png (512, Linux and the window). The generated files are committed, so packaging
// needs no browser.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const res = path.join(root, 'resources');
const svg = fs.readFileSync(path.join(res, 'icon.svg'), 'utf8');
const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
if (!executablePath) {
  console.error('icons: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
  process.exit(2);
}

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const render = async (size) => {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
};
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const png = {};
for (const s of sizes) png[s] = await render(s);
await browser.close();

// ICO: a directory of PNG images (Windows Vista and later read PNG entries).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = 6 + 16 * icoSizes.length;
const entries = icoSizes.map((s) => {
  const e = Buffer.alloc(16);
  e.writeUInt8(s === 256 ? 0 : s, 0);
  e.writeUInt8(s === 256 ? 0 : s, 1);
  e.writeUInt16LE(1, 4); // planes
  e.writeUInt16LE(32, 6); // bits per pixel
  e.writeUInt32LE(png[s].length, 8);
  e.writeUInt32LE(offset, 12);
  offset += png[s].length;
  return e;
});
fs.writeFileSync(path.join(res, 'icon.ico'), Buffer.concat([header, ...entries, ...icoSizes.map((s) => png[s])]));

// ICNS: 'icns' + length, then typed PNG chunks.
const icnsTypes = [['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];
const chunks = icnsTypes.map(([type, s]) => {
  const h = Buffer.alloc(8);
  h.write(type, 0, 'ascii');
  h.writeUInt32BE(8 + png[s].length, 4);
  return Buffer.concat([h, png[s]]);
});
const icnsHeader = Buffer.alloc(8);
icnsHeader.write('icns', 0, 'ascii');
icnsHeader.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
fs.writeFileSync(path.join(res, 'icon.icns'), Buffer.concat([icnsHeader, ...chunks]));

fs.writeFileSync(path.join(res, 'icon.png'), png[512]);
console.log(`icons: resources/icon.png (512), icon.ico (${icoSizes.join(', ')}), icon.icns (${icnsTypes.map(([, s]) => s).join(', ')}) from resources/icon.svg`);
