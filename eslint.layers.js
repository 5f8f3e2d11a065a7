// The layers of the house and the arrows between them, as one table, with the ESLint rule that
// enforces it: an import is resolved to the file it names, and the layer of that file must be one
// the importing layer lists. ARCHITECTURE.md's arrow table is this table, and
// test/lint/importRules.test.ts proves every pair of layers against ARCHITECTURE.md.
import path from 'node:path';

/**
 * `imports`: the other layers a layer may import (everything else is refused). `browser`: runs in a
 * page or anywhere (no node:*). `modules`: packages it may not import. `testImports`: extra layers
 * its tests may use (pure code tested with the Node implementation of its ports).
 */
export const LAYERS = {
  shared: {
    dir: 'src/shared', imports: [], browser: true, modules: ['electron', 'react', 'react-dom'], testImports: ['node'],
    why: 'src/shared runs anywhere: no electron, node:*, React or other layers',
  },
  tim: {
    dir: 'src/tim', imports: ['shared'], browser: true, modules: ['electron', 'react', 'react-dom'],
    why: 'src/tim is the TIM-compatible client (browser and Node): it imports only src/shared',
  },
  renderer: {
    dir: 'src/renderer', imports: ['shared', 'tim'], browser: true, modules: ['electron'],
    why: 'The renderer talks to main only through api.ts and the contract',
  },
  preload: {
    dir: 'src/preload', imports: ['shared'], browser: true,
    why: 'Preload imports only electron and src/shared',
  },
  main: {
    dir: 'src/main', imports: ['node', 'shared'], modules: ['react', 'react-dom'],
    why: 'Electron main composes node services: no renderer, preload, CLI, studio, callbacks or React',
  },
  node: {
    dir: 'src/node', imports: ['shared'], modules: ['electron', 'react', 'react-dom'],
    why: 'Node services run without Electron and import only src/shared',
  },
  callbacks: {
    dir: 'src/callbacks', imports: ['node', 'shared'], modules: ['electron', 'react', 'react-dom'],
    why: 'The callbacks service deploys alone: node services and src/shared only',
  },
  studio: {
    dir: 'src/studio', imports: ['callbacks', 'node', 'shared', 'tim'], modules: ['electron', 'react', 'react-dom'],
    why: 'The studio runs in Node: never main, preload, the renderer or the CLI',
  },
  viewer: {
    dir: 'src/studio/viewer', imports: ['shared', 'tim'], browser: true, modules: ['electron'],
    why: "The viewer page runs in the audience's browser: src/shared and src/tim only",
  },
  cli: {
    dir: 'src/cli', imports: ['callbacks', 'node', 'shared', 'studio'], modules: ['electron', 'react', 'react-dom'],
    why: 'The CLI composes node services, the studio and the callbacks service; never Electron or the UI',
  },
};

/** The layer a repository-relative path belongs to (the deepest folder that is a layer), or undefined. */
export function layerOf(relPath) {
  const p = relPath.split(path.sep).join('/');
  let best;
  for (const [name, l] of Object.entries(LAYERS)) {
    if ((p === l.dir || p.startsWith(`${l.dir}/`)) && (!best || l.dir.length > LAYERS[best].dir.length)) best = name;
  }
  return best;
}

const isTest = (file) => /\.(test|e2e)\.tsx?$/.test(file);

const layersRule = {
  meta: { type: 'problem', schema: [], messages: { arrow: '{{from}} may not import {{to}} ({{target}}): {{why}}' } },
  create(context) {
    const cwd = context.cwd;
    const file = path.relative(cwd, context.filename);
    const from = layerOf(file);
    if (!from) return {};
    const allowed = new Set([from, ...LAYERS[from].imports, ...(isTest(file) ? (LAYERS[from].testImports ?? []) : [])]);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.relative(cwd, path.resolve(path.dirname(context.filename), spec));
      const to = layerOf(target);
      if (!to || allowed.has(to)) return;
      context.report({ node, messageId: 'arrow', data: { from, to, target, why: LAYERS[from].why } });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
    };
  },
};

export const layersPlugin = { rules: { layers: layersRule } };
