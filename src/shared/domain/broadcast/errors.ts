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
  message: string;
  hint: string;
  /** The supervisor reconnects by itself only for these; a bad key or spec never loops. */
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
    hint: 'Stageside restarts it automatically; if this repeats, run `stageside doctor` and check the log.',
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
    hint: 'Check the server address and port, and that the server is running; retrying automatically.',
    retryable: true,
  },
  INGEST_AUTH_REJECTED: {
    message: 'The streaming server rejected the stream key or signature.',
    hint: 'Check the stream key, or sign a new push URL (it may have expired, or the stream is already live elsewhere).',
    retryable: false,
  },
  INGEST_TIMEOUT: {
    message: 'The streaming server did not answer in time.',
    hint: 'Check the network connection; retrying automatically.',
    retryable: true,
  },
  INGEST_UNREACHABLE: {
    message: 'The streaming server could not be reached.',
    hint: 'Check the server host name and the network connection; retrying automatically.',
    retryable: true,
  },
  CONNECTION_LOST: {
    message: 'The connection to the streaming server was lost.',
    hint: 'Reconnecting automatically; check the network if this repeats.',
    retryable: true,
  },
  STALLED: {
    message: 'The stream stopped making progress.',
    hint: 'The encoder or the network stalled; reconnecting automatically.',
    retryable: true,
  },
  RECORDING_FAILED: {
    message: 'The local recording could not be written.',
    hint: 'Check free disk space and that the recordings folder is writable; the stream continues.',
    retryable: true,
  },
  UNKNOWN: {
    message: 'The stream failed.',
    hint: 'See the log for the encoder output; retrying automatically.',
    retryable: true,
  },
};

export function broadcastError(code: BroadcastErrorCode, detail?: string): BroadcastError {
  const { message, hint } = broadcastErrorCatalog[code];
  return detail === undefined ? { code, message, hint } : { code, message, hint, detail };
}

export const isRetryable = (code: BroadcastErrorCode): boolean => broadcastErrorCatalog[code].retryable;
