// Tencent-shaped answers where Node or fastify would answer first: a request line Node cannot parse
// or that is too long (Node's own 400/431) and a path fastify cannot decode (`%ff`, its 400) get
// HTTP 200 with `{ActionStatus, ErrorCode, ErrorInfo}` on the surfaces that speak Tencent's
// protocol (the studio's /v4 REST API, the callbacks endpoint); other paths keep a plain 400.
import type { Duplex } from 'node:stream';

export interface Envelope {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
}

/** A raw HTTP/1.1 response carrying a JSON envelope, for a socket fastify never saw as a request. */
export function rawJsonResponse(status: 200 | 400, body: object): string {
  const json = JSON.stringify(body);
  const reason = status === 200 ? 'OK' : 'Bad Request';
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`;
}

/**
 * fastify's `clientErrorHandler` for a server some of whose paths speak Tencent's protocol:
 * `envelopeFor(firstLine)` gives the envelope when the request line names such a path.
 */
export function clientErrorHandler(envelopeFor: (requestLine: string) => Envelope | undefined) {
  return (err: Error, socket: Duplex): void => {
    const rawPacket = (err as { rawPacket?: unknown }).rawPacket;
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const line = Buffer.isBuffer(rawPacket) ? (rawPacket.subarray(0, 256).toString('latin1').split('\r\n')[0] ?? '') : '';
    const envelope = envelopeFor(line);
    socket.end(envelope ? rawJsonResponse(200, envelope) : rawJsonResponse(400, { error: 'bad request' }));
  };
}

/** The path of an HTTP request line (`GET /v4/x?y HTTP/1.1` → `/v4/x?y`), or ''. */
export const requestLinePath = (line: string): string => line.split(' ')[1] ?? '';
