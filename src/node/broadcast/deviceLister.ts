// Lists capture devices by running ffmpeg's own listings for the OS (dshow, avfoundation, v4l2 +
// /dev/video*, X displays, pulse/alsa sources) and feeding the output to the pure parsers.
import fs from 'node:fs';
import path from 'node:path';
import {
  parseAvfoundationDevices, parseDshowDevices, parseDshowOptions, parseFfmpegSources, parseStreamSize, parseV4l2Formats,
  type CaptureDevice,
} from '../../shared/domain/broadcast/devices';
import type { Platform } from '../../shared/domain/broadcast/inputs';
import { runTool } from './run';

const H = '-hide_banner';

async function listWindows(ff: string): Promise<CaptureDevice[]> {
  const r = await runTool(ff, [H, '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy']);
  const devices = parseDshowDevices(r.stderr);
  for (const d of devices.filter((x) => x.kind === 'camera')) {
    const o = await runTool(ff, [H, '-list_options', 'true', '-f', 'dshow', '-i', `video=${d.id}`], 5000);
    d.formats = parseDshowOptions(o.stderr);
  }
  return [{ id: 'desktop', kind: 'screen', label: 'Entire desktop (all monitors)', formats: [] }, ...devices];
}

async function listMac(ff: string): Promise<CaptureDevice[]> {
  const r = await runTool(ff, [H, '-f', 'avfoundation', '-list_devices', 'true', '-i', '']);
  return parseAvfoundationDevices(r.stderr);
}

/** X servers with a local socket, plus $DISPLAY; each probed once for its size. */
export function xDisplays(env: Record<string, string | undefined>): string[] {
  const ids = new Set<string>();
  if (env.DISPLAY) ids.add(env.DISPLAY.includes('.') ? env.DISPLAY : `${env.DISPLAY}.0`);
  try {
    for (const f of fs.readdirSync('/tmp/.X11-unix')) {
      const m = /^X(\d+)$/.exec(f);
      if (m) ids.add(`:${m[1]}.0`);
    }
  } catch {
    // no X server
  }
  return [...ids];
}

async function listLinux(ff: string, env: Record<string, string | undefined>): Promise<CaptureDevice[]> {
  const devices: CaptureDevice[] = [];
  let nodes: string[] = [];
  try {
    nodes = fs.readdirSync('/dev').filter((f) => /^video\d+$/.test(f)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  } catch {
    nodes = [];
  }
  for (const n of nodes) {
    const dev = `/dev/${n}`;
    const r = await runTool(ff, [H, '-f', 'v4l2', '-list_formats', 'all', '-i', dev], 5000);
    const formats = parseV4l2Formats(r.stderr);
    // UVC cameras expose a second metadata node with no formats: not a camera.
    if (formats.length === 0) continue;
    let label = n;
    try {
      label = fs.readFileSync(path.join('/sys/class/video4linux', n, 'name'), 'utf8').trim() || n;
    } catch {
      // keep the node name
    }
    devices.push({ id: dev, kind: 'camera', label, formats });
  }
  for (const display of xDisplays(env)) {
    const r = await runTool(ff, [H, '-f', 'x11grab', '-i', display, '-frames:v', '1', '-f', 'null', '-'], 5000);
    const size = parseStreamSize(r.stderr);
    if (!size) continue;
    devices.push({ id: display, kind: 'screen', label: `X display ${display} (${size.width}×${size.height})`, formats: [{ format: 'bgr0', ...size, maxFps: null }] });
  }
  const pulse = await runTool(ff, [H, '-sources', 'pulse'], 5000);
  let audio = parseFfmpegSources(pulse.stdout, 'pulse');
  if (audio.length === 0) audio = parseFfmpegSources((await runTool(ff, [H, '-sources', 'alsa'], 5000)).stdout, 'alsa');
  return [...devices, ...audio];
}

export async function listDevices(ffmpegPath: string, platform: Platform, env: Record<string, string | undefined> = process.env): Promise<CaptureDevice[]> {
  switch (platform) {
    case 'win32':
      return listWindows(ffmpegPath);
    case 'darwin':
      return listMac(ffmpegPath);
    case 'linux':
      return listLinux(ffmpegPath, env);
  }
}

export function currentPlatform(): Platform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
}
