// Maps ffmpeg's stderr (real messages from v4l2, dshow, avfoundation, x11grab, pulse/alsa, the
// RTMP protocol and the tee muxer) to broadcast error codes, and spots a dropped push or recording.
import { broadcastError, type BroadcastError, type BroadcastErrorCode } from './errors';

type Rule = [RegExp, BroadcastErrorCode];

/** Root causes first: a missing camera also makes the output fail, but the camera is the news. */
const rules: Rule[] = [
  [/Unknown encoder '|Encoder \S+ not found|Cannot load lib(?:nvidia-encode|cuda)|No NVENC capable devices|OpenEncodeSessionEx failed|Error initializing an internal MFX session|Failed to initialise VAAPI|DLL amfrt\d+\.dll failed to open|cannot create compression session|Error while opening encoder for output stream/i, 'ENCODER_UNAVAILABLE'],
  [/Cannot open display|Can't find window|No such display|Failed to find screen/i, 'DISPLAY_NOT_FOUND'],
  [/Capture area .* outside|extends outside (?:window|the screen)|Invalid frame size|Error initializing (?:complex )?filters?|Unrecognized option|Option \S+ not found/i, 'BAD_SPEC'],
  [/(?:Cannot open video device|cannot open audio device|\/dev\/video\d+:).*(?:Device or resource busy)|Could not run graph|already in use by (?:an)?other application|Device or resource busy/i, 'DEVICE_BUSY'],
  [/(?:\/dev\/video\d+|video device|audio device).*Permission denied|not authorized to capture|Operation not permitted.*(?:video|audio)/i, 'DEVICE_PERMISSION'],
  [/Could not find (?:video|audio(?: only)?) device with name|(?:Video|Audio) device not found|Cannot open video device .*No such file or directory|\/dev\/video\d+: No such file or directory|cannot open audio device .*No such|pa_simple_new\(\) failed: No such entity|Invalid device index|Could not enumerate (?:video|audio) devices/i, 'DEVICE_NOT_FOUND'],
];

// Connect failures, as ffmpeg's tcp protocol logs them (Linux/macOS strerror; Windows builds print
// "Error number -N occurred": -138 ETIMEDOUT and -107 ECONNREFUSED of the MSVC C library, and the
// raw WSAE* socket codes).
const DNS = /Failed to resolve hostname|Name or service not known|nodename nor servname provided|No such host is known|Temporary failure in name resolution|getaddrinfo\b/i;
const UNREACHABLE = /No route to host|Network is unreachable|Error number -(?:10065|10051|110|118) occurred/i;
// The server took the TCP connection but never completed the RTMP handshake: ffmpeg logs this line,
// then the read's end (`Connection timed out` after -rw_timeout, or `End of file` when the server
// hung up). Nothing was refused; the server did not answer in time.
const HANDSHAKE = /Cannot read RTMP handshake response/i;
const TIMEOUT = new RegExp(`Connection timed out|Operation timed out|Error number -(?:138|10060) occurred|${HANDSHAKE.source}`, 'i');
const REFUSED = /Connection to tcp:\/\/\S+ failed: (?:Connection refused|Error number -(?:107|10061) occurred)|rtmps?:\/\/\S*: Connection refused|Server error:/i;

const ingestRules: Rule[] = [
  [DNS, 'INGEST_DNS_FAILED'],
  [UNREACHABLE, 'INGEST_UNREACHABLE'],
  [TIMEOUT, 'INGEST_TIMEOUT'],
  [REFUSED, 'INGEST_REFUSED'],
  [/Broken pipe|Connection reset by peer|End of file|Input\/output error|Error number -10054/i, 'CONNECTION_LOST'],
];

const WINDOWS_ERRNO: Record<string, string> = {
  '-138': 'Connection timed out', '-10060': 'Connection timed out', '-107': 'Connection refused', '-10061': 'Connection refused',
  '-110': 'No route to host', '-10065': 'No route to host', '-118': 'Network is unreachable', '-10051': 'Network is unreachable',
};
const cause = (text: string): string => {
  const t = text.trim().replace(/\.$/, '').trim();
  const win = /^Error number (-\d+) occurred$/.exec(t);
  return (win && WINDOWS_ERRNO[win[1] as string]) ?? t;
};

/** `host:port` ffmpeg was connecting to: its tcp URL (`tcp://h:1935?…`), else the rtmp URL. */
function endpoint(lines: readonly string[]): string | null {
  for (const l of lines) {
    const tcp = /tcp:\/\/(\[[^\]]+\]:\d+|[^/?\s:]+:\d+)/.exec(l);
    if (tcp) return tcp[1] as string;
  }
  for (const l of lines) {
    const url = /(rtmps?):\/\/(\[[^\]]+\]|[^/?\s:'|]+)(?::(\d+))?/i.exec(l);
    if (url) return `${url[2]}:${url[3] ?? (url[1]?.toLowerCase() === 'rtmps' ? '443' : '1935')}`;
  }
  return null;
}
const hostOf = (ep: string): string => ep.replace(/:\d+$/, '');

/**
 * The message for a failed connect, naming the host and the cause ffmpeg logged (e.g. "Cannot
 * resolve push.example.com (DNS: Name or service not known)."); null keeps the catalogue's text,
 * e.g. for a timeout while writing, which is not a connect failure.
 */
function connectMessage(code: BroadcastErrorCode, lines: readonly string[], line: string): string | null {
  if (code === 'INGEST_TIMEOUT' && HANDSHAKE.test(line)) {
    const ep = endpoint(lines);
    return `${ep ?? 'The streaming server'} accepted the connection but did not answer the RTMP handshake in time.`;
  }
  if (code === 'INGEST_DNS_FAILED') {
    const m = /Failed to resolve hostname (\S+?):\s*(.+)$/i.exec(line) ?? /getaddrinfo\(([^,)\s]+)[^)]*\):\s*(.+)$/i.exec(line);
    const ep = endpoint(lines);
    const host = m?.[1] ?? (ep ? hostOf(ep) : null);
    const why = m?.[2] ? cause(m[2]) : cause(line.replace(/^\[[^\]]*\]\s*/, ''));
    return host ? `Cannot resolve ${host} (DNS: ${why}).` : `The streaming server's name could not be resolved (DNS: ${why}).`;
  }
  const connect = /Connection to tcp:\/\/\S+ failed:\s*(.+)$/i.exec(line) ?? /^rtmps?:\/\/\S*:\s*(Connection refused|Connection timed out|No route to host|Network is unreachable)\s*$/i.exec(line.trim());
  if (!connect) return null;
  const ep = endpoint([line]) ?? endpoint(lines);
  if (!ep) return null;
  if (code === 'INGEST_REFUSED') return `${ep} refused the connection.`;
  if (code === 'INGEST_TIMEOUT') return `${ep} did not answer (connection timed out).`;
  if (code === 'INGEST_UNREACHABLE') return `Cannot reach ${ep} (${cause(connect[1] as string)}).`;
  return null;
}

/** An RTMP onStatus error whose text says the publish itself was refused (key, signature, expiry). */
const AUTH_TEXT = /Server error:.*(?:refused|BadName|BadAuth|auth|signature|expired|denied|forbidden|unauthori[sz]ed|invalid)/i;

/** A push closed by the server before this much media went out was refused, not dropped. */
export const EARLY_CLOSE_MS = 2000;
const EARLY_CLOSE_BYTES = 16 * 1024;

export interface FailureContext {
  /** The push had been accepted and live (progress with frames going out). */
  everLive: boolean;
  /** Media time sent before the failure. */
  outTimeMs: number;
  /** Bytes written by the push output; null when unknown (tee). */
  totalSize: number | null;
  exitCode: number | null;
  signal: string | null;
}

const firstMatch = (lines: readonly string[], list: Rule[]): { code: BroadcastErrorCode; line: string } | null => {
  for (const [re, code] of list) {
    const line = lines.find((l) => re.test(l));
    if (line !== undefined) return { code, line: line.trim().slice(0, 400) };
  }
  return null;
};

/** What one stderr line means while running, if anything. */
export type LineSignal = { kind: 'push-failed' } | { kind: 'record-failed' };

export function lineSignal(line: string, tee: boolean): LineSignal | null {
  if (tee) {
    const slave = /Slave muxer #(\d+) failed/.exec(line);
    if (slave) return slave[1] === '0' ? { kind: 'push-failed' } : { kind: 'record-failed' };
    return null;
  }
  // Without tee a push write error closes only that output; ffmpeg may go on with the preview.
  if (/^av_interleaved_write_frame\(\):|^Error (?:writing trailer|closing file) of rtmp/i.test(line)) return { kind: 'push-failed' };
  return null;
}

/** The error to report for a run that ended (or whose push dropped), from its recent stderr. */
export function classifyFailure(lines: readonly string[], ctx: FailureContext): BroadcastError {
  const root = firstMatch(lines, rules);
  if (root) return broadcastError(root.code, root.line);
  const auth = lines.find((l) => AUTH_TEXT.test(l));
  if (auth) return broadcastError('INGEST_AUTH_REJECTED', auth.trim().slice(0, 400));
  const ingest = firstMatch(lines, ingestRules);
  if (ingest) {
    // Our studio and nginx-rtmp drop a refused publish without a status ffmpeg gets to read:
    // the first media write then fails. Measured: 0 kB out, ~0.5 s of media (README of docs/broadcasting.md).
    const early = !ctx.everLive && ctx.outTimeMs < EARLY_CLOSE_MS && (ctx.totalSize === null || ctx.totalSize < EARLY_CLOSE_BYTES);
    if (ingest.code === 'CONNECTION_LOST' && early) {
      return broadcastError('INGEST_AUTH_REJECTED', `server closed the connection as soon as the stream was published: ${ingest.line}`);
    }
    return broadcastError(ingest.code, ingest.line, connectMessage(ingest.code, lines, ingest.line) ?? undefined);
  }
  if (/No space left on device/i.test(lines.join('\n'))) return broadcastError('RECORDING_FAILED', 'No space left on device');
  if (ctx.signal && ctx.signal !== 'SIGTERM' && ctx.signal !== 'SIGINT') {
    return broadcastError('FFMPEG_CRASHED', `ffmpeg was killed by ${ctx.signal}`);
  }
  const last = [...lines].reverse().find((l) => l.trim() !== '' && !l.startsWith('frame=') && !/Conversion failed/.test(l));
  // ffmpeg exits 1 on ordinary errors and 255 when interrupted; anything else is a crash.
  if (ctx.exitCode !== null && ctx.exitCode > 1 && ctx.exitCode !== 255) {
    return broadcastError('FFMPEG_CRASHED', `ffmpeg exited with code ${ctx.exitCode}${last ? `: ${last.trim().slice(0, 300)}` : ''}`);
  }
  return broadcastError('UNKNOWN', last?.trim().slice(0, 300));
}
