import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures/ffmpeg';
import { LineSplitter, ProgressParser, type ProgressStats } from './progress';

/** Every block of a recorded `-progress pipe:1` output, fed through the line splitter in 512-byte chunks. */
function parse(text: string): ProgressStats[] {
  const lines = new LineSplitter();
  const p = new ProgressParser();
  const out: ProgressStats[] = [];
  for (let i = 0; i < text.length; i += 512) for (const l of lines.push(text.slice(i, i + 512))) out.push(...[p.push(l)].filter((s) => s !== null));
  return out;
}

const block = `frame=284
fps=30.01
stream_0_0_q=23.0
bitrate=2481.6kbits/s
total_size=2924544
out_time_us=9429333
out_time_ms=9429333
out_time=00:00:09.429333
dup_frames=2
drop_frames=1
speed=1.01x
progress=continue
`;

describe('ProgressParser', () => {
  it('turns one -progress block into stats', () => {
    const p = new ProgressParser();
    const out = block.split('\n').map((l) => p.push(l)).filter(Boolean);
    expect(out).toEqual([
      { frame: 284, fps: 30.01, bitrateKbps: 2481.6, totalSize: 2924544, outTimeMs: 9429, dupFrames: 2, dropFrames: 1, speed: 1.01, end: false },
    ]);
  });

  it('N/A values are null; progress=end is flagged', () => {
    const p = new ProgressParser();
    const lines = ['frame=0', 'fps=0.00', 'bitrate=N/A', 'total_size=N/A', 'out_time_us=N/A', 'speed=N/A', 'progress=end'];
    const s = lines.map((l) => p.push(l)).at(-1);
    expect(s).toMatchObject({ frame: 0, bitrateKbps: null, totalSize: null, outTimeMs: 0, speed: null, end: true });
  });
});

// Real Debian ffmpeg 5.1 runs of the argv we build (720p30 test pattern to a local RTMP listener).
describe('recorded -progress output', () => {
  it('with recording on (tee: push + mkv), ffmpeg knows no size and so no bitrate: every block says N/A', () => {
    const blocks = parse(fixture('progress-tee.txt'));
    expect(blocks).toHaveLength(22);
    expect(blocks.every((b) => b.bitrateKbps === null && b.totalSize === null)).toBe(true);
    // Frames, fps and speed are there (averages since the run began), and the last block ends.
    expect(blocks[10]).toMatchObject({ frame: 302, fps: 30, outTimeMs: 9984, dropFrames: 0, speed: 0.992, end: false });
    expect(blocks.slice(0, -1).every((b) => !b.end)).toBe(true);
    expect(blocks.at(-1)).toMatchObject({ end: true });
  });

  it('a push without recording has total_size and bitrate (from the second block)', () => {
    const blocks = parse(fixture('progress-push.txt'));
    expect(blocks.map((b) => b.totalSize)).toEqual([382, 226284, 577078, 940294, 1269482, 1502867]);
    expect(blocks.map((b) => b.bitrateKbps)).toEqual([null, 1885.7, 2326.9, 2519.2, 2545.3, 2905.5]);
  });
});

describe('LineSplitter', () => {
  it('joins lines across chunks and splits \\r', () => {
    const s = new LineSplitter();
    expect(s.push('fra')).toEqual([]);
    expect(s.push('me=1\nfps=3')).toEqual(['frame=1']);
    expect(s.push('0\r\nx\ry')).toEqual(['fps=30', 'x']);
    expect(s.flush()).toEqual(['y']);
  });
});
