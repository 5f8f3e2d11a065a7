// Parses ffmpeg's `-progress pipe:1` output: key=value lines in blocks closed by
// `progress=continue|end`, turned into typed stats (N/A values become null).

export interface ProgressStats {
  frame: number;
  fps: number | null;
  bitrateKbps: number | null;
  /** Bytes written; null when ffmpeg cannot tell (the tee muxer has no single file). */
  totalSize: number | null;
  outTimeMs: number;
  dupFrames: number;
  dropFrames: number;
  speed: number | null;
  end: boolean;
}

const num = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : null;
};

export function toProgressStats(fields: ReadonlyMap<string, string>): ProgressStats {
  const outUs = num(fields.get('out_time_us')) ?? num(fields.get('out_time_ms'));
  const size = num(fields.get('total_size'));
  return {
    frame: num(fields.get('frame')) ?? 0,
    fps: num(fields.get('fps')),
    bitrateKbps: num(fields.get('bitrate')?.replace(/kbits\/s$/, '')),
    totalSize: size !== null && size >= 0 ? size : null,
    outTimeMs: outUs !== null && outUs >= 0 ? Math.round(outUs / 1000) : 0,
    dupFrames: num(fields.get('dup_frames')) ?? 0,
    dropFrames: num(fields.get('drop_frames')) ?? 0,
    speed: num(fields.get('speed')?.replace(/x$/, '')),
    end: fields.get('progress') === 'end',
  };
}

/** Incremental: feed lines (or chunks split into lines) and receive each completed block. */
export class ProgressParser {
  private fields = new Map<string, string>();

  /** Returns the stats when `line` closes a block. */
  push(line: string): ProgressStats | null {
    const eq = line.indexOf('=');
    if (eq <= 0) return null;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    this.fields.set(key, value);
    if (key !== 'progress') return null;
    const stats = toProgressStats(this.fields);
    this.fields = new Map();
    return stats;
  }
}

/** Splits a text stream into lines across chunk boundaries (\n, \r\n and bare \r). */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const parts = text.split(/\r\n|\n|\r/);
    this.rest = parts.pop() ?? '';
    return parts;
  }

  flush(): string[] {
    const r = this.rest;
    this.rest = '';
    return r ? [r] : [];
  }
}
