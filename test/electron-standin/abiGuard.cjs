// Loaded with --require into a process that plays Electron 45's Node: native add-ons built for
// this machine's Node (NODE_MODULE_VERSION 115 on Node 20) cannot load where Electron needs 150,
// so every dlopen fails with the message Node itself prints for an ABI mismatch.
'use strict';
const ELECTRON_ABI = '150';
process.dlopen = function dlopen(_module, filename) {
  const err = new Error(
    `The module '${filename}'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION ${process.versions.modules}. ` +
      `This version of Node.js requires\nNODE_MODULE_VERSION ${ELECTRON_ABI}. Please try re-compiling or re-installing\n` +
      'the module (for instance, using `npm rebuild` or `npm install`).',
  );
  err.code = 'ERR_DLOPEN_FAILED';
  throw err;
};
