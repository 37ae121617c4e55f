/**
 * Serves the built renderer to the window under `app://statescope/`, a privileged standard scheme, instead of
 * `file://`: the page gets a real origin (so `script-src 'self'` and module workers work), only files inside
 * the renderer folder are reachable, and every response carries the CSP. Web-standard Request/Response only,
 * so it is tested in plain Node.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CSP } from './web/server.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'statescope';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** The `protocol.handle(APP_SCHEME, …)` handler for files under `rootDir`. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rootDir);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad URL');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'Bad path');
    }
    if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
      return plain(403, 'Path not allowed');
    }
    const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
    const target = path.resolve(root, rel);
    const inside = path.relative(root, target);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return plain(403, 'Path not allowed');
    try {
      const [realRoot, real] = await Promise.all([fs.realpath(root), fs.realpath(target)]);
      const realRel = path.relative(realRoot, real);
      if (realRel.startsWith('..') || path.isAbsolute(realRel)) return plain(403, 'Path not allowed');
      const data = await fs.readFile(real);
      return new Response(request.method === 'HEAD' ? null : data, {
        status: 200,
        headers: {
          'Content-Type': TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return plain(404, 'Not found');
    }
  };
}
