// `stageside broadcast`: goes live from the command line through the same BroadcastService as
// the app, printing state changes and one stats line per second; exit 0 on a clean stop.
import path from 'node:path';
import { createLogger } from '../../node/infra/logger';
import { defaultDataDir } from '../../node/infra/paths';
import { systemClock } from '../../node/infra/nodeCrypto';
import { BroadcastService } from '../../node/broadcast/broadcastService';
import { currentPlatform } from '../../node/broadcast/deviceLister';
import { locateFfmpeg } from '../../node/broadcast/ffmpegLocator';
import { ShowRecorder } from '../../node/show/showRecorder';
import { showClock, type HealthWarning } from '../../shared/domain/broadcast/health';
import type { DestinationView, StreamSnapshot } from '../../shared/domain/broadcast/snapshot';
import { EARLY_CLOSE_MS } from '../../shared/domain/broadcast/stderrClassifier';
import { MAX_EXTRA_TARGETS, presetNameSchema, type BroadcastSpecInput } from '../../shared/domain/broadcast/spec';
import { parseFlags, readSecret, UsageError, type CliCommand, type CliIo } from '../io';

const KEY_ENV = 'STAGESIDE_STREAM_KEY';
const SOURCES = ['test', 'camera', 'screen', 'pip', 'side-by-side'] as const;

const usage = `Usage: stageside broadcast --source test|camera|screen|pip|side-by-side [devices] --preset 720p30
                          (--push-url URL [--push-url URL2 …] | --server URL --key KEY) [--record FILE] [--duration S]

Goes live with ffmpeg, printing each state change and one stats line per second. Ctrl+C (or the
end of --duration) stops cleanly. Reconnects by itself with backoff when the server drops.
  --source S         test pattern with tone, camera, screen, pip (screen + camera), side-by-side
  --camera ID        linux /dev/videoN (default /dev/video0), windows dshow name, macOS index
  --screen ID        linux :0.0 (default $DISPLAY), windows desktop, macOS avfoundation index
  --mic ID           pulse source / alsa:hw:N, dshow audio name, avfoundation audio index
  --system-audio ID  loopback device (pulse *.monitor, Stereo Mix, BlackHole)
  --preset P         720p30 (2.5 Mbps), 1080p30 (4.5 Mbps), portrait720 (720x1280) (default 720p30)
  --bitrate KBPS     override the preset's video bitrate
  --no-b-frames      for WebRTC/LEB playback
  --low-latency      low-latency preset: x264 zerolatency, no B-frames, 0.5 s keyframe interval
  --hardware         use a hardware encoder when its 1-second test encode passes
  --push-url URL     full rtmp:// URL (e.g. from \`stageside push-url\` or the studio's demoPushUrl);
                     repeat it for more destinations: one encode feeds them all, each reconnects
                     alone, a "destination N" line when one changes state
  --server URL       OBS-style server, with --key (or - for stdin, or $${KEY_ENV})
  --record FILE      also record to FILE (.mkv or .mp4); parts FILE.part1.mkv, .part2 … per reconnect;
                     on stop, chapters go into the parts and a show report (FILE.show.html, .json) beside them
  --duration S       stop after S seconds
  --ffmpeg PATH      ffmpeg binary (default: ffmpeg-static, then PATH)
  --json             print every snapshot as a JSON line instead of text

Exit codes: 0 stopped cleanly (with several destinations: while at least one was still trying),
1 failed (with several: every destination gave up) (the error code and a hint are printed), 2 bad flags.`;

const secs = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const warningText: Record<HealthWarning, string> = {
  overloaded: 'encoder overloaded: choose a lighter preset',
  dropping: 'frames are being dropped',
};

/**
 * The first `live` line waits until the push has been up for EARLY_CLOSE_MS: a server that closes
 * it sooner refused it (a wrong key: the classifier's rule), so nothing was ever live.
 */
export const liveLineDue = (s: StreamSnapshot): boolean => s.state.kind === 'live' && s.at - s.state.since >= EARLY_CLOSE_MS;

export function describeSnapshot(s: StreamSnapshot, now: number): string {
  const st = s.state;
  switch (st.kind) {
    case 'idle':
      return 'idle';
    case 'preparing':
      return 'preparing';
    case 'connecting':
      return `connecting${st.attempt ? ` (reconnect ${st.attempt})` : ''} to ${s.target ?? 'recording only'}`;
    case 'live': {
      const x = st.stats;
      const f = (v: number | null | undefined, d = 0) => (v === null || v === undefined ? '-' : v.toFixed(d));
      // The whole show across reconnects, the time off air apart; "~" marks an estimated bitrate.
      const clock = showClock(st, now);
      const offAir = clock && clock.outages > 0 ? ` (off air ${secs(clock.offAirMs)}, ${plural(clock.outages, 'outage')})` : '';
      const warnings = (s.health?.warnings ?? []).map((w) => `  WARNING: ${warningText[w]}`).join('');
      return `live ${secs(clock?.liveForMs ?? now - st.since)}${offAir}  fps ${f(x?.fps, 1)}  ${x?.bitrateEstimated ? '~' : ''}${f(x?.bitrateKbps)} kbps  speed ${f(x?.speed, 2)}x  drop ${x?.dropFrames ?? 0}  dup ${x?.dupFrames ?? 0}  cpu ${f(x?.cpuPercent)}%  mem ${f(x?.memoryMb)} MB${warnings}`;
    }
    case 'reconnecting':
      return `reconnecting: attempt ${st.attempt}/${st.maxAttempts} in ${((st.nextAt - now) / 1000).toFixed(1)} s after ${st.lastError.code}: ${st.lastError.message}${st.lastError.detail ? ` (${st.lastError.detail})` : ''}`;
    case 'stopping':
      return 'stopping';
    case 'ended': {
      const rec = s.recording?.files.length ? `; recording: ${s.recording.files.join(', ')}` : '';
      if (!st.summary.wentLive) return `ended: stopped before going live${rec}`;
      const { outages, reconnects } = st.summary;
      const drops = outages === 0 ? 'no outages' : `${plural(outages, 'outage')}, ${plural(reconnects, 'reconnect attempt')}`;
      return `ended: live ${secs(st.summary.liveMs)}, ${drops}${rec}`;
    }
    case 'failed':
      return `failed: ${st.error.code}: ${st.error.message}${st.error.detail ? ` (${st.error.detail})` : ''}\nhint: ${st.error.hint}`;
  }
}

/** The main target and the destinations after it (each further --push-url). */
async function targets(f: { 'push-url'?: string[]; server?: string; key?: string }, io: CliIo): Promise<Pick<BroadcastSpecInput, 'target' | 'extraTargets'>> {
  const urls = f['push-url'] ?? [];
  if (urls.length > 0 && f.server) throw new UsageError('Use either --push-url or --server/--key, not both');
  if (urls.length > MAX_EXTRA_TARGETS + 1) throw new UsageError(`At most ${MAX_EXTRA_TARGETS + 1} --push-url destinations`);
  const [first, ...rest] = urls;
  if (first !== undefined) return { target: { kind: 'url', url: first }, extraTargets: rest.map((url) => ({ kind: 'url' as const, url })) };
  if (f.server) return { target: { kind: 'server', server: f.server, key: await readSecret(f.key, KEY_ENV, '--key', io) } };
  return { target: { kind: 'none' } };
}

/** A destination's line when its state changed: `destination 2 rtmp://…/s: live`, or why not. */
export function describeDestination(d: DestinationView, now: number): string {
  const head = `destination ${d.index + 1} ${d.target}: `;
  const why = d.error ? ` after ${d.error.code}: ${d.error.message}${d.error.detail ? ` (${d.error.detail})` : ''}` : '';
  switch (d.status) {
    case 'connecting':
      return `${head}connecting${d.attempt ? ` (reconnect ${d.attempt})` : ''}`;
    case 'live':
      return `${head}live`;
    case 'reconnecting':
      return `${head}reconnecting: attempt ${d.attempt} in ${(Math.max(0, (d.nextAt ?? now) - now) / 1000).toFixed(1)} s${why}`;
    case 'failed':
      return `${head}failed${why}`;
    case 'stopped':
      return `${head}stopped`;
  }
}

export const broadcastCommand: CliCommand = {
  summary: 'Go live with ffmpeg (test pattern, camera, screen, PiP) to an RTMP URL; record locally',
  usage,
  async run(argv, io) {
    const f = parseFlags(argv, {
      source: { type: 'string', default: 'test' },
      camera: { type: 'string' },
      screen: { type: 'string' },
      mic: { type: 'string' },
      'system-audio': { type: 'string' },
      preset: { type: 'string', default: '720p30' },
      bitrate: { type: 'string' },
      'no-b-frames': { type: 'boolean', default: false },
      'low-latency': { type: 'boolean', default: false },
      hardware: { type: 'boolean', default: false },
      'push-url': { type: 'string', multiple: true },
      server: { type: 'string' },
      key: { type: 'string' },
      record: { type: 'string' },
      duration: { type: 'string' },
      ffmpeg: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const source = SOURCES.find((s) => s === f.source);
    if (!source) throw new UsageError(`--source must be one of ${SOURCES.join(', ')}`);
    const preset = presetNameSchema.safeParse(f.preset);
    if (!preset.success) throw new UsageError('--preset must be 720p30, 1080p30 or portrait720');
    const duration = f.duration === undefined ? undefined : Number(f.duration);
    if (duration !== undefined && !(duration > 0)) throw new UsageError('--duration must be a positive number of seconds');
    const { target: tgt, extraTargets } = await targets(f, io);
    if (tgt.kind === 'none' && !f.record) throw new UsageError('Give a target (--push-url, or --server and --key) or --record FILE');
    const platform = currentPlatform();
    const needsCamera = source === 'camera' || source === 'pip' || source === 'side-by-side';
    const needsScreen = source === 'screen' || source === 'pip' || source === 'side-by-side';
    const camera = f.camera ?? (platform === 'linux' ? '/dev/video0' : undefined);
    const screen = f.screen ?? (platform === 'linux' ? io.env.DISPLAY : platform === 'win32' ? 'desktop' : undefined);
    if (needsCamera && !camera) throw new UsageError('--camera is required (see `stageside doctor` for ids)');
    if (needsScreen && !screen) throw new UsageError('--screen is required (see `stageside doctor` for ids)');
    const record = f.record ? path.resolve(f.record) : undefined;
    const ext = record ? path.extname(record).toLowerCase() : '';
    const spec: BroadcastSpecInput = {
      layout: source,
      ...(needsCamera ? { camera: { id: camera as string } } : {}),
      ...(needsScreen ? { screen: { id: screen as string } } : {}),
      audio: { ...(f.mic ? { mic: f.mic } : {}), ...(f['system-audio'] ? { systemAudio: f['system-audio'] } : {}) },
      video: { preset: preset.data, noBFrames: f['no-b-frames'], lowLatency: f['low-latency'], allowHardware: f.hardware, ...(f.bitrate ? { bitrateKbps: Number(f.bitrate) } : {}) },
      target: tgt,
      ...(extraTargets?.length ? { extraTargets } : {}),
      ...(record ? { record: { name: path.basename(record, ext), container: ext === '.mp4' ? 'mp4' : 'mkv' } } : {}),
    };

    const dataDir = defaultDataDir(io.env);
    const log = createLogger({ dir: path.join(dataDir, 'logs'), name: 'broadcast' });
    let lastKind = '';
    let lastStatsAt = 0;
    const printedSteps = new Set<string>();
    const destinationLines = new Map<number, string>();
    const resolveFfmpeg = () => locateFfmpeg({ settingPath: f.ffmpeg ?? io.env.STAGESIDE_FFMPEG ?? null, env: io.env });
    const recordingsDir = record ? path.dirname(record) : path.join(dataDir, 'recordings');
    // A recorded broadcast gets the app's show report and chapters when it stops (same module).
    const show = record
      ? new ShowRecorder({
          recordingsDir,
          log,
          chapters: { ffmpegPath: async () => ((l) => (l.ok ? l.value.path : null))(await resolveFfmpeg()) },
          onWritten: (w) => {
            const chaptered = w.data.recording.filter((p) => p.error === null).length;
            io.stdout(f.json ? JSON.stringify({ showReport: { html: w.htmlPath, json: w.jsonPath } }) : `show report: ${w.htmlPath} (data: ${w.jsonPath}); chapters written into ${chaptered} of ${w.data.recording.length} recording part(s)`);
          },
        })
      : undefined;
    const svc = new BroadcastService({
      log,
      clock: systemClock,
      resolveFfmpeg,
      recordingsDir,
      onState: (s) => {
        show?.broadcast(s);
        if (f.json) return io.stdout(JSON.stringify(s));
        // Each destination's state, when it changes (not its countdown).
        for (const d of s.destinations ?? []) {
          const key = `${d.status}:${d.attempt}:${d.error?.code ?? ''}`;
          if (destinationLines.get(d.index) === key) continue;
          destinationLines.set(d.index, key);
          io.stdout(describeDestination(d, s.at));
        }
        const kindChanged = s.state.kind !== lastKind;
        if (s.state.kind === 'preparing' || s.state.kind === 'connecting') {
          // The go-live checklist, one line per step as it completes.
          for (const c of s.state.checklist) {
            const key = `${c.step}:${c.status}`;
            if ((c.status === 'ok' || c.status === 'failed') && !printedSteps.has(key)) io.stdout(`  ${c.status === 'ok' ? '✓' : '✗'} ${c.step}`);
            printedSteps.add(key);
          }
          if (s.state.kind === 'preparing' && !kindChanged) return;
        }
        if (s.state.kind === 'reconnecting') printedSteps.clear();
        if (s.state.kind === 'live') {
          // Live stats at most once a second, from the moment the push counts as accepted.
          if (!liveLineDue(s) || (!kindChanged && s.at - lastStatsAt < 950)) return;
          lastStatsAt = s.at;
        }
        // Other state changes always.
        if (kindChanged || s.state.kind === 'live') io.stdout(describeSnapshot(s, s.at));
        lastKind = s.state.kind;
      },
    });

    const done = new Promise<StreamSnapshot>((resolve) => {
      const check = setInterval(() => {
        const k = svc.getState().state.kind;
        if (k === 'ended' || k === 'failed') {
          clearInterval(check);
          resolve(svc.getState());
        }
      }, 100);
    });
    const onSignal = () => void svc.stop();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    io.interrupt?.addEventListener('abort', onSignal, { once: true });
    const timer = duration ? setTimeout(onSignal, duration * 1000) : undefined;
    try {
      await svc.start(spec);
      const end = await done;
      return end.state.kind === 'ended' ? 0 : 1;
    } finally {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      io.interrupt?.removeEventListener('abort', onSignal);
      await svc.dispose();
      await show?.settled();
    }
  },
};
