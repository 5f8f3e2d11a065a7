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
    ['stderr-rtmp-dns.txt', 'INGEST_DNS_FAILED'],
    ['stderr-rtmp-dns-offline.txt', 'INGEST_DNS_FAILED'],
    ['stderr-rtmp-dns-tee.txt', 'INGEST_DNS_FAILED'],
    ['stderr-rtmp-unreachable.txt', 'INGEST_UNREACHABLE'],
    ['stderr-rtmp-timeout.txt', 'INGEST_TIMEOUT'],
    ['stderr-rtmp-handshake-timeout.txt', 'INGEST_TIMEOUT'],
    ['stderr-rtmp-handshake-closed.txt', 'INGEST_TIMEOUT'],
  ])('%s → %s', (file, code) => {
    expect(classifyFailure(fixtureLines(file), ctx).code).toBe(code);
  });

  // The host and the cause are the news: "could not be reached" alone sends the host guessing.
  it.each([
    ['stderr-rtmp-dns.txt', 'Cannot resolve nonexistent.invalid (DNS: Name or service not known).'],
    ['stderr-rtmp-dns-offline.txt', 'Cannot resolve push.example.com (DNS: Temporary failure in name resolution).'],
    ['stderr-rtmp-dns-tee.txt', 'Cannot resolve push.stageside.invalid (DNS: Name or service not known).'],
    ['stderr-rtmp-refused.txt', '127.0.0.1:1 refused the connection.'],
    ['stderr-rtmp-unreachable.txt', 'Cannot reach 203.0.113.7:1935 (Network is unreachable).'],
    ['stderr-rtmp-timeout.txt', '127.0.0.1:37705 did not answer (connection timed out).'],
    // "Cannot read RTMP handshake response": the TCP connection was accepted, so nothing refused it.
    ['stderr-rtmp-handshake-timeout.txt', '127.0.0.1:40231 accepted the connection but did not answer the RTMP handshake in time.'],
    ['stderr-rtmp-handshake-closed.txt', '127.0.0.1:45191 accepted the connection but did not answer the RTMP handshake in time.'],
  ])('%s names the host: %s', (file, message) => {
    const e = classifyFailure(fixtureLines(file), ctx);
    expect(e.message).toBe(message);
    expect(e.hint).not.toMatch(/automatically/);
  });

  it('the DNS failure keeps the ffmpeg line as detail and a hint about the push domain', () => {
    const e = classifyFailure(fixtureLines('stderr-rtmp-dns.txt'), ctx);
    expect(e.detail).toBe('[tcp @ 0x5556491fb780] Failed to resolve hostname nonexistent.invalid: Name or service not known');
    expect(e.hint).toMatch(/push domain/);
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
    ['av_interleaved_write_frame(): Connection timed out', 'INGEST_TIMEOUT'],
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

// Other platforms' resolver and socket messages (gai_strerror / Winsock text as ffmpeg prints them).
describe('connect failures on macOS and Windows builds', () => {
  it.each([
    ['[tcp @ 0x7f8] Failed to resolve hostname push.example.com: nodename nor servname provided, or not known', 'INGEST_DNS_FAILED', 'Cannot resolve push.example.com (DNS: nodename nor servname provided, or not known).'],
    ['[tcp @ 000001] Failed to resolve hostname push.example.com: No such host is known. ', 'INGEST_DNS_FAILED', 'Cannot resolve push.example.com (DNS: No such host is known).'],
    ['[udp @ 0x1] getaddrinfo(push.example.com, 9000): Name or service not known', 'INGEST_DNS_FAILED', 'Cannot resolve push.example.com (DNS: Name or service not known).'],
    ['[tcp @ 000001] Connection to tcp://push.example.com:1935?tcp_nodelay=0 failed: Error number -138 occurred', 'INGEST_TIMEOUT', 'push.example.com:1935 did not answer (connection timed out).'],
    ['[tcp @ 000001] Connection to tcp://push.example.com:1935?tcp_nodelay=0 failed: Error number -10061 occurred', 'INGEST_REFUSED', 'push.example.com:1935 refused the connection.'],
    ['[tcp @ 000001] Connection to tcp://[2001:db8::1]:1935?tcp_nodelay=0 failed: Error number -10065 occurred', 'INGEST_UNREACHABLE', 'Cannot reach [2001:db8::1]:1935 (No route to host).'],
  ])('%s', (line, code, message) => {
    expect(classifyFailure([line], ctx)).toMatchObject({ code, message });
  });

  it('without a tcp line the host and port come from the rtmp URL', () => {
    expect(classifyFailure(['rtmp://push.example.com/live/x: Connection refused'], ctx).message).toBe('push.example.com:1935 refused the connection.');
    expect(classifyFailure(['rtmps://push.example.com/live/x: Connection refused'], ctx).message).toBe('push.example.com:443 refused the connection.');
  });

  it('a timeout while writing is not a connect failure: the generic text stays', () => {
    expect(classifyFailure(['av_interleaved_write_frame(): Connection timed out'], { ...ctx, everLive: true, outTimeMs: 60_000 }).message).toBe(
      'The streaming server did not answer in time.',
    );
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
