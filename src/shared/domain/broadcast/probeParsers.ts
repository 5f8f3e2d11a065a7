// Parsers for ffmpeg's self-description (`-version`, `-encoders`, `-devices`), used by the
// capability probe and `stageside doctor`.

/** "ffmpeg version 5.1.9-0+deb12u1 Copyright …" → "5.1.9-0+deb12u1"; also git builds ("N-112-g…"). */
export function parseFfmpegVersion(output: string): string | null {
  return /ffmpeg version (\S+)/.exec(output)?.[1] ?? null;
}

/** ` V....D libx264   libx264 H.264 …` → names of video and audio encoders. */
export function parseEncoderList(output: string): string[] {
  const names: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*([VAS])[.FSXBD]{5}\s+(\S+)\s/.exec(line);
    if (m && m[2] !== '=') names.push(m[2] as string);
  }
  return names;
}

/** ` D  x11grab  X11 screen capture` → demuxing (input) device names, aliases split on ",". */
export function parseInputDevices(output: string): string[] {
  const names: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*D[E ]?\s+(\S+)\s/.exec(line);
    if (m && m[1] !== '=') names.push(...(m[1] as string).split(','));
  }
  return names;
}
