// Sends bytes as they are over a fresh socket and reads the whole answer: for requests no HTTP
// client would send (undecodable paths, over-long request lines).
import net from 'node:net';

export interface RawAnswer {
  status: number;
  body: string;
}

export function rawRequest(port: number, request: string, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(request, 'latin1'));
    let got = '';
    const done = () => {
      const [head = '', ...rest] = got.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: rest.join('\r\n\r\n') });
    };
    s.on('data', (d) => (got += d.toString('utf8')));
    s.on('close', done);
    s.on('error', () => undefined);
    s.setTimeout(timeoutMs, () => s.destroy());
  });
}

/** A request line for `path` with the given method and a Connection: close header. */
export const requestFor = (method: string, path: string, body = ''): string =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
