#!/bin/sh
# The stand-in's Electron binary: with ELECTRON_RUN_AS_NODE it runs a script as Electron's Node
# would — here this machine's Node with Electron's ABI enforced (abiGuard.cjs).
here=$(dirname "$0")
exec "${STANDIN_NODE:-node}" --require "$here/abiGuard.cjs" "$@"
