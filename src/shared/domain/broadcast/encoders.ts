// Video encoder choice and its rate-control arguments: x264 veryfast CBR by default, a hardware
// encoder only when the capability probe's test encode passed and the host allowed it.
import type { Platform } from './inputs';
import type { EncodingPlan } from './presets';

export const hardwareEncoders = ['h264_nvenc', 'h264_qsv', 'h264_amf', 'h264_videotoolbox', 'h264_vaapi'] as const;
export type HardwareEncoder = (typeof hardwareEncoders)[number];
export type VideoEncoder = 'libx264' | HardwareEncoder;

/** What the capability probe learnt about one ffmpeg binary. */
export interface EncoderCaps {
  /** Every encoder name `ffmpeg -encoders` lists. */
  encoders: string[];
  /** Hardware encoders whose 1-second test encode succeeded. */
  verifiedHardware: HardwareEncoder[];
}

const preference: Record<Platform, HardwareEncoder[]> = {
  darwin: ['h264_videotoolbox'],
  win32: ['h264_nvenc', 'h264_qsv', 'h264_amf'],
  linux: ['h264_nvenc', 'h264_qsv', 'h264_vaapi'],
};

export function pickEncoder(platform: Platform, caps: EncoderCaps, allowHardware: boolean): VideoEncoder | null {
  if (allowHardware) {
    const hw = preference[platform].find((e) => caps.verifiedHardware.includes(e));
    if (hw) return hw;
  }
  return caps.encoders.includes('libx264') ? 'libx264' : null;
}

/** VAAPI encodes from GPU surfaces: the filter graph must upload frames first. */
export const vaapiUpload = 'format=nv12,hwupload';

export function videoEncoderArgs(encoder: VideoEncoder, plan: EncodingPlan): string[] {
  const b = `${plan.bitrateKbps}k`;
  const rate = ['-b:v', b, '-maxrate', b, '-bufsize', `${plan.bufsizeKbps}k`];
  const gop = ['-g', String(plan.gop), '-keyint_min', String(plan.gop)];
  const bf = plan.noBFrames ? ['-bf', '0'] : [];
  switch (encoder) {
    case 'libx264':
      // sc_threshold 0: no extra keyframes on scene cuts, so the 2 s GOP stays fixed for the CDN.
      return ['-c:v', 'libx264', '-preset', 'veryfast', ...(plan.lowLatency ? ['-tune', 'zerolatency'] : []), '-profile:v', 'high', ...rate, ...gop, '-sc_threshold', '0',
        '-x264-params', 'nal-hrd=cbr', ...bf];
    case 'h264_nvenc':
      return ['-c:v', 'h264_nvenc', '-preset', 'p4', '-tune', 'll', '-rc', 'cbr', ...rate, ...gop, ...bf];
    case 'h264_qsv':
      return ['-c:v', 'h264_qsv', '-preset', 'veryfast', ...rate, ...gop, ...bf];
    case 'h264_amf':
      return ['-c:v', 'h264_amf', '-usage', 'lowlatency', '-rc', 'cbr', ...rate, ...gop, ...bf];
    case 'h264_videotoolbox':
      return ['-c:v', 'h264_videotoolbox', '-realtime', '1', ...rate, ...gop, ...(plan.noBFrames ? ['-bf', '0'] : [])];
    case 'h264_vaapi':
      return ['-c:v', 'h264_vaapi', '-rc_mode', 'CBR', ...rate, ...gop, ...bf];
  }
}

export function audioEncoderArgs(plan: EncodingPlan): string[] {
  return ['-c:a', 'aac', '-b:a', `${plan.audioBitrateKbps}k`, '-ar', String(plan.audioSampleRate), '-ac', '2'];
}
