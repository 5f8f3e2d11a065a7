// Small file helpers: write-then-rename so a crash never leaves half a settings or secrets file.
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, data: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data, { mode });
  fs.renameSync(tmp, file);
  // rename keeps the tmp file's mode, but an existing file's mode must be tightened too.
  fs.chmodSync(file, mode);
}

export function readFileIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
