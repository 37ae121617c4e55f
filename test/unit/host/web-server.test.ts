import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../../electron/host/events.ts';
import { createFileService } from '../../../electron/host/files.ts';
import { createGrants } from '../../../electron/host/grants.ts';
import { createHandlers } from '../../../electron/host/handlers.ts';
import { CSP, startWebServer, type WebServer } from '../../../electron/web/server.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let dir: string;
let web: WebServer;
const events = createEventHub();

function request(
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: web.port,
        method,
        path: urlPath,
        headers: { Host: options.host ?? `127.0.0.1:${web.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const auth = () => ({ Authorization: `Bearer ${web.token}` });
const call = (method: string, body: unknown, headers: Record<string, string> = auth()) =>
  request('POST', `/api/call/${method}`, {
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The test folder as the served workspace (`statescope serve DIR`). */
function servedFolder() {
  const grants = createGrants();
  grants.grantTree(dir);
  return grants;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-web-'));
  const staticDir = path.join(dir, 'out', 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Statescope</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
  fs.mkdirSync(path.join(dir, 'samples', 'asl'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'samples', 'asl', 'a.asl.json'), '{"StartAt":"A"}');
  fs.writeFileSync(
    path.join(dir, 'samples', 'asl', 'index.json'),
    JSON.stringify([{ id: 'a', name: 'A', file: 'a.asl.json', description: 'x' }]),
  );
  const files = createFileService({ samplesDir: path.join(dir, 'samples'), grants: servedFolder() });
  const handlers = createHandlers({
    mode: 'web',
    version: '9.9.9',
    launchFiles: ['/tmp/launch.asl.json'],
    files,
    dataDir: dir,
    events,
    env: {},
  });
  web = await startWebServer({ handlers, staticDir, events });
});

afterAll(async () => {
  await web?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('web-mode server', () => {
  it('listens on 127.0.0.1 only, on a random port, with a 64-hex-digit token in the URL', () => {
    const address = web.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.port).toBe(web.port);
    expect(web.port).toBeGreaterThan(0);
    expect(web.token).toMatch(/^[0-9a-f]{64}$/);
    expect(web.base).toMatch(/^\/[0-9a-f]{32}$/);
    expect(web.url).toBe(`http://127.0.0.1:${web.port}${web.base}/?token=${web.token}`);
  });

  it('refuses requests without a token or with a wrong one (401)', async () => {
    const none = await request('GET', '/');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/^text\/plain/);
    expect((await call('app.info', {}, {})).status).toBe(401);
    expect((await call('app.info', {}, { Authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(401);
    expect((await call('app.info', {}, { Authorization: `Bearer ${web.token}x` })).status).toBe(401);
    expect((await request('GET', `${web.base}/`, { headers: { Cookie: `${web.cookieName}=nope` } })).status).toBe(401);
    expect((await request('GET', `/?token=${'f'.repeat(64)}`)).status).toBe(401);
    expect((await request('GET', `${web.base}/?token=${'f'.repeat(64)}`)).status).toBe(401);
    // The right cookie outside the instance's own path is not accepted (a browser would never send it there).
    expect((await call('app.info', {}, { Cookie: `${web.cookieName}=${web.token}` })).status).toBe(401);
    expect((await request('GET', '/api/events')).status).toBe(401);
  });

  it('refuses a foreign Host header (403) even with the right token', async () => {
    for (const host of ['evil.example', `evil.example:${web.port}`, `127.0.0.1:${web.port + 1}`, '127.0.0.1']) {
      const reply = await request('POST', '/api/call/app.info', { host, headers: auth(), body: '{}' });
      expect(reply.status, host).toBe(403);
    }
    expect((await request('GET', `${web.base}/`, { host: `localhost:${web.port}`, headers: auth() })).status).toBe(200);
  });

  it('refuses a foreign Origin (403) and accepts our own', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${web.port + 1}`,
      'null',
      `https://127.0.0.1:${web.port}`,
    ]) {
      expect((await call('app.info', {}, { ...auth(), Origin: origin })).status, origin).toBe(403);
    }
    expect((await call('app.info', {}, { ...auth(), Origin: `http://127.0.0.1:${web.port}` })).status).toBe(200);
    expect((await call('app.info', {}, { ...auth(), Origin: `http://localhost:${web.port}` })).status).toBe(200);
  });

  it('logs in with ?token: sets an HttpOnly SameSite=Strict cookie scoped to its own random path, and redirects there', async () => {
    const login = await request('GET', `${web.base}/?token=${web.token}`);
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe(`${web.base}/`);
    const cookie = login.headers['set-cookie']?.[0] ?? '';
    expect(web.cookieName).toBe(`statescope_token_${web.base.slice(1)}`);
    expect(cookie).toBe(`${web.cookieName}=${web.token}; HttpOnly; SameSite=Strict; Path=${web.base}/`);
    // The old form of the URL still logs in, into the same path.
    const rootLogin = await request('GET', `/?token=${web.token}`);
    expect(rootLogin.headers.location).toBe(`${web.base}/`);
    expect(rootLogin.headers['set-cookie']?.[0]).toBe(cookie);
    const page = await request('GET', `${web.base}/`, {
      headers: { Cookie: `other=1; ${web.cookieName}=${web.token}` },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Statescope</title>');
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const viaCookie = await request('POST', `${web.base}/api/call/app.info`, {
      headers: { 'Content-Type': 'application/json', Cookie: `${web.cookieName}=${web.token}` },
      body: '{}',
    });
    expect(viaCookie.status).toBe(200);
  });

  it('answers a real call with JSON and no-store', async () => {
    const info = await call('app.info', {});
    expect(info.status).toBe(200);
    expect(info.headers['cache-control']).toBe('no-store');
    expect(info.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(info.body)).toMatchObject({
      mode: 'web',
      version: '9.9.9',
      launchFiles: ['/tmp/launch.asl.json'],
    });

    const sample = await call('files.readSample', { id: 'a' });
    expect(sample.status).toBe(200);
    expect(JSON.parse(sample.body)).toMatchObject({ path: 'sample:a', name: 'a.asl.json', text: '{"StartAt":"A"}' });
    const samples = await call('files.samples', {});
    expect(JSON.parse(samples.body)).toEqual([{ id: 'a', name: 'A', kind: 'asl', description: 'x' }]);
    // No body at all counts as "no arguments" for methods that take none.
    const bare = await request('POST', '/api/call/files.samples', { headers: auth() });
    expect(bare.status).toBe(200);
  });

  it('rejects bad arguments with 400 and the wire error shape', async () => {
    for (const body of [{}, { path: 42 }, { path: '' }, [], 'x', null]) {
      const reply = await call('files.read', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      const parsed = JSON.parse(reply.body);
      expect(parsed.error.code).toBe('bad-args');
      expect(parsed.error.message).toMatch(/must be/);
    }
    const badJson = await request('POST', '/api/call/app.info', { headers: auth(), body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.code).toBe('bad-json');
  });

  it('answers unknown methods with 404, GET on a method with 405, and over-size bodies with 413', async () => {
    const unknown = await call('files.delete', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({
      error: { message: 'Unknown method "files.delete".', code: 'unknown-method' },
    });
    expect((await call('__proto__', {})).status).toBe(404);
    expect((await call('toString', {})).status).toBe(404);
    expect((await request('GET', '/api/call/app.info', { headers: auth() })).status).toBe(405);
    const big = await request('POST', '/api/call/files.read', {
      headers: auth(),
      body: JSON.stringify({ path: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(big.status).toBe(413);
  });

  it('reports a host refusal with its own status and code', async () => {
    const missing = await call('files.read', { path: path.join(dir, 'missing.json') });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error).toMatchObject({ code: 'not-found' });
    const folder = await call('files.read', { path: dir });
    expect(folder.status).toBe(400);
    expect(JSON.parse(folder.body).error.code).toBe('is-directory');
  });

  it('serves static assets and refuses path traversal', async () => {
    const js = await request('GET', `${web.base}/assets/app.js`, { headers: auth() });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await request('GET', `${web.base}/assets/none.js`, { headers: auth() })).status).toBe(404);
    // The page exists only under the random path; without a token, nothing.
    expect((await request('GET', '/assets/app.js', { headers: auth() })).status).toBe(404);
    expect((await request('GET', `${web.base}/assets/app.js`)).status).toBe(401);
    // No icon in the build: answer "no content" (also at the root, where browsers ask without the cookie)
    // rather than an error the browser logs.
    expect((await request('GET', `${web.base}/favicon.ico`, { headers: auth() })).status).toBe(204);
    expect((await request('GET', '/favicon.ico')).status).toBe(204);
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const reply = await request('GET', `${web.base}${p}`, { headers: auth() });
      expect([400, 403, 404], p).toContain(reply.status);
      expect(reply.body, p).not.toContain('top secret');
    }
  });

  it('serves later calls with handlers swapped in, on the same address and token', async () => {
    const make = (version: string, launchFiles: string[]) =>
      createHandlers({
        mode: 'web',
        version,
        launchFiles,
        files: createFileService({ samplesDir: path.join(dir, 'samples'), grants: servedFolder() }),
        dataDir: dir,
        events,
        env: {},
      });
    web.setHandlers(make('1.0.0-other', []));
    try {
      expect(JSON.parse((await call('app.info', {})).body)).toMatchObject({ version: '1.0.0-other', launchFiles: [] });
    } finally {
      web.setHandlers(make('9.9.9', ['/tmp/launch.asl.json']));
    }
    expect(JSON.parse((await call('app.info', {})).body).version).toBe('9.9.9');
  });

  it('streams events over SSE', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: web.port,
          path: '/api/events',
          headers: { ...auth(), Host: `127.0.0.1:${web.port}` },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
            if (text.includes(': connected')) events.emit('files.open', { paths: ['/x/y.asl.json'] });
            if (text.includes('data: ')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    expect(received).toContain('event: files.open\ndata: {"paths":["/x/y.asl.json"]}\n\n');
  });
});
