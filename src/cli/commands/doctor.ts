// `stageside doctor`: what this machine can broadcast with — the ffmpeg found (and where), its
// version, encoders (hardware ones only after a test encode passes) and capture devices.
import { currentPlatform, listDevices } from '../../node/broadcast/deviceLister';
import { probeCapabilities } from '../../node/broadcast/capabilities';
import { locateFfmpeg } from '../../node/broadcast/ffmpegLocator';
import { parseFlags, type CliCommand } from '../io';

const usage = `Usage: stageside doctor [--json] [--ffmpeg PATH] [--no-devices]

Prints the ffmpeg Stageside will use (path and where it was found), its version, the H.264
encoders (hardware encoders are listed as usable only after a 1-second test encode succeeds),
capture input formats and the cameras, screens and microphones found.
  --json        one JSON object instead of text
  --ffmpeg PATH check this binary instead of ffmpeg-static / PATH
  --no-devices  skip device listing (it opens each camera briefly)

Exit codes: 0 ffmpeg usable, 1 ffmpeg missing or without libx264.`;

export const doctorCommand: CliCommand = {
  summary: 'Check ffmpeg, encoders and capture devices for broadcasting',
  usage,
  async run(argv, io) {
    const f = parseFlags(argv, {
      json: { type: 'boolean', default: false },
      ffmpeg: { type: 'string' },
      'no-devices': { type: 'boolean', default: false },
    });
    const loc = await locateFfmpeg({ settingPath: f.ffmpeg ?? io.env.STAGESIDE_FFMPEG ?? null, env: io.env });
    if (!loc.ok) {
      if (f.json) io.stdout(JSON.stringify({ ok: false, error: loc.error }));
      else io.stderr(`${loc.error.code}: ${loc.error.message}\n${loc.error.hint}\n(${loc.error.detail})`);
      return 1;
    }
    const caps = await probeCapabilities(loc.value);
    const devices = f['no-devices'] ? [] : await listDevices(loc.value.path, currentPlatform(), io.env);
    const x264 = caps.encoders.includes('libx264');
    if (f.json) {
      io.stdout(JSON.stringify({ ok: x264, ffmpeg: { path: caps.path, source: caps.source, version: caps.version }, x264, hardware: caps.hardware, verifiedHardware: caps.verifiedHardware, inputDevices: caps.inputDevices, devices }));
      return x264 ? 0 : 1;
    }
    io.stdout(`ffmpeg:   ${caps.path} (from ${caps.source})`);
    io.stdout(`version:  ${caps.version ?? 'unknown'}`);
    io.stdout(`x264:     ${x264 ? 'yes' : 'NO — install an ffmpeg built with libx264'}`);
    io.stdout(`hardware: ${caps.verifiedHardware.length ? caps.verifiedHardware.join(', ') : 'none usable'}`);
    for (const h of caps.hardware) io.stdout(`  ${h.encoder.padEnd(18)} ${h.ok ? `ok (test encode ${h.ms} ms)` : `not usable: ${h.error}`}`);
    io.stdout(`inputs:   ${caps.inputDevices.join(', ') || 'none'}`);
    if (!f['no-devices']) {
      io.stdout(`devices:  ${devices.length ? '' : 'none found'}`);
      for (const d of devices) {
        const fmt = d.formats.slice(0, 4).map((x) => `${x.format} ${x.width}x${x.height}${x.maxFps ? `@${x.maxFps}` : ''}`).join(', ');
        io.stdout(`  ${d.kind.padEnd(13)} ${d.id}  ${d.label}${d.isDefault ? ' (default)' : ''}${fmt ? `  [${fmt}${d.formats.length > 4 ? ', …' : ''}]` : ''}`);
      }
    }
    return x264 ? 0 : 1;
  },
};
