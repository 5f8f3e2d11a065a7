#!/usr/bin/env node
// A stand-in child for the process-supervision kit's tests (src/node/process). argv[2] selects it:
//   ready       print "ready", then live; `q` on stdin exits 0, SIGTERM ends it as usual
//   exit:N      exit with code N without ever printing "ready"
//   die:N:MS    print "ready", then exit with code N after MS ms
//   stubborn    print "ready", then ignore `q` and SIGTERM (reported on stderr): only SIGKILL ends it
//   silent      never print "ready"; live until a signal
const [kind, a, b] = (process.argv[2] ?? 'ready').split(':');
const ready = () => process.stdout.write('ready\n');
const live = () => setInterval(() => {}, 1000);
process.stdin.on('error', () => {});

if (kind === 'exit') {
  process.stderr.write('cannot start: no such device\n');
  setTimeout(() => process.exit(Number(a)), 20);
} else if (kind === 'die') {
  ready();
  setTimeout(() => {
    process.stderr.write('fatal: lost the device\n');
    process.exit(Number(a));
  }, Number(b));
} else if (kind === 'stubborn') {
  process.on('SIGTERM', () => process.stderr.write('ignored SIGTERM\n'));
  process.stdin.on('data', () => process.stderr.write('ignored q\n'));
  ready();
  live();
} else if (kind === 'silent') {
  live();
} else {
  process.stdin.on('data', (d) => String(d).includes('q') && process.exit(0));
  ready();
  live();
}
