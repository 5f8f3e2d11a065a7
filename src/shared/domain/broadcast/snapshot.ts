// The `broadcast:state` event payload: the whole picture (state, masked target, encoder, recording
// parts, preview file, health), so a reloaded window catches up from one snapshot.
import type { BroadcastError } from './errors';
import type { BroadcastHealth } from './health';
import type { StreamState } from './stateMachine';
import type { ViewerDelayView } from '../streamClock/viewerDelay';

export interface StreamSnapshot {
  state: StreamState;
  /** Push URL with txSecret masked; null when recording only or idle. */
  target: string | null;
  encoder: string | null;
  recording: { files: string[]; error: BroadcastError | null } | null;
  /** JPEG rewritten at the preview rate by the same ffmpeg; null without preview. */
  previewPath: string | null;
  /** The session's last 10 minutes of bitrate, fps and drops, and its warnings; null before the first run. */
  health: BroadcastHealth | null;
  /** Clock time of this snapshot. */
  at: number;
  /** How late viewers see the picture, measured on the play URL while live (absent when not measured). */
  viewerDelay?: ViewerDelayView | null;
  /** One per destination, in the spec's order (main target first), when the show has more than one. */
  destinations?: DestinationView[];
}

/** One destination of a show with several: its own state, error and reconnects. */
export interface DestinationView {
  index: number;
  /** The push URL as shown (signatures and stream keys masked). */
  target: string;
  status: 'connecting' | 'live' | 'reconnecting' | 'failed' | 'stopped';
  /** Reconnect attempt in progress or next (0: the first connect). */
  attempt: number;
  /** Live since (clock ms), while live. */
  since: number | null;
  /** When the next attempt starts, while reconnecting. */
  nextAt: number | null;
  /** Why it last failed; null once live again. */
  error: BroadcastError | null;
  /** Bytes handed to its current connection. */
  bytes: number;
}
