import { describe, expect, it } from 'vitest';
import { fixtureLines } from '../../../../test/fixtures/ffmpeg';
import { classifyFailure, lineSignal, type FailureContext } from './stderrClassifier';

const ctx: FailureContext = { everLive: false, outTimeMs: 0, totalSize: null, exitCode: 1, signal: null };

describe('classifyFailure on real ffmpeg stderr', () => {
  it.each([
    ['stderr-v4l2-missing.txt', 'DEVICE_NOT_FOUND'],
    ['stderr-x11grab-no-display.txt', 'DISPLAY_NOT_FOUND'],
    ['stderr-unknown-encoder.txt', 'ENCODER_UNAVAILABLE'],
    ['stderr-nvenc-no-device.txt', 'ENCODER_UNAVAILABLE'],
    ['stderr-rtmp-refused.txt', 'INGEST_REFUSED'],
    ['stderr-rtmp-dns.txt', 'INGEST_UNREACHABLE'],
  ])('%s → %s', (file, code) => {
    expect(classifyFailure(fixtureLines(file), ctx).code).toBe(code);
  });

  it('a publish the server closes before any media went out is an auth rejection (no retry)', () => {
    const e = classifyFailure(fixtureLines('stderr-rtmp-publish-rejected.txt'), { ...ctx, outTimeMs: 500, totalSize: 0 });
    expect(e.code).toBe('INGEST_AUTH_REJECTED');
    expect(e.detail).toContain('Broken pipe');
  });

  it('the same broken pipe after seconds of live is a lost connection', () => {
    const e = classifyFailure(fixtureLines('stderr-rtmp-ingest-died.txt'), { ...ctx, everLive: true, outTimeMs: 9430, totalSize: 2_846_720 });
    expect(e.code).toBe('CONNECTION_LOST');
  });

  it.each([
    ['Server error: publish refused: bad-signature', 'INGEST_AUTH_REJECTED'],
    ['[rtmp @ 0x1] Server error: NetStream.Publish.BadName', 'INGEST_AUTH_REJECTED'],
    ['[video4linux2,v4l2 @ 0x1] Cannot open video device /dev/video0: Device or resource busy', 'DEVICE_BUSY'],
    ['[dshow @ 0000] Could not run graph (sometimes caused by a device already in use by other application)', 'DEVICE_BUSY'],
    ['[dshow @ 0000] Could not find video device with name [Nope] among source devices of type video.', 'DEVICE_NOT_FOUND'],
    ['[AVFoundation indev @ 0x7f] Video device not found', 'DEVICE_NOT_FOUND'],
    ['[alsa @ 0x1] cannot open audio device hw:9 (No such file or directory)', 'DEVICE_NOT_FOUND'],
    ['[tcp @ 0x1] Connection to tcp://10.0.0.1:1935?tcp_nodelay=0 failed: Connection timed out', 'INGEST_TIMEOUT'],
    ['[gdigrab @ 0x1] Capture area (0x0,4000x3000) extends outside window area (0x0,1920x1080)', 'BAD_SPEC'],
    ['[x11grab @ 0x1] Capture area 1920x1080 at position 0.0 outside the screen size 1280x720', 'BAD_SPEC'],
  ])('%s → %s', (line, code) => {
    expect(classifyFailure([line], { ...ctx, everLive: true, outTimeMs: 60_000 }).code).toBe(code);
  });

  it('a signal is a crash; an unexplained exit 1 is UNKNOWN with the last line', () => {
    expect(classifyFailure(['frame=1'], { ...ctx, exitCode: null, signal: 'SIGSEGV' }).code).toBe('FFMPEG_CRASHED');
    const e = classifyFailure(['something odd happened', 'Conversion failed!'], ctx);
    expect(e).toMatchObject({ code: 'UNKNOWN', detail: 'something odd happened' });
  });
});

describe('lineSignal', () => {
  it('spots the push and recording slaves of a tee failing', () => {
    expect(lineSignal('[tee @ 0x1] Slave muxer #0 failed: Broken pipe, continuing with 1/2 slaves.', true)).toEqual({ kind: 'push-failed' });
    expect(lineSignal('[tee @ 0x1] Slave muxer #1 failed: No space left on device, continuing with 1/2 slaves.', true)).toEqual({ kind: 'record-failed' });
    expect(lineSignal('av_interleaved_write_frame(): Broken pipe', false)).toEqual({ kind: 'push-failed' });
    expect(lineSignal('frame=10', false)).toBeNull();
  });
});
