// "Viewers see you N s late": what the console shows beside the health figures, per playback
// protocol the console can reach, built from the delay probe's samples (src/node/broadcast/
// viewerDelayProbe.ts). A sample is either a measurement or the reason there is none — never a guess.

export type DelayProtocol = 'flv';

/**
 * measuring: frames arrive, the first clock mark not yet (or not yet a full second of them);
 * ok: measured; no-sei: video arrives but no clock mark in it (a pipeline that strips SEI, or a
 * push without the clock); no-video: the play URL answers but nothing plays; unreachable: it does
 * not answer (`problem` says why).
 */
export type DelayStatus = 'measuring' | 'ok' | 'no-sei' | 'no-video' | 'unreachable';

export interface DelaySample {
  at: number;
  protocol: DelayProtocol;
  status: DelayStatus;
  /** Seconds from capture to a viewer's screen, with the viewer page's buffer policy (ok only). */
  viewerS: number | null;
  /** Seconds from capture to the frame's arrival at the console (the CDN/ingest edge; ok only). */
  edgeS: number | null;
  problem?: string;
}

export interface ViewerDelayView {
  protocol: DelayProtocol;
  status: DelayStatus;
  viewerS: number | null;
  edgeS: number | null;
  problem: string | null;
  /** The last minute of viewerS, one per second (null where not measured). */
  trend: (number | null)[];
}

export const DELAY_TREND_POINTS = 60;

/** The view after one more sample (pure: the renderer and the CLI show it as is). */
export function foldDelay(view: ViewerDelayView | null, s: DelaySample): ViewerDelayView {
  const trend = [...(view?.trend ?? []), s.status === 'ok' ? s.viewerS : null].slice(-DELAY_TREND_POINTS);
  return { protocol: s.protocol, status: s.status, viewerS: s.viewerS, edgeS: s.edgeS, problem: s.problem ?? null, trend };
}
