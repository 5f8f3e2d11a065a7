// Glass-to-glass measurement for bench:glass and bench:align: a picture that carries its own
// capture time, and a page probe that reads it off every frame Chromium presents.
//
// The stamp: ffmpeg's test source gets a strip of 24 boxes drawn by drawbox, box k white when bit k
// of the wall-clock millisecond (RTCTIME, taken as the frame is generated) is 1; the
// frames' own timestamps are then put back (N/fps). A wrapper script adds the chain to the
// `testsrc2=` input of whatever ffmpeg runs with it (the app's through settings.ffmpegPath, or the
// bare baseline), so both sides run exactly the builder's argv (plus a one-packet input queue, so a
// frame is generated when -re releases it, as a camera delivers it). The page draws only the strip of each
// presented frame (requestVideoFrameCallback) into a canvas, reads the bits and pairs them with the
// frame's expected display time: glass-to-glass = display − capture, one clock on one machine.
import fs from 'node:fs';
import path from 'node:path';

const BITS = 24;
const X0 = 16;
const Y0 = 16;
const BOX = 24;
const GAP = 8;

/** The filter chain that stamps each frame with its wall-clock capture millisecond (mod 2^24). */
export function stampChain(fps: number): string {
  const parts = [`settb=1/1000000,setpts=RTCTIME,drawbox=x=${X0 - 4}:y=${Y0 - 4}:w=${BITS * (BOX + GAP) + 8}:h=${BOX + 8}:color=black:t=fill`];
  for (let k = 0; k < BITS; k++) {
    parts.push(`drawbox=x=${X0 + k * (BOX + GAP)}:y=${Y0}:w=${BOX}:h=${BOX}:color=white:t=fill:enable='mod(floor(t*1000/${2 ** k}),2)'`);
  }
  parts.push(`settb=1/${fps},setpts=N`);
  return parts.join(',');
}

/** Writes the wrapper (an ffmpeg that stamps its test source) into `dir`; returns its path. */
export function stampedFfmpeg(dir: string, realFfmpeg: string, fps = 30): string {
  const file = path.join(dir, 'stamped-ffmpeg.sh');
  // Each testsrc2= input gets the chain; every other argument passes through as given.
  fs.writeFileSync(
    file,
    `#!/usr/bin/env bash
args=()
prev=""
for a in "$@"; do
  # A lavfi input read on its own thread would be generated up to 8 frames (267 ms) before -re
  # releases it, stamping it early; a one-packet queue keeps the stamp at the release, as a camera's.
  if [ "$a" = "-i" ] && [ "$prev" = "lavfi" ]; then args+=("-thread_queue_size" "1"); fi
  case "$a" in testsrc2=*) args+=("$a,${stampChain(fps)}") ;; *) args+=("$a") ;; esac
  prev="$a"
done
exec '${realFfmpeg}' "\${args[@]}"
`,
    { mode: 0o755 },
  );
  return file;
}

/**
 * The page probe (an init script): finds the page's <video>, and for every presented frame pushes
 * [display wall ms, capture wall ms] into window.__glass.samples; on the viewer page, the frame
 * presented when a product card appears goes into window.__glass.cards.
 */
export const GLASS_PROBE = `(() => {
  const BITS = ${BITS}, X0 = ${X0}, Y0 = ${Y0}, BOX = ${BOX}, GAP = ${GAP}, M = 2 ** BITS;
  const g = (window.__glass = { samples: [], last: null, cards: [], lastShown: '' });
  const canvas = document.createElement('canvas');
  canvas.width = BITS * (BOX + GAP);
  canvas.height = BOX;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const hook = (v) => {
    const onFrame = (_now, md) => {
      if (v.videoWidth >= 1280) {
        ctx.drawImage(v, X0, Y0, canvas.width, canvas.height, 0, 0, canvas.width, canvas.height);
        const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let val = 0;
        for (let k = 0; k < BITS; k++) {
          const i = ((BOX >> 1) * canvas.width + k * (BOX + GAP) + (BOX >> 1)) * 4;
          if (d[i] + d[i + 1] + d[i + 2] > 384) val += 2 ** k;
        }
        const display = performance.timeOrigin + md.expectedDisplayTime;
        const capture = display - ((((display - val) % M) + M) % M);
        g.last = { display, capture };
        g.samples.push([display, capture]);
        // The viewer page's product card: the first frame presented after it appeared.
        const card = document.querySelector('section.product');
        const shown = card && !card.hidden ? card.dataset.shownAt || '' : '';
        if (shown && shown !== g.lastShown) {
          g.lastShown = shown;
          g.cards.push({ title: card.querySelector('h2')?.textContent || '', at: Number(card.dataset.at) || null, shownAt: Number(shown), capture, display });
        }
        if (g.samples.length > 20000) g.samples.splice(0, 10000);
      }
      v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  };
  const find = setInterval(() => {
    const v = document.querySelector('video');
    if (v) {
      clearInterval(find);
      hook(v);
    }
  }, 50);
})();`;

/** /proc/<pid>/stat utime+stime in seconds (Linux), or null. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

export const loadAverage = (): string => {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
};
