// The ffmpeg input arguments for each source on each OS: dshow/gdigrab (Windows), avfoundation
// (macOS), v4l2/x11grab/pulse/alsa (Linux) and lavfi test sources; pure, so tested per platform.
import type { EncodingPlan } from './presets';
import type { BroadcastSpec } from './spec';

export type Platform = 'win32' | 'darwin' | 'linux';

export interface FfmpegInput {
  role: 'camera' | 'screen' | 'test-video' | 'mic' | 'system-audio' | 'test-audio' | 'silence';
  args: string[];
}

type Camera = NonNullable<BroadcastSpec['camera']>;
type Screen = NonNullable<BroadcastSpec['screen']>;

/** Capture devices get a deep queue: a slow encoder must not make the device drop frames. */
const QUEUE = ['-thread_queue_size', '1024'];

export function cameraInput(platform: Platform, cam: Camera, plan: EncodingPlan): FfmpegInput {
  const size = `${cam.width ?? plan.width}x${cam.height ?? plan.height}`;
  const rate = String(cam.fps ?? plan.fps);
  switch (platform) {
    case 'linux':
      return {
        role: 'camera',
        args: [...QUEUE, '-f', 'v4l2', ...(cam.inputFormat ? ['-input_format', cam.inputFormat] : []),
          '-framerate', rate, '-video_size', size, '-i', cam.id],
      };
    case 'win32':
      // dshow buffers raw frames in rtbufsize; the 3 MB default overflows at 720p.
      return {
        role: 'camera',
        args: [...QUEUE, '-f', 'dshow', '-rtbufsize', '256M', ...(cam.inputFormat ? ['-vcodec', cam.inputFormat] : []),
          '-framerate', rate, '-video_size', size, '-i', `video=${cam.id}`],
      };
    case 'darwin':
      // avfoundation takes "video:audio"; "none" keeps the camera's own microphone closed.
      return {
        role: 'camera',
        args: [...QUEUE, '-f', 'avfoundation', '-framerate', rate, '-video_size', size, '-i', `${cam.id}:none`],
      };
  }
}

export function screenInput(platform: Platform, screen: Screen, plan: EncodingPlan): FfmpegInput {
  const rate = String(plan.fps);
  const r = screen.region;
  const mouse = screen.drawMouse ? '1' : '0';
  switch (platform) {
    case 'linux': {
      // x11grab: `:display.screen+x,y`; without -video_size it grabs the whole screen.
      const display = r ? `${screen.id}+${r.x},${r.y}` : screen.id;
      return {
        role: 'screen',
        args: [...QUEUE, '-f', 'x11grab', '-draw_mouse', mouse, '-framerate', rate,
          ...(r ? ['-video_size', `${r.width}x${r.height}`] : []), '-i', display],
      };
    }
    case 'win32':
      return {
        role: 'screen',
        args: [...QUEUE, '-f', 'gdigrab', '-draw_mouse', mouse, '-framerate', rate,
          ...(r ? ['-offset_x', String(r.x), '-offset_y', String(r.y), '-video_size', `${r.width}x${r.height}`] : []),
          '-i', screen.id],
      };
    case 'darwin':
      // avfoundation cannot grab a region: layout.ts crops it instead.
      return {
        role: 'screen',
        args: [...QUEUE, '-f', 'avfoundation', '-capture_cursor', mouse, '-framerate', rate, '-i', `${screen.id}:none`],
      };
  }
}

export function audioDeviceInput(platform: Platform, id: string, role: 'mic' | 'system-audio'): FfmpegInput {
  switch (platform) {
    case 'linux':
      // `alsa:hw:1,0` selects ALSA; anything else is a PulseAudio/PipeWire source name.
      return id.startsWith('alsa:')
        ? { role, args: [...QUEUE, '-f', 'alsa', '-i', id.slice(5)] }
        : { role, args: [...QUEUE, '-f', 'pulse', '-i', id] };
    case 'win32':
      return { role, args: [...QUEUE, '-f', 'dshow', '-rtbufsize', '64M', '-i', `audio=${id}`] };
    case 'darwin':
      return { role, args: [...QUEUE, '-f', 'avfoundation', '-i', `none:${id}`] };
  }
}

export function testVideoInput(plan: EncodingPlan): FfmpegInput {
  // -re paces lavfi at real time, as a device would.
  return { role: 'test-video', args: ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${plan.width}x${plan.height}:rate=${plan.fps}`] };
}

export function testAudioInput(plan: EncodingPlan): FfmpegInput {
  return { role: 'test-audio', args: ['-re', '-f', 'lavfi', '-i', `sine=frequency=1000:sample_rate=${plan.audioSampleRate}`] };
}

export function silenceInput(plan: EncodingPlan): FfmpegInput {
  return { role: 'silence', args: ['-f', 'lavfi', '-i', `anullsrc=channel_layout=stereo:sample_rate=${plan.audioSampleRate}`] };
}
