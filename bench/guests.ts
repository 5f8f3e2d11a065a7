// Thousands of receive-only guest viewers (tim-js-sdk guest mode: guests may join an AVChatRoom) on raw
// sockets speaking the studio's realtime protocol, doing as little per frame as possible — a byte
// search for the round's marker — so the benchmark process adds little to what it measures.
import { WebSocket } from 'ws';
import type { StudioInfo } from '../src/studio/studio';

export class ConnectError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

export class GuestFleet {
  private readonly sockets: WebSocket[] = [];
  private recv = new Float64Array(0);
  private marker: Buffer | undefined;
  private pending = 0;
  private onAll: (() => void) | undefined;
  /** Socket errors after joining, by code (a dropped viewer shows up here). */
  readonly lateErrors = new Map<string, number>();

  constructor(
    private readonly info: StudioInfo,
    private readonly room: string,
  ) {}

  get size(): number {
    return this.sockets.length;
  }

  /** Opens `count` more guests, `concurrency` at a time, each joined before the next batch. */
  async grow(count: number, concurrency = 250): Promise<void> {
    for (let done = 0; done < count; done += concurrency) {
      const batch = Math.min(concurrency, count - done);
      await Promise.all(Array.from({ length: batch }, () => this.open()));
    }
    this.recv = new Float64Array(this.sockets.length).fill(NaN);
  }

  /** Starts a round: each guest records when it first sees `marker`; `done` fires when all have. */
  arm(marker: string, done: () => void): void {
    this.recv.fill(NaN);
    this.marker = Buffer.from(marker);
    this.pending = this.sockets.length;
    this.onAll = done;
    if (this.pending === 0) done();
  }

  /** Ends the round: receipt times (performance.now(); NaN = not received). */
  disarm(): Float64Array {
    this.marker = undefined;
    this.onAll = undefined;
    return this.recv.slice();
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.length = 0;
  }

  private open(): Promise<void> {
    const index = this.sockets.length;
    const url = `${this.info.realtimeUrl}?sdkappid=${this.info.sdkAppId}`;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    this.sockets.push(ws);
    return new Promise<void>((resolve, reject) => {
      let joined = false;
      ws.on('open', () => ws.send(JSON.stringify({ t: 'join', seq: 1, groupID: this.room })));
      ws.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? e.message;
        if (!joined) reject(new ConnectError(`guest ${index + 1}: ${e.message}`, code));
        else this.lateErrors.set(code, (this.lateErrors.get(code) ?? 0) + 1);
      });
      ws.on('close', () => {
        if (!joined) reject(new ConnectError(`guest ${index + 1}: closed before joining`, 'CLOSED'));
      });
      ws.on('message', (data: Buffer) => {
        if (!joined) {
          const ack = JSON.parse(data.toString('utf8')) as { t?: string; seq?: number; ok?: boolean; message?: string };
          if (ack.t !== 'ack' || ack.seq !== 1) return;
          if (!ack.ok) return reject(new ConnectError(`guest ${index + 1}: join refused: ${ack.message}`, 'JOIN'));
          joined = true;
          return resolve();
        }
        const marker = this.marker;
        if (marker === undefined || !Number.isNaN(this.recv[index]) || data.indexOf(marker) < 0) return;
        this.recv[index] = performance.now();
        if (--this.pending === 0) this.onAll?.();
      });
    });
  }
}
