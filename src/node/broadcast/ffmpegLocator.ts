// Finds the ffmpeg binary: the user's setting, then the optional `ffmpeg-static` package (unpacked
// from the asar in packaged builds), then `ffmpeg` on PATH. Missing → FFMPEG_NOT_FOUND with guidance.
import fs from 'node:fs';
import path from 'node:path';
import { broadcastError, type BroadcastError } from '../../shared/domain/broadcast/errors';

export type FfmpegSource = 'setting' | 'ffmpeg-static' | 'path';
export interface FfmpegLocation {
  path: string;
  source: FfmpegSource;
}
export type LocateResult = { ok: true; value: FfmpegLocation } | { ok: false; error: BroadcastError };

export interface LocateOptions {
  /** settings.tools.ffmpegPath or similar; tried first. */
  settingPath?: string | null;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  /** Resolves `ffmpeg-static`'s path; injectable because it is an optional dependency. */
  ffmpegStatic?: () => Promise<string | null>;
}

const isExecutable = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

async function importFfmpegStatic(): Promise<string | null> {
  try {
    const name = 'ffmpeg-static';
    const mod = (await import(/* @vite-ignore */ name)) as { default?: unknown };
    const p = typeof mod.default === 'string' ? mod.default : null;
    // electron-builder unpacks the binary (asarUnpack); the module still reports the asar path.
    return p ? p.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`) : null;
  } catch {
    return null;
  }
}

export function findOnPath(name: string, env: Record<string, string | undefined>, platform: NodeJS.Platform): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase()) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

export async function locateFfmpeg(o: LocateOptions = {}): Promise<LocateResult> {
  const env = o.env ?? process.env;
  const platform = o.platform ?? process.platform;
  const tried: string[] = [];
  if (o.settingPath) {
    if (isExecutable(o.settingPath)) return { ok: true, value: { path: o.settingPath, source: 'setting' } };
    tried.push(`setting ${o.settingPath} (not an executable file)`);
  }
  const staticPath = await (o.ffmpegStatic ?? importFfmpegStatic)();
  if (staticPath && isExecutable(staticPath)) return { ok: true, value: { path: staticPath, source: 'ffmpeg-static' } };
  tried.push(staticPath ? `ffmpeg-static ${staticPath} (missing)` : 'ffmpeg-static (not installed)');
  const onPath = findOnPath('ffmpeg', env, platform);
  if (onPath) return { ok: true, value: { path: onPath, source: 'path' } };
  tried.push('ffmpeg on PATH');
  return { ok: false, error: broadcastError('FFMPEG_NOT_FOUND', `tried: ${tried.join('; ')}`) };
}

/** ffprobe beside the located ffmpeg, else on PATH. */
export function locateFfprobe(ffmpegPath: string, env: Record<string, string | undefined> = process.env): string | null {
  const sibling = path.join(path.dirname(ffmpegPath), path.basename(ffmpegPath).replace(/ffmpeg/i, 'ffprobe'));
  if (sibling !== ffmpegPath && isExecutable(sibling)) return sibling;
  return findOnPath('ffprobe', env, process.platform);
}
