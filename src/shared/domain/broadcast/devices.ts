// Parsers for ffmpeg's own device listings: dshow (Windows), avfoundation (macOS), v4l2
// `-list_formats all`, `-sources pulse|alsa` and an x11grab probe (Linux), into CaptureDevice.

export type DeviceKind = 'camera' | 'screen' | 'microphone' | 'system-audio';

export interface DeviceFormat {
  /** Raw pixel format (yuyv422, nv12) or compressed codec (mjpeg, h264). */
  format: string;
  width: number;
  height: number;
  maxFps: number | null;
}

export interface CaptureDevice {
  /** What the spec passes back: dshow name, avfoundation index, /dev/videoN, :display.screen, pulse source. */
  id: string;
  kind: DeviceKind;
  label: string;
  formats: DeviceFormat[];
  isDefault?: boolean;
}

/** Drops ffmpeg's `[dshow @ 0x…] ` log prefix. */
const body = (line: string): string => line.replace(/^\[[^\]]*@ ?(?:0x)?[0-9a-fA-F]+\]\s?/, '');

/** Loopback inputs that carry the computer's own sound rather than a microphone. */
const LOOPBACK = /stereo mix|what u hear|wave out|virtual-audio-capturer|cable output|loopback|blackhole|soundflower|monitor of/i;

/** `-list_devices true -f dshow -i dummy`, both the ffmpeg ≥ 4.4 `"Name" (video)` form and the older sectioned form. */
export function parseDshowDevices(output: string): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  let section: 'video' | 'audio' | null = null;
  for (const raw of output.split(/\r?\n/)) {
    const line = body(raw);
    if (/DirectShow video devices/i.test(line)) section = 'video';
    else if (/DirectShow audio devices/i.test(line)) section = 'audio';
    const m = /^\s*"(.+)"\s*(?:\(([^)]*)\))?\s*$/.exec(line);
    if (!m) continue;
    const name = m[1] as string;
    const type = m[2]?.toLowerCase() ?? section;
    if (!type || type === 'none') continue;
    const video = type.includes('video');
    const kind: DeviceKind = video ? 'camera' : LOOPBACK.test(name) ? 'system-audio' : 'microphone';
    devices.push({ id: name, kind, label: name, formats: [] });
  }
  return devices;
}

/** `-list_options true -f dshow -i video=NAME`: `vcodec=mjpeg|pixel_format=yuyv422  min s=WxH fps=F max s=WxH fps=F`. */
export function parseDshowOptions(output: string): DeviceFormat[] {
  const formats: DeviceFormat[] = [];
  const seen = new Set<string>();
  for (const raw of output.split(/\r?\n/)) {
    const m = /(?:vcodec|pixel_format)=(\S+)\s+min s=\d+x\d+ fps=[\d.]+\s+max s=(\d+)x(\d+) fps=([\d.]+)/.exec(body(raw));
    if (!m) continue;
    const f = { format: m[1] as string, width: Number(m[2]), height: Number(m[3]), maxFps: Number(m[4]) };
    const key = `${f.format} ${f.width}x${f.height} ${f.maxFps}`;
    if (!seen.has(key)) formats.push(f);
    seen.add(key);
  }
  return formats;
}

/** `-f avfoundation -list_devices true -i ""`: `[N] Name` under video / audio headings. */
export function parseAvfoundationDevices(output: string): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  let section: 'video' | 'audio' | null = null;
  for (const raw of output.split(/\r?\n/)) {
    const line = body(raw);
    if (/AVFoundation video devices/i.test(line)) section = 'video';
    else if (/AVFoundation audio devices/i.test(line)) section = 'audio';
    const m = /^\[(\d+)\]\s+(.+?)\s*$/.exec(line);
    if (!m || !section) continue;
    const label = m[2] as string;
    const kind: DeviceKind =
      section === 'video' ? (/^Capture screen \d+/i.test(label) ? 'screen' : 'camera') : LOOPBACK.test(label) ? 'system-audio' : 'microphone';
    devices.push({ id: m[1] as string, kind, label, formats: [] });
  }
  return devices;
}

/** `-f v4l2 -list_formats all -i /dev/videoN`: `Raw : yuyv422 : YUYV 4:2:2 : 640x480 1280x720`. */
export function parseV4l2Formats(output: string): DeviceFormat[] {
  const formats: DeviceFormat[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const m = /^(?:Raw|Compressed)\s*:\s*(\S+)\s*:[^:]*:\s*(.+)$/.exec(body(raw).trim());
    if (!m) continue;
    for (const size of (m[2] as string).trim().split(/\s+/)) {
      const s = /^(\d+)x(\d+)$/.exec(size);
      // Stepwise/continuous ranges ("{32-1920, 2}x{32-1080, 2}") are skipped: no discrete sizes to offer.
      if (s) formats.push({ format: m[1] as string, width: Number(s[1]), height: Number(s[2]), maxFps: null });
    }
  }
  return formats;
}

/** `-sources pulse` / `-sources alsa`: `* id [Description]`, the starred one being the default. */
export function parseFfmpegSources(output: string, backend: 'pulse' | 'alsa'): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  for (const raw of output.split(/\r?\n/)) {
    // ffmpeg ≥ 5 appends the media types: `  null [Discard all samples …] (none)`.
    const m = /^\s*(\*)?\s*(\S+)\s+\[(.*)\](?:\s*\(([^)]*)\))?\s*$/.exec(raw);
    if (!m || /^Auto-detected/.test(raw) || m[2] === 'null') continue;
    const name = m[2] as string;
    const label = m[3] as string;
    const kind: DeviceKind = name.endsWith('.monitor') || LOOPBACK.test(label) ? 'system-audio' : 'microphone';
    devices.push({
      id: backend === 'alsa' ? `alsa:${name}` : name,
      kind,
      label: label || name,
      formats: [],
      ...(m[1] ? { isDefault: true } : {}),
    });
  }
  return devices;
}

/** The first video stream's size in an ffmpeg input dump, e.g. from `-f x11grab -i :0.0`. */
export function parseStreamSize(output: string): { width: number; height: number } | null {
  for (const raw of output.split(/\r?\n/)) {
    if (!/Stream #\d+:\d+.*Video:/.test(raw)) continue;
    const m = /,\s*(\d{2,5})x(\d{2,5})\b/.exec(raw);
    if (m) return { width: Number(m[1]), height: Number(m[2]) };
  }
  return null;
}
