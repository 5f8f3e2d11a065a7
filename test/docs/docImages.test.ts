// The docs' screenshots are produced by the e2e flows (npm run docs:screenshots): every image the
// docs show is in docs/images and named in scripts/docShots.json with the flow that takes it — a
// flow whose source passes that name to docShot/shootPanel — and docs/images holds nothing else.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const shots = JSON.parse(fs.readFileSync('scripts/docShots.json', 'utf8')) as Record<string, string>;
const docs = ['README.md', 'ARCHITECTURE.md', ...fs.readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const shown = new Set(docs.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/images\/([\w-]+)\.png/g)].map((m) => m[1]!)));
const inFolder = fs.readdirSync('docs/images').filter((f) => f.endsWith('.png')).map((f) => f.replace(/\.png$/, ''));

describe('the docs screenshots', () => {
  it('are all in docs/images, and docs/images holds only what the docs show', () => {
    expect([...shown].filter((n) => !inFolder.includes(n))).toEqual([]);
    expect(inFolder.filter((n) => !shown.has(n))).toEqual([]);
  });

  it('are each taken by an e2e flow that names them', () => {
    expect([...shown].filter((n) => !(n in shots)).sort()).toEqual([]);
    expect(Object.keys(shots).filter((n) => !shown.has(n))).toEqual([]);
    for (const [name, flow] of Object.entries(shots)) {
      expect(fs.existsSync(flow), flow).toBe(true);
      expect(fs.readFileSync(flow, 'utf8'), `${flow} takes ${name}`).toContain(`'${name}'`);
    }
  });
});
