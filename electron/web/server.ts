/**
 * Web mode: the same contract as the Electron preload, served over HTTP to a browser on this machine.
 *
 * A host, not a hole: it listens on 127.0.0.1 only, every request must carry the per-run token (bearer header or
 * the HttpOnly cookie set by `GET <base>/?token=…`), the Host header must name our own address (DNS rebinding), and
 * a present Origin must be our own (cross-site requests). Arguments are validated with the contract's VALIDATORS
 * before any handler runs.
 *
 * Browsers do not scope cookies by port, so a cookie with `Path=/` would also be sent to every other server on
 * 127.0.0.1 (and a second `serve` would overwrite it). Each run therefore serves the page under a random path
 * (`base`, e.g. `/5f0c…/`) and its cookie has that `Path` and a name of its own: no other local service, and no
 * other instance, ever receives it. Bearer-token calls may still use `/api/…` at the root (no cookie there).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LARGE_BODY_METHODS, isMethod, type EventName, type Handlers, type WireError } from '../../shared/contract.ts';
import { startElement } from '../../shared/start-inline.ts';
import { dispatch } from '../host/dispatch.ts';
import { createEventHub, type EventHub } from '../host/events.ts';

/** The page's Content-Security-Policy (the wire protocol fixes it). */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

/** Every instance's cookie name starts with this; the rest is its own random path segment. */
export const TOKEN_COOKIE = 'statescope_token';
export const MAX_BODY_BYTES = 1024 * 1024;
/** The contract's LARGE_BODY_METHODS carry a whole definition, so they alone may send more (still far below the 256 MB read cap). */
export const MAX_WRITE_BODY_BYTES = 64 * 1024 * 1024;

export interface WebServerOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  /** The contract implementation (see `createHandlers`). */
  handlers: Handlers;
  /** The built renderer (default: `out/renderer` under the working directory). */
  staticDir?: string;
  /** Events to stream to the page over SSE. */
  events?: EventHub;
  /** Files named on the command line; only for the startup log — the page learns them from `app.info`. */
  files?: string[];
}

export interface WebServer {
  /** `http://127.0.0.1:PORT/<base>/?token=TOKEN`: opening it logs the browser in. */
  url: string;
  token: string;
  /** The random path the page and its API live under (`/<32 hex>`, no trailing slash). */
  base: string;
  /** The name of this instance's cookie. */
  cookieName: string;
  port: number;
  /** The underlying server (tests check `address()`). */
  server: http.Server;
  /**
   * Serves later calls with other handlers (same address and token). The Playwright fixture keeps one server
   * per worker and gives each test handlers over its own data folder this way.
   */
  setHandlers(handlers: Handlers): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1] : undefined;
}

function baseHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text + '\n');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(data));
  res.end(data);
}

function sendError(res: http.ServerResponse, status: number, message: string, code: string): void {
  const body: WireError = { error: { message, code } };
  sendJson(res, status, body);
}

class BodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyError(`Request body is larger than ${limit} bytes.`, 413, 'too-large'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new BodyError(`Request body is larger than ${limit} bytes.`, 413, 'too-large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (error) => {
      if (!done) {
        done = true;
        reject(error);
      }
    });
  });
}

/** POST /api/call/<method>: one contract call through the shared dispatch. */
async function handleApiCall(
  handlers: Handlers,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  name: string,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendError(res, 405, 'API calls use POST.', 'method-not-allowed');
    req.resume();
    return;
  }
  if (!isMethod(name)) {
    req.resume();
    sendError(res, 404, `Unknown method "${name}".`, 'unknown-method');
    return;
  }
  let raw: unknown;
  try {
    const body = await readBody(req, LARGE_BODY_METHODS.has(name) ? MAX_WRITE_BODY_BYTES : MAX_BODY_BYTES);
    const text = body.toString('utf8').trim();
    raw = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    if (error instanceof BodyError) {
      sendError(res, error.status, error.message, error.code);
    } else {
      sendError(res, 400, `Request body is not valid JSON: ${(error as Error).message}`, 'bad-json');
    }
    return;
  }
  const reply = await dispatch(handlers, name, raw);
  if (reply.ok) sendJson(res, 200, reply.result === undefined ? null : reply.result);
  else sendError(res, reply.error.status, reply.error.message, reply.error.code);
}

/** GET /api/events: the host's events as a server-sent event stream, kept in `streams` until closed. */
function handleEvents(
  events: EventHub,
  streams: Set<http.ServerResponse>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  if (req.method !== 'GET') {
    sendError(res, 405, 'Events use GET.', 'method-not-allowed');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  streams.add(res);
  const unsubscribe = events.subscribe((event: EventName, payload: unknown) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
  keepAlive.unref();
  const stop = () => {
    clearInterval(keepAlive);
    unsubscribe();
    streams.delete(res);
  };
  req.on('close', stop);
  res.on('close', stop);
}

/**
 * index.html with the host's answer to `app.start` inside it (shared/start-inline.ts). The page up to `</body>`
 * goes out at once, so the browser fetches the scripts and stylesheets it names while the host answers; the
 * answer and the rest follow. Module scripts run only once the whole document is parsed, so the page's entry
 * always finds the answer there. Without an answer (the host failed) the page asks for it itself.
 */
async function sendIndexWithStart(res: http.ServerResponse, html: string, start: () => Promise<unknown>) {
  const at = html.lastIndexOf('</body>');
  res.removeHeader('Content-Length');
  if (at < 0) {
    res.end(html);
    return;
  }
  res.write(html.slice(0, at));
  const answer = await start().catch(() => null);
  res.end((answer ? startElement(answer) : '') + html.slice(at));
}

/**
 * How long the browser may keep a built file: the bundle's files carry a hash of their content in their name
 * (`assets/mount-BzsGYjwJ.js`), so a reload or a second window takes them from its cache without asking; index.html
 * (which names them and carries the start-up answer) is never stored, anything else is asked again each time.
 */
export function cacheControl(relative: string): string {
  if (relative === 'index.html') return 'no-store';
  return /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/.test(relative)
    ? 'private, max-age=31536000, immutable'
    : 'no-cache';
}

/** The built page's files, confined to `staticRoot` (no `..`, no NUL, no symlink out of it). */
async function handleStatic(
  staticRoot: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  start?: () => Promise<unknown>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'Method not allowed.');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendText(res, 400, 'Bad path.');
    return;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((seg) => seg === '..')) {
    sendText(res, 403, 'Path not allowed.');
    return;
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const target = path.resolve(staticRoot, relative);
  const rel = path.relative(staticRoot, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    sendText(res, 403, 'Path not allowed.');
    return;
  }
  let data: Buffer;
  try {
    const real = await fs.realpath(target);
    const realRoot = await fs.realpath(staticRoot);
    const realRel = path.relative(realRoot, real);
    if (realRel.startsWith('..') || path.isAbsolute(realRel)) {
      sendText(res, 403, 'Path not allowed.');
      return;
    }
    const stat = await fs.stat(real);
    if (!stat.isFile()) {
      sendText(res, 404, 'Not found.');
      return;
    }
    data = await fs.readFile(real);
  } catch {
    if (relative === 'favicon.ico') {
      // Browsers ask for it on their own; "no icon" is not an error worth a console message.
      res.statusCode = 204;
      res.end();
      return;
    }
    if (relative === 'index.html') {
      sendText(
        res,
        503,
        `The renderer is not built (${path.join(staticRoot, 'index.html')} is missing). Run: npm run build:renderer`,
      );
    } else {
      sendText(res, 404, 'Not found.');
    }
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Content-Length', data.length);
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('Cache-Control', cacheControl(relative));
  if (relative === 'index.html' && req.method === 'GET' && start) {
    await sendIndexWithStart(res, data.toString('utf8'), start);
    return;
  }
  res.end(req.method === 'HEAD' ? undefined : data);
}

/** Starts the bridge on 127.0.0.1; resolves once it is listening. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(32).toString('hex');
  const segment = randomBytes(16).toString('hex');
  const base = `/${segment}`;
  const cookieName = `${TOKEN_COOKIE}_${segment}`;
  const staticRoot = path.resolve(options.staticDir ?? path.join(process.cwd(), 'out', 'renderer'));
  const events = options.events ?? createEventHub();
  let handlers = options.handlers;
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    baseHeaders(res);
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendText(res, 403, 'Forbidden: unexpected Host header.');
      req.resume();
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      sendText(res, 403, 'Forbidden: cross-origin request.');
      req.resume();
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      sendText(res, 400, 'Bad request URL.');
      return;
    }
    if (url.pathname === '/favicon.ico' && req.method === 'GET') {
      // Browsers ask for it at the root, where no cookie is sent; "no icon" says nothing about this server.
      res.statusCode = 204;
      res.end();
      return;
    }
    // Inside our random path, or outside it (where only the bearer header can authenticate: no cookie goes there).
    const inBase = url.pathname === base || url.pathname.startsWith(`${base}/`);
    const pathname = inBase ? url.pathname.slice(base.length) || '/' : url.pathname;
    if (inBase && url.pathname === base) {
      res.statusCode = 308;
      res.setHeader('Location', `${base}/${url.search}`);
      res.end();
      return;
    }
    const queryToken = url.searchParams.get('token');
    if (pathname === '/' && queryToken !== null && req.method === 'GET') {
      if (!sameToken(queryToken, token)) {
        sendText(res, 401, 'Unauthorized: wrong token. Use the URL printed by `statescope serve`.');
        return;
      }
      res.statusCode = 302;
      res.setHeader('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=${base}/`);
      res.setHeader('Location', `${base}/`);
      res.setHeader('Cache-Control', 'no-store');
      res.end();
      return;
    }
    const presented =
      bearerToken(req.headers.authorization) ?? (inBase ? cookieToken(req.headers.cookie, cookieName) : undefined);
    if (!sameToken(presented, token)) {
      sendText(res, 401, 'Unauthorized: open the URL printed by `statescope serve` (it carries the token).');
      req.resume();
      return;
    }
    if (pathname.startsWith('/api/call/')) {
      await handleApiCall(handlers, req, res, pathname.slice('/api/call/'.length));
      return;
    }
    if (pathname === '/api/events') {
      handleEvents(events, streams, req, res);
      return;
    }
    if (pathname.startsWith('/api/')) {
      req.resume();
      sendError(res, 404, `No such endpoint: ${pathname}`, 'not-found');
      return;
    }
    if (!inBase) {
      // The page lives under its random path only.
      sendText(res, 404, 'Not found: open the URL printed by `statescope serve`.');
      return;
    }
    await handleStatic(staticRoot, req, res, pathname, startAnswer);
  }

  /** What the page's `app.start` (asking for the first sample) would get, for index.html; null when it failed. */
  async function startAnswer(): Promise<unknown> {
    const reply = await dispatch(handlers, 'app.start', { first: true });
    return reply.ok ? reply.result : null;
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `Internal error: ${(error as Error)?.message}`, 'internal');
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${base}/?token=${token}`,
    token,
    base,
    cookieName,
    port,
    server,
    setHandlers(next) {
      handlers = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
