// The broadcast engine's failure catalogue (Streamlabs' stream-error pattern): a stable code, the
// text shown to the host, a support hint, and whether the supervisor may retry on its own.

export type BroadcastErrorCode =
  | 'FFMPEG_NOT_FOUND'
  | 'FFMPEG_CRASHED'
  | 'BAD_SPEC'
  | 'DEVICE_NOT_FOUND'
  | 'DEVICE_BUSY'
  | 'DEVICE_PERMISSION'
  | 'DISPLAY_NOT_FOUND'
  | 'ENCODER_UNAVAILABLE'
  | 'INGEST_REFUSED'
  | 'INGEST_AUTH_REJECTED'
  | 'INGEST_TIMEOUT'
  | 'INGEST_UNREACHABLE'
  | 'INGEST_DNS_FAILED'
  | 'CONNECTION_LOST'
  | 'STALLED'
  | 'RECORDING_FAILED'
  | 'UNKNOWN';

export interface BroadcastError {
  code: BroadcastErrorCode;
  message: string;
  hint: string;
  /** A masked ffmpeg line or other evidence, for logs and "details". */
  detail?: string;
}

interface CatalogEntry {
  /** The generic text; the classifier replaces it with one naming the host when ffmpeg said which. */
  message: string;
  /** Shown with the `failed` state, so it never promises an automatic retry. */
  hint: string;
  /**
   * The supervisor reconnects by itself only for these, and only after the push had been live: a
   * failure on the first connect is reported at once (stateMachine.ts). A bad key or spec never loops.
   */
  retryable: boolean;
}

export const broadcastErrorCatalog: Record<BroadcastErrorCode, CatalogEntry> = {
  FFMPEG_NOT_FOUND: {
    message: 'ffmpeg was not found.',
    hint: 'Install ffmpeg (Windows: winget install Gyan.FFmpeg; macOS: brew install ffmpeg; Debian/Ubuntu: sudo apt install ffmpeg) or set its path in Settings.',
    retryable: false,
  },
  FFMPEG_CRASHED: {
    message: 'The encoder process stopped unexpectedly.',
    hint: 'If this repeats, run `stageside doctor` and check the log.',
    retryable: true,
  },
  BAD_SPEC: {
    message: 'The broadcast settings are not valid.',
    hint: 'Check the source, canvas size, bitrate and target fields.',
    retryable: false,
  },
  DEVICE_NOT_FOUND: {
    message: 'A capture device was not found.',
    hint: 'Reconnect the camera or microphone, then pick it again from the device list.',
    retryable: false,
  },
  DEVICE_BUSY: {
    message: 'A capture device is in use by another application.',
    hint: 'Close other apps that use the camera (video calls, OBS, the browser) and try again.',
    retryable: false,
  },
  DEVICE_PERMISSION: {
    message: 'Access to a capture device was denied.',
    hint: 'Allow camera, microphone and screen recording for Stageside in the system privacy settings.',
    retryable: false,
  },
  DISPLAY_NOT_FOUND: {
    message: 'The screen to capture was not found.',
    hint: 'Pick a display from the device list; on Linux check DISPLAY and that X11 (not Wayland) is running.',
    retryable: false,
  },
  ENCODER_UNAVAILABLE: {
    message: 'The selected video encoder is not available.',
    hint: 'Choose the x264 (software) encoder or update the graphics driver.',
    retryable: false,
  },
  INGEST_REFUSED: {
    message: 'The streaming server refused the connection.',
    hint: 'Check the server address and port, and that the server is running and accepts RTMP.',
    retryable: true,
  },
  INGEST_AUTH_REJECTED: {
    message: 'The streaming server rejected the stream key or signature.',
    hint: 'Check the stream key, or sign a new push URL (it may have expired, or the stream is already live elsewhere).',
    retryable: false,
  },
  INGEST_TIMEOUT: {
    message: 'The streaming server did not answer in time.',
    hint: 'Check the network connection, and that a firewall or proxy lets outgoing RTMP (TCP port 1935) through.',
    retryable: true,
  },
  INGEST_UNREACHABLE: {
    message: 'The streaming server could not be reached.',
    hint: 'Check the network connection and the server address.',
    retryable: true,
  },
  INGEST_DNS_FAILED: {
    message: "The streaming server's name could not be resolved (DNS).",
    hint: 'Check the spelling of the push domain or server address (for Tencent LVB: the push domain is added in the console and its CNAME record exists), and that this computer is online.',
    retryable: true,
  },
  CONNECTION_LOST: {
    message: 'The connection to the streaming server was lost.',
    hint: 'Check the network connection; if it keeps dropping, lower the bitrate.',
    retryable: true,
  },
  STALLED: {
    message: 'The stream stopped making progress.',
    hint: 'The encoder or the network stalled: check the network, and the CPU load of the encoder.',
    retryable: true,
  },
  RECORDING_FAILED: {
    message: 'The local recording could not be written.',
    hint: 'Check free disk space and that the recordings folder is writable; the stream continues.',
    retryable: true,
  },
  UNKNOWN: {
    message: 'The stream failed.',
    hint: 'See the log for the encoder output.',
    retryable: true,
  },
};

/** `message` replaces the catalogue's generic text, e.g. with the host and cause ffmpeg named. */
export function broadcastError(code: BroadcastErrorCode, detail?: string, message?: string): BroadcastError {
  const { hint } = broadcastErrorCatalog[code];
  const text = message ?? broadcastErrorCatalog[code].message;
  return detail === undefined ? { code, message: text, hint } : { code, message: text, hint, detail };
}

export const isRetryable = (code: BroadcastErrorCode): boolean => broadcastErrorCatalog[code].retryable;
