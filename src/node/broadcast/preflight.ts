// The go-live checklist's cheap checks before ffmpeg starts: sign the target URL and look for the
// devices the spec names where the OS makes that instant (Linux device nodes and X sockets).
import fs from 'node:fs';
import { broadcastError, type BroadcastError } from '../../shared/domain/broadcast/errors';
import type { Platform } from '../../shared/domain/broadcast/inputs';
import type { BroadcastSpec, BroadcastTarget } from '../../shared/domain/broadcast/spec';
import type { CryptoPort } from '../../shared/domain/cryptoPort';
import { buildPushUrls } from '../../shared/domain/lvbAuth';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: BroadcastError };

/** The push URL for a target; null when recording only. LVB URLs are signed here, valid ≥ 24 h. */
export function resolveTargetUrl(target: BroadcastTarget, crypto: CryptoPort, nowMs: number, pushKey?: string): Checked<string | null> {
  switch (target.kind) {
    case 'none':
      return { ok: true, value: null };
    case 'url':
      return { ok: true, value: target.url };
    case 'server':
      return { ok: true, value: `${target.server.replace(/\/+$/, '')}/${target.key.replace(/^\/+/, '')}` };
    case 'lvb': {
      const key = target.key ?? pushKey;
      if (!key) return { ok: false, error: broadcastError('BAD_SPEC', 'no LVB push key: set it in Settings → Secrets') };
      try {
        const expiresAt = Math.floor(nowMs / 1000) + Math.round(target.expiresInHours * 3600);
        const urls = buildPushUrls(crypto, { domain: target.domain, appName: target.appName, streamName: target.streamName, key, expiresAt });
        return { ok: true, value: urls.rtmp };
      } catch (e) {
        return { ok: false, error: broadcastError('BAD_SPEC', e instanceof Error ? e.message : String(e)) };
      }
    }
  }
}

/** Missing Linux camera nodes and X displays fail here, before a spawn; other OSes let ffmpeg say it. */
export function checkDevices(spec: BroadcastSpec, platform: Platform): BroadcastError | null {
  if (platform !== 'linux') return null;
  const usesCamera = spec.camera && spec.layout !== 'screen' && spec.layout !== 'test';
  const usesScreen = spec.screen && spec.layout !== 'camera' && spec.layout !== 'test';
  if (usesCamera && spec.camera && spec.camera.id.startsWith('/dev/') && !fs.existsSync(spec.camera.id)) {
    return broadcastError('DEVICE_NOT_FOUND', `${spec.camera.id}: No such file or directory`);
  }
  const display = usesScreen ? /^:(\d+)(?:\.\d+)?$/.exec(spec.screen?.id ?? '') : null;
  if (display && !fs.existsSync(`/tmp/.X11-unix/X${display[1]}`)) {
    return broadcastError('DISPLAY_NOT_FOUND', `no X server on ${spec.screen?.id}`);
  }
  return null;
}
