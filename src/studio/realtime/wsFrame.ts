// A WebSocket text frame (RFC 6455 §5.2) built once and written as is to every socket that gets it:
// a server's frames are not masked, so one event batch sent to 10,000 viewers is framed once, not
// 10,000 times by `ws.send` (a header allocation, cork, two writes and a writev per socket).
import type { WebSocket } from 'ws';

/** FIN + opcode 1 (text), unmasked, with the payload's length in the shortest form. */
export function wsTextFrame(payload: Buffer): Buffer {
  const n = payload.length;
  const headerBytes = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + n);
  frame[0] = 0x81;
  if (n < 126) {
    frame[1] = n;
  } else if (n < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(frame, headerBytes);
  return frame;
}

/**
 * Writes a frame made by wsTextFrame to an open `ws` socket: straight to its TCP socket (ws keeps no
 * queue of its own without compression, so the order with its own sends is kept), or through
 * `ws.send` as text where the socket is not reachable.
 */
export function writeFramed(ws: WebSocket, frame: Buffer): void {
  if (ws.readyState !== ws.OPEN) return;
  const raw = (ws as unknown as { _socket?: { writable: boolean; write(b: Buffer): boolean } })._socket;
  if (raw?.writable) {
    raw.write(frame);
    return;
  }
  const headerBytes = frame[1] === 126 ? 4 : frame[1] === 127 ? 10 : 2;
  ws.send(frame.subarray(headerBytes), { binary: false });
}
