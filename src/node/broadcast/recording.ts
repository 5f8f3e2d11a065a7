// Where recordings go: one session name, one numbered part per ffmpeg run
// (`<name>.part1.mkv`, `.part2.mkv` after a reconnect), so nothing is ever overwritten or appended.
import fs from 'node:fs';
import path from 'node:path';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `stageside-20250101-093000` in local time. */
export function defaultSessionName(nowMs: number): string {
  const d = new Date(nowMs);
  return `stageside-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

export class RecordingParts {
  readonly files: string[] = [];
  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly ext: 'mkv' | 'mp4',
  ) {}

  /** The next part's path; the folder is created on first use. */
  next(): string {
    fs.mkdirSync(this.dir, { recursive: true });
    let n = this.files.length + 1;
    let file = path.join(this.dir, `${this.name}.part${n}.${this.ext}`);
    // A second session with the same name in the same second must not clobber the first.
    while (fs.existsSync(file)) file = path.join(this.dir, `${this.name}.part${++n}.${this.ext}`);
    this.files.push(file);
    return file;
  }

  /** Parts that actually hold data (a run that failed before writing leaves nothing useful). */
  written(): string[] {
    return this.files.filter((f) => {
      try {
        return fs.statSync(f).size > 0;
      } catch {
        return false;
      }
    });
  }
}

/** A part's size on disk now (the tee muxer tells ffmpeg no output size); null before it exists. */
export async function writtenBytes(file: string): Promise<number | null> {
  try {
    return (await fs.promises.stat(file)).size;
  } catch {
    return null;
  }
}
