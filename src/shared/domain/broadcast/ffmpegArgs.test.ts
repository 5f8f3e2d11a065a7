import { describe, expect, it } from 'vitest';
import { buildFfmpegArgs, teeEscape, type OutputPaths } from './ffmpegArgs';
import type { EncoderCaps } from './encoders';
import type { Platform } from './inputs';
import { broadcastSpecSchema, type BroadcastSpecInput } from './spec';

const caps: EncoderCaps = { encoders: ['libx264', 'aac', 'h264_nvenc'], verifiedHardware: [] };
const push: OutputPaths = { pushUrl: 'rtmp://push.example.com/live/s?txSecret=abc&txTime=6B0', recordPath: null, previewPath: null };

function build(input: BroadcastSpecInput, platform: Platform = 'linux', out: OutputPaths = push, c: EncoderCaps = caps) {
  const r = buildFfmpegArgs(broadcastSpecSchema.parse(input), platform, c, out);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}
const after = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];
const inputsOf = (args: string[]): string[] => args.flatMap((a, i) => (a === '-i' ? [args[i + 1] as string] : []));
const formatsOf = (args: string[]): string[] =>
  args.flatMap((a, i) => (a === '-f' && args.slice(i).includes('-i') && args.indexOf('-filter_complex') > i ? [args[i + 1] as string] : []));

const target = { kind: 'url' as const, url: push.pushUrl as string };
const cam = { id: '/dev/video0' };

describe('buildFfmpegArgs: encoding', () => {
  it('720p30 test pattern: x264 veryfast CBR 2500k, GOP 2 s, AAC 128k 48 kHz, progress on stdout, rw_timeout', () => {
    const { args } = build({ layout: 'test', target });
    expect(inputsOf(args)).toEqual(['testsrc2=size=1280x720:rate=30', 'sine=frequency=1000:sample_rate=48000']);
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-preset')).toBe('veryfast');
    expect([after(args, '-b:v'), after(args, '-maxrate'), after(args, '-bufsize')]).toEqual(['2500k', '2500k', '5000k']);
    expect([after(args, '-g'), after(args, '-keyint_min'), after(args, '-sc_threshold')]).toEqual(['60', '60', '0']);
    expect([after(args, '-c:a'), after(args, '-b:a'), after(args, '-ar')]).toEqual(['aac', '128k', '48000']);
    expect(after(args, '-progress')).toBe('pipe:1');
    expect(after(args, '-rw_timeout')).toBe('5000000');
    expect(args.slice(-5)).toEqual(['-f', 'flv', '-flvflags', 'no_duration_filesize', push.pushUrl]);
    expect(args).not.toContain('-bf');
  });

  it.each([
    ['1080p30', 1920, 1080, '4500k'],
    ['portrait720', 720, 1280, '2500k'],
  ] as const)('%s preset → %ix%i at %s', (preset, w, h, rate) => {
    const { args } = build({ layout: 'camera', camera: cam, video: { preset }, target });
    expect(after(args, '-filter_complex')).toContain(`scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}`);
    expect(after(args, '-b:v')).toBe(rate);
  });

  it('noBFrames adds -bf 0; fps override keeps GOP at 2 s', () => {
    const { args } = build({ layout: 'test', video: { preset: '720p30', fps: 25, noBFrames: true }, target });
    expect(after(args, '-bf')).toBe('0');
    expect(after(args, '-g')).toBe('50');
  });

  it('uses a hardware encoder only when allowed and verified', () => {
    expect(build({ layout: 'test', video: { allowHardware: true }, target }).encoder).toBe('libx264');
    const hw = build({ layout: 'test', video: { allowHardware: true }, target }, 'linux', push, { ...caps, verifiedHardware: ['h264_nvenc'] });
    expect(hw.encoder).toBe('h264_nvenc');
    expect(after(hw.args, '-rc')).toBe('cbr');
    expect(build({ layout: 'test', target }, 'linux', push, { ...caps, verifiedHardware: ['h264_nvenc'] }).encoder).toBe('libx264');
  });

  it('fails with ENCODER_UNAVAILABLE without libx264, BAD_SPEC with no output', () => {
    const spec = broadcastSpecSchema.parse({ layout: 'test', target });
    expect(buildFfmpegArgs(spec, 'linux', { encoders: ['aac'], verifiedHardware: [] }, push)).toMatchObject({ ok: false, error: { code: 'ENCODER_UNAVAILABLE' } });
    expect(buildFfmpegArgs(spec, 'linux', caps, { pushUrl: null, recordPath: null, previewPath: null })).toMatchObject({ ok: false, error: { code: 'BAD_SPEC' } });
  });
});

describe('buildFfmpegArgs: sources per OS', () => {
  it('linux: v4l2 camera, x11grab screen region, pulse mic, alsa system audio', () => {
    const { args } = build({
      layout: 'pip',
      camera: { id: '/dev/video2', inputFormat: 'mjpeg' },
      screen: { id: ':0.0', region: { x: 100, y: 50, width: 1280, height: 720 } },
      audio: { mic: 'default', systemAudio: 'alsa:hw:Loopback,1' },
      target,
    });
    expect(formatsOf(args)).toEqual(['x11grab', 'v4l2', 'pulse', 'alsa']);
    expect(inputsOf(args)).toEqual([':0.0+100,50', '/dev/video2', 'default', 'hw:Loopback,1']);
    expect(after(args, '-input_format')).toBe('mjpeg');
    expect(after(args, '-video_size')).toBe('1280x720');
    expect(after(args, '-filter_complex')).toContain('amix=inputs=2');
  });

  it('win32: dshow camera and mic with rtbufsize, gdigrab desktop', () => {
    const { args } = build({ layout: 'side-by-side', camera: { id: 'Integrated Camera' }, screen: { id: 'desktop' }, audio: { mic: 'Microphone (Realtek)' }, target }, 'win32');
    expect(formatsOf(args)).toEqual(['gdigrab', 'dshow', 'dshow']);
    expect(inputsOf(args)).toEqual(['desktop', 'video=Integrated Camera', 'audio=Microphone (Realtek)']);
    expect(after(args, '-rtbufsize')).toBe('256M');
  });

  it('win32: a gdigrab region uses offsets', () => {
    const { args } = build({ layout: 'screen', screen: { id: 'desktop', region: { x: 1920, y: 0, width: 1920, height: 1080 } }, target }, 'win32');
    expect([after(args, '-offset_x'), after(args, '-offset_y'), after(args, '-video_size')]).toEqual(['1920', '0', '1920x1080']);
  });

  it('darwin: avfoundation camera "N:none", screen with cursor, region by crop, mic "none:N"', () => {
    const { args } = build({ layout: 'pip', camera: { id: '0' }, screen: { id: '2', region: { x: 0, y: 0, width: 1440, height: 900 } }, audio: { mic: '0' }, target }, 'darwin');
    expect(formatsOf(args)).toEqual(['avfoundation', 'avfoundation', 'avfoundation']);
    expect(inputsOf(args)).toEqual(['2:none', '0:none', 'none:0']);
    expect(after(args, '-capture_cursor')).toBe('1');
    expect(after(args, '-filter_complex')).toContain('crop=1440:900:0:0');
  });

  it('camera only without a mic sends silence', () => {
    const { args } = build({ layout: 'camera', camera: cam, target });
    expect(inputsOf(args)).toEqual(['/dev/video0', 'anullsrc=channel_layout=stereo:sample_rate=48000']);
  });
});

describe('buildFfmpegArgs: layouts', () => {
  it.each([
    ['top-left', 'x=24:y=24'],
    ['top-right', 'x=main_w-overlay_w-24:y=24'],
    ['bottom-left', 'x=24:y=main_h-overlay_h-24'],
    ['bottom-right', 'x=main_w-overlay_w-24:y=main_h-overlay_h-24'],
  ] as const)('PiP %s', (corner, xy) => {
    const { args } = build({ layout: 'pip', camera: cam, screen: { id: ':0.0' }, pip: { corner, size: 0.25, margin: 24 }, target });
    const g = after(args, '-filter_complex') as string;
    expect(g).toContain('[1:v]scale=320:-2');
    expect(g).toContain(`overlay=${xy}`);
  });

  it('PiP size and margin scale with the canvas (portrait 9:16)', () => {
    const g = after(build({ layout: 'pip', camera: cam, screen: { id: ':0.0' }, pip: { corner: 'top-left', size: 0.4, margin: 40 }, video: { preset: 'portrait720' }, target }).args, '-filter_complex') as string;
    expect(g).toContain('scale=288:-2');
    expect(g).toContain('overlay=x=40:y=40');
    expect(g).toContain('pad=720:1280');
  });

  it('side by side: hstack halves on landscape, vstack on portrait', () => {
    const land = after(build({ layout: 'side-by-side', camera: cam, screen: { id: ':0.0' }, target }).args, '-filter_complex') as string;
    expect(land).toContain('pad=640:720');
    expect(land).toContain('hstack=inputs=2');
    const port = after(build({ layout: 'side-by-side', camera: cam, screen: { id: ':0.0' }, video: { preset: 'portrait720' }, target }).args, '-filter_complex') as string;
    expect(port).toContain('pad=720:640');
    expect(port).toContain('vstack=inputs=2');
  });
});

describe('buildFfmpegArgs: outputs', () => {
  it('push + recording: one encode, tee with onfail=ignore on both slaves, global headers', () => {
    const { args, outputs } = build({ layout: 'test', target, record: {} }, 'linux', { ...push, recordPath: '/rec/a.part1.mkv' });
    expect(outputs.tee).toBe(true);
    expect(after(args, '-f')).not.toBe('tee');
    expect(args).toContain('tee');
    expect(after(args, '-flags')).toBe('+global_header');
    expect(args.at(-1)).toBe(`[f=flv:flvflags=no_duration_filesize:onfail=ignore]${push.pushUrl}|[f=matroska:onfail=ignore]/rec/a.part1.mkv`);
  });

  it('fragmented MP4 recording alone', () => {
    const { args } = build({ layout: 'test', target: { kind: 'none' }, record: { container: 'mp4' } }, 'linux', { pushUrl: null, recordPath: '/rec/a.mp4', previewPath: null });
    expect(args.slice(-5)).toEqual(['-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '/rec/a.mp4']);
  });

  it('tee escapes Windows paths', () => {
    expect(teeEscape('C:\\Users\\me\\rec [1].mkv')).toBe('C:\\\\Users\\\\me\\\\rec \\[1\\].mkv');
  });

  it('preview: a low-rate JPEG from the same graph (camera opened once)', () => {
    const { args, outputs } = build({ layout: 'camera', camera: cam, target, preview: { fps: 1, width: 320 } }, 'linux', { ...push, previewPath: '/tmp/p.jpg' });
    expect(outputs.preview).toBe(true);
    expect(inputsOf(args).filter((i) => i === '/dev/video0')).toHaveLength(1);
    expect(after(args, '-filter_complex')).toContain('[vout]split=2[vmain][vpv];[vpv]fps=1,scale=320:-2[vpre]');
    expect(args.slice(-12)).toEqual(['-map', '[vpre]', '-an', '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2', '-update', '1', '/tmp/p.jpg']);
  });
});

describe('broadcastSpecSchema', () => {
  it.each([
    [{ layout: 'pip', screen: { id: ':0' }, target }, 'camera'],
    [{ layout: 'test', target: { kind: 'none' } }, 'record'],
    [{ layout: 'test', target: { kind: 'url', url: 'http://x' } }, 'url'],
    [{ layout: 'screen', screen: { id: ':0', region: { x: 0, y: 0, width: 101, height: 100 } }, target }, 'width'],
    [{ layout: 'test', target: { kind: 'lvb', domain: 'p.example.com', streamName: 's', expiresInHours: 1 } }, 'expiresInHours'],
  ])('rejects %j (%s)', (input, field) => {
    const r = broadcastSpecSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(field);
  });
});
