#!/usr/bin/env node
// A stand-in for the ingest child (src/studio/ingest/ingestChild.ts) in supervision tests: speaks
// its IPC (hello → start → ready, stop, ping → pong) without node-media-server. argv[2] selects the behaviour:
//   ready       ready on start; exits 0 on `stop` or when the parent goes away
//   in-use      on start, logs NMS's "already in use" line and exits 1
//   exit:N      on start, exits with code N before ready
//   die:N:MS    ready, then exits with code N after MS ms
//   stubborn    ready, then ignores `stop`, SIGTERM and the parent going away (reported on stderr)
//   silent      never answers `start`
const [kind, a, b] = (process.argv[2] ?? 'ready').split(':');
const send = (m) => process.connected && process.send(m);

process.on('message', (m) => {
  if (m.type === 'stop') {
    if (kind === 'stubborn') process.stderr.write('ignored stop\n');
    else process.exit(0);
    return;
  }
  if (m.type === 'ping') {
    send({ type: 'pong' });
    return;
  }
  if (m.type !== 'start') return;
  const { host, rtmpPort, httpPort } = m.config;
  if (kind === 'in-use') {
    process.stdout.write(`[NMS] Node Media Rtmp Server ${host}:${rtmpPort} is already in use\n`);
    setTimeout(() => process.exit(1), 20);
  } else if (kind === 'exit') {
    setTimeout(() => process.exit(Number(a)), 20);
  } else if (kind !== 'silent') {
    send({ type: 'ready', rtmpPort, httpPort });
    if (kind === 'die') setTimeout(() => process.exit(Number(a)), Number(b));
  }
});
if (kind === 'stubborn') {
  process.on('SIGTERM', () => process.stderr.write('ignored SIGTERM\n'));
  process.on('disconnect', () => {});
} else {
  process.on('disconnect', () => process.exit(0));
}
setInterval(() => {}, 1000);
send({ type: 'hello' });
