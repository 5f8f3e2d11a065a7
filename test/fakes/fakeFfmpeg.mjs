#!/usr/bin/env node
// A stand-in for ffmpeg in wrapper and supervisor tests. FAKE_FFMPEG selects the behaviour:
//   progress  print a -progress block every FAKE_PERIOD_MS (default 100) until `q` on stdin
//   exit:N    print FAKE_STDERR (if any) and exit with code N before any progress
//   die:N     print progress for FAKE_AFTER_MS, then FAKE_STDERR, then exit with code N
//   hang      print one block, then nothing (stall), ignoring `q` and SIGTERM
//   connect   print FAKE_STDERR (if any), then nothing: a connect that has not finished (exits on `q`)
//   crash     print progress, then kill itself with SIGSEGV
// FAKE_LOG (a file) gets one line per start, so tests can count spawns.
// With `-progress pipe:3` (the stream-clock push) the blocks go to fd 3 and stdout gets a tiny FLV.
// Started as the stream-clock pusher (`-i pipe:0`), FAKE_PUSHER selects instead:
//   copy      print its output line, read stdin into FAKE_PUSHER_OUT (a file, if set) until it ends, then exit 0 (default)
//   die:N     after FAKE_AFTER_MS print FAKE_STDERR and exit with code N
import fs from 'node:fs';

const argv = process.argv.slice(2);
if (argv.includes('pipe:0')) {
  const [pk, parg] = (process.env.FAKE_PUSHER ?? 'copy').split(':');
  if (process.env.FAKE_LOG) fs.appendFileSync(process.env.FAKE_LOG + '.pusher', `${pk} ${argv.join(' ')}\n`);
  const out = process.env.FAKE_PUSHER_OUT;
  // What ffmpeg prints once the server took the publish.
  if (pk === 'copy' || pk === 'die') process.stderr.write(`Output #0, flv, to '${argv.at(-1)}':\n`);
  process.stdin.on('data', (d) => out && fs.appendFileSync(out, d));
  process.stdin.on('end', () => process.exit(0));
  if (pk === 'die') {
    setTimeout(() => {
      if (process.env.FAKE_STDERR) process.stderr.write(process.env.FAKE_STDERR + '\n');
      setTimeout(() => process.exit(Number(parg)), 20);
    }, Number(process.env.FAKE_AFTER_MS ?? 300));
  }
} else {

const mode = process.env.FAKE_FFMPEG ?? 'progress';
const period = Number(process.env.FAKE_PERIOD_MS ?? 100);
const after = Number(process.env.FAKE_AFTER_MS ?? 300);
if (process.env.FAKE_LOG) fs.appendFileSync(process.env.FAKE_LOG, `${mode} ${process.argv.slice(2).join(' ')}\n`);

let frame = 0;
const progressFd = argv[argv.indexOf('-progress') + 1] === 'pipe:3' ? 3 : 1;
if (progressFd === 3) {
  // An FLV header and an H.264 sequence header: what the pass-through sees first.
  const tag = Buffer.from([9, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 0, 0, 0, 0, 24]);
  process.stdout.write(Buffer.concat([Buffer.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0]), tag]));
}
const block = (end = false) => {
  frame += 3;
  const write = progressFd === 3 ? (text) => fs.writeSync(3, text) : (text) => process.stdout.write(text);
  write(
    [`frame=${frame}`, 'fps=30.00', 'stream_0_0_q=23.0', 'bitrate=2500.3kbits/s', `total_size=${frame * 10000}`,
      `out_time_us=${frame * 33333}`, `out_time_ms=${frame * 33333}`, 'out_time=00:00:01.000000', 'dup_frames=0',
      'drop_frames=1', 'speed=1.00x', `progress=${end ? 'end' : 'continue'}`].join('\n') + '\n',
  );
};
const stderr = () => process.env.FAKE_STDERR && process.stderr.write(process.env.FAKE_STDERR + '\n');

process.stderr.write('ffmpeg version fake-1.0 Copyright (c) the fake\n');
process.stdin.on('data', (d) => {
  if (String(d).includes('q') && mode !== 'hang') {
    if (mode !== 'connect') block(true);
    process.stderr.write('Exiting normally, received signal 2.\n');
    process.exit(0);
  }
});
process.stdin.on('error', () => {});

const [kind, arg] = mode.split(':');
if (kind === 'exit') {
  stderr();
  setTimeout(() => process.exit(Number(arg)), 20);
} else if (kind === 'connect') {
  stderr();
  setInterval(() => {}, 1000);
} else if (kind === 'hang') {
  block();
  process.on('SIGTERM', () => {});
  setInterval(() => {}, 1000);
} else {
  const timer = setInterval(block, period);
  if (kind === 'die' || kind === 'crash') {
    setTimeout(() => {
      clearInterval(timer);
      stderr();
      if (kind === 'crash') process.kill(process.pid, 'SIGSEGV');
      else setTimeout(() => process.exit(Number(arg)), 20);
    }, after);
  }
}
}
