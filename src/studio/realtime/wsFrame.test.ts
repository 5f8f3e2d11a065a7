// Frames built once by wsTextFrame reach a real `ws` client as the text they carry, at every length
// encoding (7-bit, 16-bit, 64-bit), in order with the socket's own ws.send messages.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { waitFor } from '../../../test/support/waitFor';
import { writeFramed, wsTextFrame } from './wsFrame';

describe('pre-built WebSocket text frames', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  it('arrive whole at every length encoding, in order with ws.send', async () => {
    const server = http.createServer();
    const wss = new WebSocketServer({ server, perMessageDeflate: false });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => (wss.close(), server.closeAllConnections(), server.close(() => r()))));
    const serverSide = new Promise<WebSocket>((r) => wss.once('connection', r));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
    closers.push(async () => client.terminate());
    const got: string[] = [];
    client.on('message', (d, binary) => got.push(`${binary ? 'bin' : 'text'}:${d.toString()}`));
    const ws = await serverSide;
    await new Promise((r) => client.once('open', r));

    const sizes = [1, 125, 126, 127, 65_535, 65_536, 70_000];
    const texts = sizes.map((n, i) => String.fromCharCode(97 + i).repeat(n));
    for (const [i, text] of texts.entries()) {
      writeFramed(ws, wsTextFrame(Buffer.from(text)));
      if (i === 2) ws.send('between');
    }
    const expected = texts.flatMap((t, i) => (i === 2 ? [`text:${t}`, 'text:between'] : [`text:${t}`]));
    await waitFor(() => got.length === expected.length, { message: 'every frame' });
    expect(got).toEqual(expected);
    // The header is the shortest the length allows.
    expect(wsTextFrame(Buffer.alloc(125)).length).toBe(127);
    expect(wsTextFrame(Buffer.alloc(126)).length).toBe(130);
    expect(wsTextFrame(Buffer.alloc(65_536)).length).toBe(65_546);
  });
});
