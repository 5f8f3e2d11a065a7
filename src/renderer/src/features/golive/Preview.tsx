// What viewers receive, played back from the local studio's HTTP-FLV (mpegts.js), so the camera
// is never opened twice. In Tencent mode the same idea needs the play domain; not shown there yet.
import type Mpegts from 'mpegts.js';
import { useEffect, useRef } from 'react';

export function Preview({ url, label }: { url: string; label: string }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    // Loaded on demand: mpegts.js touches browser globals at import time.
    let mpegts: typeof Mpegts | undefined;
    let player: ReturnType<typeof Mpegts.createPlayer> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const start = () => {
      if (cancelled || !mpegts?.isSupported()) return;
      player = mpegts.createPlayer({ type: 'flv', isLive: true, url }, { enableStashBuffer: false, liveBufferLatencyChasing: true, referrerPolicy: 'no-referrer' });
      player.attachMediaElement(el);
      player.on(mpegts.Events.ERROR, () => {
        player?.destroy();
        player = undefined;
        retry = setTimeout(start, 2000);
      });
      player.load();
      void Promise.resolve(player.play()).catch(() => undefined);
    };
    void import('mpegts.js').then((m) => {
      mpegts = m.default;
      start();
    });
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
      player?.destroy();
    };
  }, [url]);
  return <video ref={video} className="golive-preview" muted playsInline aria-label={label} />;
}
