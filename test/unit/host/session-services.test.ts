import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../../support/host.ts';
import { ContractError, VALIDATORS, type EventName, type Events, type Handlers } from '../../../shared/contract.ts';
import { createErrorLog } from '../../../electron/host/error-log.ts';
import { createEventHub } from '../../../electron/host/events.ts';
import { createFileService } from '../../../electron/host/files.ts';
import { createGrants } from '../../../electron/host/grants.ts';
import { createHandlers, createRecovery } from '../../../electron/host/handlers.ts';
import { createSettingsStore } from '../../../electron/host/settings.ts';
import { createFileWatcher } from '../../../electron/host/watch.ts';
import { startWebServer, type WebServer } from '../../../electron/web/server.ts';

let dir: string;
const cleanups: Array<() => void> = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-session-'));
  fs.mkdirSync(path.join(dir, 'samples'), { recursive: true });
});
afterAll(() => {
  for (const c of cleanups) c();
  fs.rmSync(dir, { recursive: true, force: true });
});

function sub(name: string): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** Handlers whose user opened `opened` (as if named on the command line: read and write grants). */
function makeHandlers(
  dataDir: string,
  events = createEventHub(),
  opened: string[] = [],
  readOnlyTree?: string,
): Handlers {
  const watcher = createFileWatcher(events, { debounceMs: 30 });
  cleanups.push(() => watcher.close());
  const grants = createGrants();
  if (readOnlyTree) grants.grantTree(readOnlyTree, { write: false });
  return createHandlers({
    mode: 'web',
    version: '1.0.0',
    launchFiles: opened,
    files: createFileService({ samplesDir: path.join(dir, 'samples'), grants }),
    dataDir,
    events,
    env: {},
    watcher,
  });
}

function nextEvent<E extends EventName>(events: ReturnType<typeof createEventHub>, name: E, timeoutMs = 3000) {
  return new Promise<Events[E]>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = events.subscribe((event, payload) => {
      if ((event as string) !== name) return;
      clearTimeout(timer);
      off();
      resolve(payload as Events[E]);
    });
  });
}

/** Calls a contract method over the web bridge with its token, as the page does. */
function bridgePost(web: WebServer) {
  return (method: string, body: unknown) =>
    fetch(`http://127.0.0.1:${web.port}/api/call/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
}

describe('settings', () => {
  it('starts from defaults, merges changes, persists them atomically, never keeps unknown keys', async () => {
    const dataDir = sub('settings');
    const store = createSettingsStore(dataDir);
    expect(await store.get()).toEqual({ theme: 'system', language: 'en', panels: {} });
    await store.set({ theme: 'dark', panels: { notes: true } });
    const after = await store.set({ language: 'ko', panels: { notesWidth: 320 }, lastRegion: 'eu-west-1' });
    expect(after).toEqual({
      theme: 'dark',
      language: 'ko',
      panels: { notes: true, notesWidth: 320 },
      lastRegion: 'eu-west-1',
    });
    expect(await createSettingsStore(dataDir).get()).toEqual(after);
    expect(fs.readdirSync(dataDir)).toEqual(['settings.json']); // no temp file left behind
  });

  it('keeps the valid part of a hand-edited file and reads a corrupt one as defaults', async () => {
    const dataDir = sub('settings-edited');
    const file = path.join(dataDir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ theme: 'neon', language: 'ko', secretAccessKey: 'x', lastProfile: 'dev' }));
    expect(await createSettingsStore(dataDir).get()).toEqual({
      theme: 'system',
      language: 'ko',
      panels: {},
      lastProfile: 'dev',
    });
    fs.writeFileSync(file, '{ not json');
    expect(await createSettingsStore(dataDir).get()).toEqual({ theme: 'system', language: 'en', panels: {} });
  });

  it('an unwritable data folder is a clear error, not a crash', async () => {
    const blocker = path.join(sub('settings-blocked'), 'file');
    fs.writeFileSync(blocker, 'not a folder');
    const error = await refusal(createSettingsStore(path.join(blocker, 'data')).set({ theme: 'dark' }));
    expect(error.code).toBe('settings-write-failed');
    expect(error.message).toMatch(/^Cannot save settings in /);
  });

  it('validates settings.set strictly at the contract boundary', () => {
    const set = VALIDATORS['settings.set'];
    expect(set({ theme: 'light', panels: { a: false } })).toEqual({ theme: 'light', panels: { a: false } });
    expect(() => set({ awsSecretAccessKey: 'abc' })).toThrow(ContractError);
    expect(() => set({ theme: 'blue' })).toThrow(/theme/);
    expect(() => set({ language: 'fr' })).toThrow(/language/);
    expect(() => set({ panels: [] })).toThrow(/panels/);
    expect(() => set({ panels: { notes: 'yes' } })).toThrow(/Panel "notes"/);
    expect(() => set({ panels: JSON.parse('{"__proto__": true}') })).toThrow(/panel id/);
    expect(() => set({ lastRegion: 'mars' })).toThrow(/region/);
    expect(() => set({ lastProfile: 'a b' })).toThrow(/profile/);
    expect(() => set(null)).toThrow(ContractError);
  });
});

describe('error log and log.error', () => {
  it('appends records with escaped control characters, rate-limits and reports what it dropped', async () => {
    const dataDir = sub('log');
    let t = 0;
    const log = createErrorLog(dataDir, { maxPerWindow: 2, windowMs: 1000, now: () => t });
    expect(await log.write({ source: 'main', message: 'first\u001b[2Jcleared', stack: 'at x' })).toBe(true);
    expect(await log.write({ source: 'main', message: 'second' })).toBe(true);
    expect(await log.write({ source: 'main', message: 'third' })).toBe(false);
    t = 1500;
    expect(await log.write({ source: 'renderer', message: 'fourth' })).toBe(true);
    const text = fs.readFileSync(log.file, 'utf8');
    expect(text).toContain('main: first\\x1b[2Jcleared\nat x');
    expect(text).not.toContain('third');
    expect(text).toContain('(1 earlier error report(s) dropped by the rate limit)');
    expect(text).toContain('renderer: fourth');
  });

  it('rotates the file past its size cap', async () => {
    const dataDir = sub('log-rotate');
    const log = createErrorLog(dataDir, { maxBytes: 300 });
    for (let i = 0; i < 6; i++) await log.write({ source: 'main', message: `${i}`.repeat(100) });
    expect(fs.statSync(log.file).size).toBeLessThanOrEqual(300);
    expect(fs.existsSync(`${log.file}.1`)).toBe(true);
  });

  it('log.error writes through the handler; the validator cuts long reports', async () => {
    const dataDir = sub('log-handler');
    const handlers = makeHandlers(dataDir);
    const args = VALIDATORS['log.error']({ message: 'x'.repeat(10_000), source: 'Graph' });
    expect(args.message.length).toBe(4000);
    expect(await handlers['log.error'](args)).toEqual({ logged: true });
    expect(fs.readFileSync(path.join(dataDir, 'statescope-errors.log'), 'utf8')).toMatch(
      /renderer \(Graph\): x{4000}\n/,
    );
    expect(() => VALIDATORS['log.error']({ message: 42 })).toThrow(ContractError);
  });
});

describe('open documents for crash recovery', () => {
  it('keeps the last list the renderer reported, without duplicates, and hands it back once after a crash only', async () => {
    const recovery = createRecovery();
    const handlers = createHandlers({
      mode: 'electron',
      version: '1.0.0',
      launchFiles: [],
      files: createFileService({ samplesDir: path.join(dir, 'samples'), grants: createGrants() }),
      dataDir: sub('docs'),
      events: createEventHub(),
      env: {},
      recovery,
    });
    expect(await handlers['session.getOpenDocuments']({})).toEqual({ paths: [] });
    expect(await handlers['session.setOpenDocuments']({ paths: ['/a.json', 'sample:x', '/a.json'] })).toEqual({
      count: 2,
    });
    // A load that does not follow a crash (a reload, a new tab) starts fresh.
    expect(await handlers['session.getOpenDocuments']({})).toEqual({ paths: [] });
    recovery.markCrashed();
    expect(await handlers['session.getOpenDocuments']({})).toEqual({ paths: ['/a.json', 'sample:x'] });
    expect(await handlers['session.getOpenDocuments']({})).toEqual({ paths: [] });
    expect(() => VALIDATORS['session.setOpenDocuments']({ paths: [''] })).toThrow(ContractError);
    expect(() => VALIDATORS['session.setOpenDocuments']({ paths: 'x' })).toThrow(ContractError);
  });
});

describe('files.write', () => {
  it('saves a file opened in this session atomically and keeps its permissions', async () => {
    const work = sub('write');
    const file = path.join(work, 'm.asl.json');
    fs.writeFileSync(file, '{"old":true}');
    fs.chmodSync(file, 0o640);
    const handlers = makeHandlers(sub('write-data'), undefined, [file]);
    const read = await handlers['files.read']({ path: file });
    const saved = await handlers['files.write']({ path: file, text: '{"new":true}', expectedMtimeMs: read.mtimeMs });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"new":true}');
    expect(saved).toMatchObject({ path: file, size: 12 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(work)).toEqual(['m.asl.json']);
  });

  it('refuses with a conflict when the file changed on disk since it was read, leaving it untouched', async () => {
    const file = path.join(sub('conflict'), 'm.asl.json');
    fs.writeFileSync(file, 'v1');
    const handlers = makeHandlers(sub('conflict-data'), undefined, [file]);
    const read = await handlers['files.read']({ path: file });
    fs.writeFileSync(file, 'edited elsewhere');
    fs.utimesSync(file, new Date(), new Date(read.mtimeMs + 5000));
    const error = await refusal(handlers['files.write']({ path: file, text: 'mine', expectedMtimeMs: read.mtimeMs }));
    expect(error.code).toBe('conflict');
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/changed on disk since it was opened/);
    expect(fs.readFileSync(file, 'utf8')).toBe('edited elsewhere');
    fs.rmSync(file);
    expect(
      (await refusal(handlers['files.write']({ path: file, text: 'x', expectedMtimeMs: read.mtimeMs }))).message,
    ).toMatch(/deleted/);
  });

  it('refuses files that were never opened for editing (reading one is not enough), relative paths and samples', async () => {
    const folder = sub('never');
    const file = path.join(folder, 'other.txt');
    fs.writeFileSync(file, 'keep');
    const handlers = makeHandlers(sub('never-data'), undefined, [], folder);
    const error = await refusal(handlers['files.write']({ path: file, text: 'owned' }));
    expect(error.code).toBe('not-granted');
    expect(error.message).toContain(`Statescope will not save ${file}: it was not opened for editing`);
    expect((await handlers['files.read']({ path: file })).text).toBe('keep');
    expect((await refusal(handlers['files.write']({ path: file, text: 'owned' }))).code).toBe('not-granted');
    expect(fs.readFileSync(file, 'utf8')).toBe('keep');
    expect((await refusal(handlers['files.write']({ path: 'other.txt', text: 'x' }))).code).toBe('not-granted');
    expect((await refusal(handlers['files.write']({ path: 'sample:a', text: 'x' }))).code).toBe('read-only');
    expect(() => VALIDATORS['files.write']({ path: file, text: 1 })).toThrow(ContractError);
    expect(() => VALIDATORS['files.write']({ path: file, text: '', expectedMtimeMs: 'now' })).toThrow(ContractError);
  });
});

describe('files.write through the web bridge', () => {
  it('accepts a 2 MB save (other calls stay capped at 1 MB) and refuses paths not opened with 403', async () => {
    const file = path.join(sub('web-write'), 'big.asl.json');
    const other = path.join(sub('web-write-other'), 'other.asl.json');
    fs.writeFileSync(file, '{}');
    fs.writeFileSync(other, '{}');
    const handlers = makeHandlers(sub('web-write-data'), undefined, [file]);
    const web: WebServer = await startWebServer({ handlers, staticDir: dir });
    try {
      const post = bridgePost(web);
      const text = `{"Comment":"${'x'.repeat(2 * 1024 * 1024)}"}`;
      expect((await post('files.read', { path: other })).status).toBe(403);
      expect((await post('files.write', { path: other, text })).status).toBe(403);
      expect((await post('files.read', { path: file })).status).toBe(200);
      const saved = await post('files.write', { path: file, text });
      expect(saved.status).toBe(200);
      expect(fs.statSync(file).size).toBe(text.length);
      expect((await post('notes.annotations.import', { text })).status).toBe(413);
    } finally {
      await web.close();
    }
  });
});

describe('files.watch', () => {
  it('emits changed, then deleted, for a watched file (debounced to one event per burst)', async () => {
    const file = path.join(sub('watch'), 'w.asl.json');
    fs.writeFileSync(file, 'a');
    const events = createEventHub();
    const handlers = makeHandlers(sub('watch-data'), events, [file]);
    await handlers['files.read']({ path: file });
    expect(await handlers['files.watch']({ path: file })).toEqual({ watching: true });
    const seen: Array<Events['files.changed']> = [];
    events.subscribe((e, p) => e === 'files.changed' && seen.push(p as Events['files.changed']));
    const changed = nextEvent(events, 'files.changed');
    for (let i = 0; i < 5; i++) fs.appendFileSync(file, 'b');
    expect(await changed).toEqual({ path: file, kind: 'changed' });
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toHaveLength(1);
    const deleted = nextEvent(events, 'files.changed');
    fs.rmSync(file);
    expect(await deleted).toEqual({ path: file, kind: 'deleted' });
  });

  it('tells a rename from a delete, and stops after unwatch', async () => {
    const folder = sub('watch-rename');
    const file = path.join(folder, 'r.json');
    fs.writeFileSync(file, 'a');
    const events = createEventHub();
    const handlers = makeHandlers(sub('watch-rename-data'), events, [file]);
    await handlers['files.read']({ path: file });
    await handlers['files.watch']({ path: file });
    const renamed = nextEvent(events, 'files.changed');
    fs.renameSync(file, path.join(folder, 'r2.json'));
    expect(await renamed).toEqual({ path: file, kind: 'renamed' });
    fs.writeFileSync(file, 'back');
    expect((await nextEvent(events, 'files.changed')).kind).toBe('changed');
    await handlers['files.unwatch']({ path: file });
    const none = nextEvent(events, 'files.changed', 400);
    fs.appendFileSync(file, 'more');
    await expect(none).rejects.toThrow(/no files.changed event/);
  });

  it('refuses files that were not opened; samples are not watched', async () => {
    const handlers = makeHandlers(sub('watch-refuse'));
    expect((await refusal(handlers['files.watch']({ path: path.join(dir, 'x.json') }))).code).toBe('not-granted');
    expect(await handlers['files.watch']({ path: 'sample:a' })).toEqual({ watching: false });
  });

  it('reaches a web-mode page over SSE', async () => {
    const file = path.join(sub('watch-web'), 'web.asl.json');
    fs.writeFileSync(file, '{}');
    const events = createEventHub();
    const handlers = makeHandlers(sub('watch-web-data'), events, [file]);
    const web: WebServer = await startWebServer({ handlers, events, staticDir: dir });
    try {
      const post = bridgePost(web);
      expect((await post('files.read', { path: file })).status).toBe(200);
      expect(await (await post('files.watch', { path: file })).json()).toEqual({ watching: true });
      const text = await new Promise<string>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: web.port, path: '/api/events', headers: { Authorization: `Bearer ${web.token}` } },
          (res) => {
            let acc = '';
            res.on('data', (c: Buffer) => {
              acc += c.toString('utf8');
              if (acc.includes(': connected') && !acc.includes('written')) {
                acc += '(written)';
                fs.writeFileSync(file, '{"x":1}');
              }
              if (acc.includes('event: files.changed')) {
                req.destroy();
                resolve(acc);
              }
            });
          },
        );
        req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
        setTimeout(() => reject(new Error('no SSE event')), 4000);
        req.end();
      });
      expect(text).toContain(`event: files.changed\ndata: ${JSON.stringify({ path: file, kind: 'changed' })}\n\n`);
    } finally {
      await web.close();
    }
  });
});
