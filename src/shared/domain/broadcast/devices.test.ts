import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures/ffmpeg';
import {
  parseAvfoundationDevices, parseDshowDevices, parseDshowOptions, parseFfmpegSources, parseStreamSize, parseV4l2Formats,
} from './devices';
import { parseEncoderList, parseFfmpegVersion, parseInputDevices } from './probeParsers';

describe('device listing parsers', () => {
  it('dshow (ffmpeg ≥ 4.4 form): cameras, microphone, Stereo Mix as system audio, skips (none)', () => {
    expect(parseDshowDevices(fixture('dshow-list-devices.txt')).map((d) => [d.kind, d.id])).toEqual([
      ['camera', 'Integrated Camera'],
      ['camera', 'OBS Virtual Camera'],
      ['microphone', 'Microphone Array (Realtek(R) Audio)'],
      ['system-audio', 'Stereo Mix (Realtek(R) Audio)'],
    ]);
  });

  it('dshow (older sectioned form)', () => {
    expect(parseDshowDevices(fixture('dshow-list-devices-legacy.txt')).map((d) => [d.kind, d.id])).toEqual([
      ['camera', 'HD Pro Webcam C920'],
      ['microphone', 'Microphone (HD Pro Webcam C920)'],
      ['system-audio', 'virtual-audio-capturer'],
    ]);
  });

  it('dshow options: distinct formats with max size and fps', () => {
    expect(parseDshowOptions(fixture('dshow-list-options.txt'))).toEqual([
      { format: 'mjpeg', width: 1280, height: 720, maxFps: 30 },
      { format: 'mjpeg', width: 1920, height: 1080, maxFps: 30 },
      { format: 'yuyv422', width: 640, height: 480, maxFps: 30 },
      { format: 'yuyv422', width: 1280, height: 720, maxFps: 10 },
    ]);
  });

  it('avfoundation: cameras, screens, mic, BlackHole as system audio', () => {
    expect(parseAvfoundationDevices(fixture('avfoundation-list-devices.txt')).map((d) => [d.kind, d.id, d.label])).toEqual([
      ['camera', '0', 'FaceTime HD Camera'],
      ['camera', '1', 'OBS Virtual Camera'],
      ['screen', '2', 'Capture screen 0'],
      ['screen', '3', 'Capture screen 1'],
      ['microphone', '0', 'MacBook Pro Microphone'],
      ['system-audio', '1', 'BlackHole 2ch'],
      ['microphone', '2', 'ZoomAudioDevice'],
    ]);
  });

  it('v4l2 -list_formats all', () => {
    const f = parseV4l2Formats(fixture('v4l2-list-formats.txt'));
    expect(f).toHaveLength(10);
    expect(f).toContainEqual({ format: 'mjpeg', width: 1920, height: 1080, maxFps: null });
    expect(f).toContainEqual({ format: 'yuyv422', width: 1280, height: 720, maxFps: null });
  });

  it('-sources pulse: monitor is system audio, * is the default', () => {
    expect(parseFfmpegSources(fixture('sources-pulse.txt'), 'pulse')).toEqual([
      { id: 'alsa_output.pci-0000_00_1f.3.analog-stereo.monitor', kind: 'system-audio', label: 'Monitor of Built-in Audio Analog Stereo', formats: [] },
      { id: 'alsa_input.pci-0000_00_1f.3.analog-stereo', kind: 'microphone', label: 'Built-in Audio Analog Stereo', formats: [], isDefault: true },
    ]);
    expect(parseFfmpegSources('Auto-detected sources for alsa:\n  null [Discard all samples] (none)\n  hw:CARD=PCH,DEV=0 [HDA Intel PCH] (none)', 'alsa')).toEqual([
      { id: 'alsa:hw:CARD=PCH,DEV=0', kind: 'microphone', label: 'HDA Intel PCH', formats: [] },
    ]);
  });

  it('x11grab probe: the stream size', () => {
    expect(parseStreamSize("Input #0, x11grab, from ':99':\n  Stream #0:0: Video: rawvideo (BGR[0] / 0x524742), bgr0, 1280x720, 884736 kb/s, 29.97 fps")).toEqual({ width: 1280, height: 720 });
  });
});

describe('probe parsers (real Debian ffmpeg 5.1 output)', () => {
  it('version, encoders, input devices', () => {
    expect(parseFfmpegVersion(fixture('version-debian-5.1.txt'))).toBe('5.1.9-0+deb12u1');
    const enc = parseEncoderList(fixture('encoders-debian-5.1.txt'));
    expect(enc).toEqual(expect.arrayContaining(['libx264', 'aac', 'h264_nvenc', 'h264_vaapi', 'mjpeg']));
    expect(enc).not.toContain('=');
    expect(parseInputDevices(fixture('devices-debian-5.1.txt'))).toEqual(expect.arrayContaining(['x11grab', 'v4l2', 'video4linux2', 'pulse', 'alsa', 'lavfi']));
  });
});
