/**
 * index.html in web mode carries the host's answer to `app.start` (shared/start-inline.ts), so the page's first
 * graph waits for no HTTP round trip after its scripts ran: the answer is the one `app.start` gives, it cannot
 * break out of its element whatever text a sample holds, the part of the page before it goes out first, and a
 * host that cannot answer still serves the page (which then asks for itself).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers, StartInfo } from '../../../shared/contract.ts';
import { START_ELEMENT_ID, startElement } from '../../../shared/start-inline.ts';
import { createEventHub } from '../../../electron/host/events.ts';
import { createFileService } from '../../../electron/host/files.ts';
import { createGrants } from '../../../electron/host/grants.ts';
import { createHandlers } from '../../../electron/host/handlers.ts';
import { startWebServer, type WebServer } from '../../../electron/web/server.ts';

const PAGE =
  '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head>' +
  '<body><div id="root"></div></body></html>';
/** A sample whose text would end the element and open a comment if it were written into the page as it is. */
const HOSTILE = '{"Comment":"</script><script>alert(1)</script><!--","StartAt":"A","States":{"A":{"Type":"Succeed"}}}';

let dir: string;
let web: WebServer;

function handlers(launchFiles: string[] = []): Handlers {
  return createHandlers({
    mode: 'web',
    version: '7.7.7',
    launchFiles,
    files: createFileService({ samplesDir: path.join(dir, 'samples'), grants: createGrants() }),
    dataDir: path.join(dir, 'data'),
    events: createEventHub(),
    env: {},
  });
}

/** GET or HEAD of the page with the bearer token: status, body as received (and in its chunks), content type. */
function page(method = 'GET'): Promise<{ status: number; body: string; chunks: string[]; type: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: web.port,
        method,
        path: `${web.base}/`,
        headers: { Host: `127.0.0.1:${web.port}`, Authorization: `Bearer ${web.token}` },
      },
      (res) => {
        const chunks: string[] = [];
        res.setEncoding('utf8');
        res.on('data', (c: string) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: chunks.join(''),
            chunks,
            type: String(res.headers['content-type']),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The answer written into the page, parsed as the page parses it; null when there is none. */
function answerIn(body: string): StartInfo | null {
  const m = new RegExp(`<script type="application/json" id="${START_ELEMENT_ID}">([^<]*)</script>`).exec(body);
  return m ? (JSON.parse(m[1]!) as StartInfo) : null;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-start-inline-'));
  const staticDir = path.join(dir, 'out', 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), PAGE);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.mkdirSync(path.join(dir, 'samples', 'asl'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'samples', 'asl', 'a.asl.json'), HOSTILE);
  fs.writeFileSync(
    path.join(dir, 'samples', 'asl', 'index.json'),
    JSON.stringify([{ id: 'a', name: 'A', file: 'a.asl.json', description: 'x' }]),
  );
  web = await startWebServer({ handlers: handlers(), staticDir });
});

afterAll(async () => {
  await web?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the start-up answer inside the page', () => {
  it('is the answer app.start gives when asked for the first sample, before </body>', async () => {
    const reply = await page();
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^text\/html/);
    const answer = answerIn(reply.body);
    const direct = await handlers()['app.start']({ first: true });
    expect(answer?.info).toEqual(direct.info);
    expect(answer?.samples).toEqual(direct.samples);
    expect(answer?.first?.file.text).toBe(HOSTILE);
    expect(answer?.first?.prepared?.layout?.layout?.nodes.length ?? 0).toBeGreaterThan(0);
    // The page as built, with the answer inserted just before </body>.
    expect(reply.body.startsWith(PAGE.slice(0, PAGE.indexOf('</body>')))).toBe(true);
    expect(reply.body.endsWith('</body></html>')).toBe(true);
  });

  it('cannot be broken out of by the text it carries: every "<" is escaped', async () => {
    const { body } = await page();
    const block = body.slice(body.indexOf(`id="${START_ELEMENT_ID}">`));
    const inner = block.slice(block.indexOf('>') + 1, block.indexOf('</script>'));
    expect(inner).not.toContain('<');
    expect(inner).toContain('\\u003c/script>');
    // Exactly the page's own two scripts: the entry and the data block.
    expect(body.match(/<script/g)?.length).toBe(2);
    expect(startElement({ t: '</script><!--' })).toBe(
      `<script type="application/json" id="${START_ELEMENT_ID}">{"t":"\\u003c/script>\\u003c!--"}</script>`,
    );
  });

  it('honours what the host would say: a launch file is named, and no first sample is prepared', async () => {
    web.setHandlers(handlers(['/tmp/given.asl.json']));
    try {
      const answer = answerIn((await page()).body);
      expect(answer?.info.launchFiles).toEqual(['/tmp/given.asl.json']);
      expect(answer?.first).toBeNull();
    } finally {
      web.setHandlers(handlers());
    }
  });

  it('sends the page up to the answer first, so the browser fetches the scripts while the host answers', async () => {
    const slow = { ...handlers() } as Handlers;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const real = slow['app.start'];
    slow['app.start'] = async (args) => {
      await held;
      return real(args);
    };
    web.setHandlers(slow);
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: web.port,
            path: `${web.base}/`,
            headers: { Host: `127.0.0.1:${web.port}`, Authorization: `Bearer ${web.token}` },
          },
          (res) => {
            res.setEncoding('utf8');
            res.once('data', (c: string) => {
              resolve(c);
              release();
              res.resume();
            });
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(first).toBe(PAGE.slice(0, PAGE.indexOf('</body>')));
    } finally {
      release();
      web.setHandlers(handlers());
    }
  });

  it('is left out when the host cannot answer, and HEAD neither asks the host nor sends a body', async () => {
    const failing = { ...handlers() } as Handlers;
    let asked = 0;
    failing['app.start'] = async () => {
      asked++;
      throw new Error('no answer');
    };
    web.setHandlers(failing);
    try {
      const reply = await page();
      expect(reply.status).toBe(200);
      expect(answerIn(reply.body)).toBeNull();
      expect(reply.body).toBe(PAGE);
      expect(asked).toBe(1);
      const head = await page('HEAD');
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
      expect(asked).toBe(1);
    } finally {
      web.setHandlers(handlers());
    }
  });
});
