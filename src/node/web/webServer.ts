// Web mode: serves the built renderer over HTTP and the contract over one WebSocket, so an
// assistant can run the console from a browser (also how the renderer is tested). The protection
// is the per-launch token, checked in constant time before any frame is read. A page opened with
// `?token=` exchanges it at once for an HttpOnly, SameSite=Strict session cookie and is redirected
// to the same address without the token, so it never sits in the address bar, history or a Referer.
// The socket also refuses a browser Origin other than the page's own (or an allowed one).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '../../shared/contract';
import type { Dispatcher, EventSink } from '../../shared/rpc';
import { defaultHost, roleAtLeast, type ConsoleConnection, type Operator } from '../../shared/teamContract';
import { COMMAND_ROLES } from '../../shared/commandRoles';
import {
  CLOSE_REVOKED,
  CLOSE_UNAUTHORIZED,
  clientFrameSchema,
  MAX_FRAME_BYTES,
  WS_PATH,
  type ServerFrame,
} from '../../shared/transport/wsProtocol';
import type { Logger } from '../infra/logger';
import { SHOW_ID_PATTERN } from '../../shared/domain/show/showData';
import { REPORT_CSP } from '../show/reportHtml';
import { SHOW_URL_PREFIX } from '../show/showHandlers';

export interface WebServerOptions {
  dispatcher: Dispatcher;
  token: string;
  host: string;
  port: number;
  log: Logger;
  version: string;
  /** Built renderer (out/renderer); omitted → only the WebSocket is served. */
  staticDir?: string;
  /** Browser origins besides the page's own that may open the socket (e.g. a reverse proxy's). */
  allowedOrigins?: readonly string[];
  /** The page's Content-Security-Policy for the current settings (sent with the page). */
  csp?: () => string;
  /** A listed show's report page by id (showFiles.reportFile), else null: served at /shows/<id>. */
  showReport?: (id: string) => Promise<string | null>;
  /** Operators' invite links and the consoles connected (the team console); omitted: the token's holder only. */
  team?: WebTeamPort;
}

/** What web mode needs from the team: invite checks and who is connected. */
export interface WebTeamPort {
  /** The operator an invite token names, or null (forged, expired, revoked). */
  verifyInvite(token: string): Operator | null;
  /** An invited operator's link is still valid (checked again at every socket). */
  inviteValid(operatorId: string): boolean;
  connected(c: ConsoleConnection): void;
  disconnected(connectionId: string): void;
}

/** Events only the host's consoles get. */
const HOST_ONLY_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['team:overview']);

interface Client {
  operator: Operator;
  connectionId: string;
}

/** The report page runs its own inline script and nothing else, and is framed by no one. */
const SHOW_CSP = `${REPORT_CSP}; frame-ancestors 'none'`;

export const SESSION_COOKIE = 'stageside_session';

/** The request's URL, or undefined when it cannot be parsed (a malformed request line). */
function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** A cookie's value from a Cookie header, or ''. */
export function cookieValue(header: string | undefined, name: string): string {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return '';
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export const newAccessToken = (): string => crypto.randomBytes(24).toString('base64url');

export function tokensEqual(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b) && given.length > 0;
}

export class WebServer implements EventSink {
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private readonly clients = new Map<WebSocket, Client>();
  /** Session ids handed out in exchange for the token or an invite (cookie values) → who they are, for this launch only. */
  private readonly sessions = new Map<string, Operator>();
  private readonly host: Operator = defaultHost();

  constructor(private readonly opts: WebServerOptions) {
    this.http = http.createServer((req, res) => this.handle(req, res));
    // Unparseable requests (bad request line or headers) get a 400 from Node; never a crash.
    this.http.on('clientError', (_e, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    this.http.on('upgrade', (req, socket, head) => {
      try {
        this.upgrade(req, socket, head);
      } catch (e) {
        this.opts.log.warn({ err: e }, 'web mode: upgrade refused (malformed request)');
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      }
    });
    this.wss.on('error', (e) => this.opts.log.warn({ err: e }, 'web mode: WebSocket server error'));
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = parseUrl(req.url);
    if (!url) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    if (url.pathname !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!this.originAllowed(req)) {
      this.opts.log.warn({ origin: String(req.headers.origin).slice(0, 200), remote: req.socket.remoteAddress }, 'web mode: connection refused (foreign Origin)');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const operator = this.operatorOf(url, req);
    {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        if (!operator) {
          // Browsers cannot read an HTTP 401 on an upgrade; a close code they can see tells
          // the page to stop retrying and say why. No frame is read or sent before this.
          this.opts.log.warn({ remote: req.socket.remoteAddress }, 'web mode: connection refused (bad token)');
          ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
          return;
        }
        this.accept(ws, operator, req.socket.remoteAddress ?? '');
      });
    }
  }

  /** Who opens this socket: the token's holder is the host; a session cookie names its operator, whose invite must still hold. */
  private operatorOf(url: URL, req: http.IncomingMessage): Operator | null {
    if (tokensEqual(url.searchParams.get('token') ?? '', this.opts.token)) return this.host;
    const sid = cookieValue(req.headers.cookie, SESSION_COOKIE);
    const op = sid ? this.sessions.get(sid) : undefined;
    if (!op) return null;
    if (op.id !== this.host.id && this.opts.team && !this.opts.team.inviteValid(op.id)) {
      this.sessions.delete(sid);
      return null;
    }
    return op;
  }

  /** A revoked invite: its sessions end and its consoles are closed at once (4403, the page says why). */
  disconnectOperator(operatorId: string): number {
    for (const [sid, op] of this.sessions) if (op.id === operatorId) this.sessions.delete(sid);
    let closed = 0;
    for (const [ws, c] of this.clients) {
      if (c.operator.id !== operatorId) continue;
      ws.close(CLOSE_REVOKED, 'revoked');
      closed += 1;
    }
    return closed;
  }

  /** Browsers always send Origin on a WebSocket: it must be the page's own or an allowed one. */
  private originAllowed(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser: the token or session decides
    if (this.opts.allowedOrigins?.includes(origin)) return true;
    const host = req.headers.host;
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    try {
      this.serveStatic(req, res);
    } catch (e) {
      this.opts.log.warn({ err: e }, 'web mode: request refused');
      if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      else res.destroy();
    }
  }

  async listen(): Promise<{ url: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.opts.port, this.opts.host, () => resolve());
    });
    const addr = this.http.address();
    const port = typeof addr === 'object' && addr ? addr.port : this.opts.port;
    const shownHost = this.opts.host === '0.0.0.0' || this.opts.host === '::' ? '127.0.0.1' : this.opts.host;
    const hostPart = shownHost.includes(':') ? `[${shownHost}]` : shownHost;
    return { url: `http://${hostPart}:${port}/?token=${this.opts.token}`, port };
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const data = JSON.stringify({ t: 'event', name, payload } satisfies ServerFrame);
    const hostOnly = HOST_ONLY_EVENTS.has(name);
    for (const [ws, c] of this.clients) {
      if (hostOnly && c.operator.role !== 'host') continue;
      if (ws.readyState === ws.OPEN) ws.send(data);
    }
  }

  get connectionCount(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    this.sessions.clear();
    for (const ws of this.clients.keys()) ws.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(ws: WebSocket, operator: Operator, from: string): void {
    const connectionId = crypto.randomBytes(9).toString('base64url');
    ws.on('error', (e) => this.opts.log.warn({ err: e }, 'web mode: socket error'));
    // hello first: it is the first frame the page reads, before any event.
    this.send(ws, { t: 'hello', transport: 'web', version: this.opts.version });
    this.clients.set(ws, { operator, connectionId });
    ws.on('close', () => {
      this.clients.delete(ws);
      this.opts.team?.disconnected(connectionId);
    });
    ws.on('message', (data, isBinary) => void this.onMessage(ws, data, isBinary));
    this.opts.team?.connected({ connectionId, operatorId: operator.id, name: operator.name, role: operator.role, from, since: Date.now() });
  }

  private async onMessage(ws: WebSocket, data: unknown, isBinary: boolean): Promise<void> {
    if (isBinary) return this.send(ws, badFrame('Binary frames are not accepted'));
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return this.send(ws, badFrame('Frame is not valid JSON'));
    }
    const frame = clientFrameSchema.safeParse(json);
    if (!frame.success) {
      const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : undefined;
      return this.send(ws, { ...badFrame(`Malformed frame: ${frame.error.issues[0]?.message ?? 'invalid'}`), ...(id === undefined ? {} : { id }) });
    }
    const client = this.clients.get(ws);
    if (!client) return;
    const result = await this.opts.dispatcher(frame.data.name, frame.data.arg, { transport: 'web', operator: client.operator, connectionId: client.connectionId });
    this.send(ws, { t: 'result', id: frame.data.id, result });
  }

  private send(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  private serveStatic(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The token travels in the page URL: never let it leak through Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    // frame-ancestors only works as a header (browsers ignore it in <meta>); the page's own
    // meta CSP carries the rest.
    res.setHeader('Content-Security-Policy', this.opts.csp?.() ?? "frame-ancestors 'none'");
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const root = this.opts.staticDir;
    if (!root) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No renderer build; run `npm run build`.');
      return;
    }
    const url = parseUrl(req.url);
    let urlPath: string | undefined;
    try {
      urlPath = url ? decodeURIComponent(url.pathname) : undefined;
    } catch {
      urlPath = undefined;
    }
    if (!url || urlPath === undefined || urlPath.includes('\0')) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
    const given = url.searchParams.get('token');
    const invite = url.searchParams.get('invite');
    const invited = invite !== null && this.opts.team ? this.opts.team.verifyInvite(invite) : null;
    if (invite !== null && !invited) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('This invite link is not valid: it was revoked, it expired, or it was copied wrong. Ask the host for a new one.');
      return;
    }
    if ((given !== null && tokensEqual(given, this.opts.token)) || invited) {
      // Exchange the token (the host) or the invite (its operator) for a session cookie and drop it from the address bar.
      const sid = crypto.randomBytes(24).toString('base64url');
      this.sessions.set(sid, invited ?? this.host);
      url.searchParams.delete('token');
      url.searchParams.delete('invite');
      res.writeHead(303, {
        Location: url.pathname + url.search,
        'Set-Cookie': `${SESSION_COOKIE}=${sid}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (urlPath.startsWith(SHOW_URL_PREFIX)) {
      void this.serveShow(req, res, urlPath);
      return;
    }
    let file = path.resolve(root, '.' + (urlPath === '/' ? '/index.html' : urlPath));
    if (!file.startsWith(path.resolve(root) + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // Unknown paths without an extension get the app (client-side routes); assets get 404.
      if (path.extname(urlPath)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      file = path.join(root, 'index.html');
      if (!fs.existsSync(file)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No renderer build; run `npm run build`.');
        return;
      }
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': path.basename(file) === 'index.html' ? 'no-store' : 'public, max-age=3600',
    });
    sendFile(req, res, file);
  }

  /**
   * A show report, only for a browser holding a session cookie whose operator may open reports
   * (`show:open`'s role), only by an id a listing found (never a path from the request).
   */
  private async serveShow(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): Promise<void> {
    res.setHeader('Content-Security-Policy', SHOW_CSP);
    res.setHeader('Cache-Control', 'no-store');
    const url = parseUrl(req.url);
    const op = url ? this.operatorOf(url, req) : null;
    if (!op) {
      res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Open the console first');
      return;
    }
    if (!roleAtLeast(op.role, COMMAND_ROLES['show:open'])) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end(`Show reports need the ${COMMAND_ROLES['show:open']} role`);
      return;
    }
    const id = urlPath.slice(SHOW_URL_PREFIX.length);
    const file = SHOW_ID_PATTERN.test(id) && this.opts.showReport ? await this.opts.showReport(id).catch(() => null) : null;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No such show report');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    sendFile(req, res, file);
  }
}

/** The body of a file whose head is written (none for HEAD); a read error ends the response. */
function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string): void {
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

const badFrame = (message: string): ServerFrame => ({ t: 'error', error: { code: 'BAD_REQUEST', message } });
