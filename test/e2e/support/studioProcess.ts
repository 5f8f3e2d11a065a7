// E2E helper: runs `stageside studio` as a real child process on random ports and reads its
// one JSON line; plus a signed admin REST call and an ffmpeg test-pattern pusher.
import { spawn, type ChildProcess } from 'node:child_process';
import { genUserSig } from '../../../src/shared/domain/userSig';
import { nodeCrypto } from '../../../src/node/infra/nodeCrypto';
import type { StudioInfo } from '../../../src/studio/studio';

export interface StudioProcess {
  info: StudioInfo;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export async function startStudioProcess(dataDir: string, extra: string[] = []): Promise<StudioProcess> {
  const child = spawn(process.execPath, ['bin/stageside.js', 'studio', '--port', '0', '--data-dir', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const info = await new Promise<StudioInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`studio printed no JSON line in 20 s:\n${out}\n${err}`)), 20_000);
    child.stdout.on('data', () => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as StudioInfo);
    });
    child.once('exit', (code) => reject(new Error(`studio exited with ${code}:\n${err}`)));
  });
  return { info, child, output: () => out + err, stop: () => stopChild(child) };
}

/** One Tencent REST call as the studio's admin, signed like the console will. */
export async function adminRest(info: StudioInfo, path: string, body: unknown): Promise<Record<string, unknown>> {
  const sig = genUserSig(nodeCrypto, {
    sdkAppId: info.sdkAppId,
    secretKey: info.secretKey,
    identifier: info.adminIdentifier,
    expireSeconds: 3600,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  const q = new URLSearchParams({
    sdkappid: String(info.sdkAppId),
    identifier: info.adminIdentifier,
    usersig: sig,
    random: String(Math.floor(Math.random() * 2 ** 32)),
    contenttype: 'json',
  });
  const res = await fetch(`${info.restBaseUrl}/v4/${path}?${q}`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

/** Pushes a lavfi test pattern + tone to an RTMP URL until stopped. */
export function pushTestPattern(url: string, seconds = 60): { child: ChildProcess; stop(): Promise<void> } {
  const child = spawn(
    process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '60', '-c:a', 'aac', '-t', String(seconds), '-f', 'flv', url],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { child, stop: () => stopChild(child, 'SIGINT') };
}
