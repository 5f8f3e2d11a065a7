// The docs' screenshots (docs/images/<name>.png) are taken by the e2e flows that show those
// screens (scripts/docShots.json names the flow of each). Every e2e run writes them to
// test/e2e/artifacts; `npm run docs:screenshots` runs those flows with STAGESIDE_DOC_SHOTS=1, and
// they are written into docs/images instead, to be committed with the docs.
import path from 'node:path';
import { ARTIFACTS } from './webMode';

export const DOC_IMAGES = path.resolve('docs/images');

/** Where the docs' image `name` goes in this run. */
export const docShot = (name: string): string => path.join(process.env.STAGESIDE_DOC_SHOTS === '1' ? DOC_IMAGES : ARTIFACTS, `${name}.png`);
