// The capability probe of one ffmpeg binary: version, encoders, input devices, and a 1-second test
// encode per hardware encoder (offered only if it passes). fluent-ffmpeg stays inside this module.
import ffmpeg from 'fluent-ffmpeg';
import { hardwareEncoders, type HardwareEncoder } from '../../shared/domain/broadcast/encoders';
import { parseEncoderList, parseFfmpegVersion, parseInputDevices } from '../../shared/domain/broadcast/probeParsers';
import type { FfmpegLocation } from './ffmpegLocator';
import { runTool } from './run';

export interface HardwareCheck {
  encoder: HardwareEncoder;
  ok: boolean;
  /** Why the test encode failed (last stderr line). */
  error?: string;
  ms: number;
}

export interface FfmpegCapabilities extends FfmpegLocation {
  version: string | null;
  encoders: string[];
  /** Capture input formats this build has: dshow, gdigrab, avfoundation, v4l2, x11grab, pulse, alsa … */
  inputDevices: string[];
  hardware: HardwareCheck[];
  verifiedHardware: HardwareEncoder[];
}

const CAPTURE_INPUTS = ['dshow', 'gdigrab', 'ddagrab', 'avfoundation', 'v4l2', 'video4linux2', 'x11grab', 'kmsgrab', 'pulse', 'alsa', 'lavfi'];

/** A 1-second 720p encode to nowhere: proves the driver and the device, not just the build flag. */
export function testEncode(ffmpegPath: string, encoder: HardwareEncoder, timeoutSec = 10): Promise<HardwareCheck> {
  const started = Date.now();
  return new Promise((resolve) => {
    const cmd = ffmpeg({ timeout: timeoutSec, logger: undefined })
      .setFfmpegPath(ffmpegPath)
      .input('testsrc2=size=1280x720:rate=30')
      .inputFormat('lavfi')
      .inputOptions(['-t', '1', ...(encoder === 'h264_vaapi' ? ['-vaapi_device', '/dev/dri/renderD128'] : [])])
      .videoCodec(encoder)
      .outputOptions(encoder === 'h264_vaapi' ? ['-vf', 'format=nv12,hwupload'] : [])
      .noAudio()
      .format('null')
      .output('-');
    cmd.on('end', () => resolve({ encoder, ok: true, ms: Date.now() - started }));
    cmd.on('error', (err: Error, _stdout: string | null, stderr: string | null) => {
      // The encoder's own line ("[h264_nvenc @ 0x…] Cannot load libcuda.so.1") says why; ffmpeg's summary does not.
      const lines = (stderr ?? '').trim().split('\n');
      const last = lines.filter((l) => l.startsWith(`[${encoder}`)).at(-1) ?? lines.filter((l) => !/Conversion failed/.test(l)).at(-1);
      resolve({ encoder, ok: false, error: (last ?? err.message).slice(0, 300), ms: Date.now() - started });
    });
    cmd.run();
  });
}

export async function probeCapabilities(loc: FfmpegLocation, opts: { testHardware?: boolean } = {}): Promise<FfmpegCapabilities> {
  const [ver, enc, dev] = await Promise.all([
    runTool(loc.path, ['-hide_banner', '-version']),
    runTool(loc.path, ['-hide_banner', '-encoders']),
    runTool(loc.path, ['-hide_banner', '-devices']),
  ]);
  const encoders = parseEncoderList(enc.stdout);
  const inputDevices = parseInputDevices(dev.stdout).filter((d) => CAPTURE_INPUTS.includes(d));
  const candidates = hardwareEncoders.filter((e) => encoders.includes(e));
  const hardware: HardwareCheck[] = [];
  if (opts.testHardware !== false) {
    // One at a time: GPUs limit concurrent sessions, and the machine may be encoding already.
    for (const e of candidates) hardware.push(await testEncode(loc.path, e));
  }
  return {
    ...loc,
    version: parseFfmpegVersion(ver.stdout),
    encoders,
    inputDevices,
    hardware,
    verifiedHardware: hardware.filter((h) => h.ok).map((h) => h.encoder),
  };
}
