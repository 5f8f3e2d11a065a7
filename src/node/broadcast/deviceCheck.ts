// The go-live checklist's cheap device check before ffmpeg starts: look for the devices the spec
// names where the OS makes that instant (Linux device nodes and X sockets). The push URL is signed
// in node/pushTargets.ts.
import fs from 'node:fs';
import { broadcastError, type BroadcastError } from '../../shared/domain/broadcast/errors';
import type { Platform } from '../../shared/domain/broadcast/inputs';
import type { BroadcastSpec } from '../../shared/domain/broadcast/spec';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: BroadcastError };

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
