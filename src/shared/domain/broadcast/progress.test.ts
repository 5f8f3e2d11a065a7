import { describe, expect, it } from 'vitest';
import { LineSplitter, ProgressParser } from './progress';

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

describe('LineSplitter', () => {
  it('joins lines across chunks and splits \\r', () => {
    const s = new LineSplitter();
    expect(s.push('fra')).toEqual([]);
    expect(s.push('me=1\nfps=3')).toEqual(['frame=1']);
    expect(s.push('0\r\nx\ry')).toEqual(['fps=30', 'x']);
    expect(s.flush()).toEqual(['y']);
  });
});
