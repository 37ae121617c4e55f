import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOTATIONS_FILE, createAnnotationStore, writeFileAtomic } from '../../../electron/host/annotations.ts';
import { resolveDataDir } from '../../../electron/host/data-dir.ts';
import { ANNOTATION_LIMITS } from '../../../shared/notes/annotations.ts';

let dir: string;
let dataDir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'statescope-annotations-'));
  // The host resolves its folder from STATESCOPE_DATA_DIR exactly as the app does.
  dataDir = resolveDataDir({ STATESCOPE_DATA_DIR: path.join(dir, 'data') });
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function clock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  return () => new Date((t += 1000));
}

const target = { key: '/srv/flows/order.asl.json', element: 'Ask Manager' };

describe('annotation store', () => {
  it('starts empty without creating anything, and writes through on add', async () => {
    const store = createAnnotationStore({ dataDir, now: clock() });
    expect(await store.list()).toEqual([]);
    await expect(fs.stat(dataDir)).rejects.toThrow();
    const added = await store.add({ ...target, markdown: 'Remember: **token** goes in the message.' });
    expect(added.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(added.createdAt).toBe(added.updatedAt);
    const onDisk = JSON.parse(await fs.readFile(path.join(dataDir, ANNOTATIONS_FILE), 'utf8'));
    expect(onDisk.format).toBe('statescope-annotations');
    expect(onDisk.annotations).toEqual([added]);
  });

  it('persists across store instances and filters by file and element', async () => {
    const a = createAnnotationStore({ dataDir, now: clock() });
    await a.add({ ...target, markdown: 'one' });
    await a.add({ key: target.key, element: 'Ship', markdown: 'two' });
    await a.add({ key: 'arn:aws:states:eu-west-1:111122223333:stateMachine:other', element: 'X', markdown: 'three' });
    const b = createAnnotationStore({ dataDir });
    expect((await b.list()).map((x) => x.markdown)).toEqual(['one', 'two', 'three']);
    expect((await b.list({ key: target.key })).map((x) => x.markdown)).toEqual(['one', 'two']);
    expect((await b.list({ key: target.key, element: 'Ship' })).map((x) => x.markdown)).toEqual(['two']);
  });

  it('updates and deletes by id', async () => {
    const store = createAnnotationStore({ dataDir, now: clock() });
    const added = await store.add({ ...target, markdown: 'draft' });
    const updated = await store.update({ id: added.id, markdown: 'final' });
    expect(updated.markdown).toBe('final');
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(added.updatedAt));
    expect(updated.createdAt).toBe(added.createdAt);
    await expect(store.update({ id: 'a-missing', markdown: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.update({ id: '../etc/passwd', markdown: 'x' })).rejects.toMatchObject({
      code: 'invalid-annotation',
    });
    expect(await store.delete({ id: added.id })).toEqual({ deleted: true });
    expect(await store.delete({ id: added.id })).toEqual({ deleted: false });
    expect(await createAnnotationStore({ dataDir }).list()).toEqual([]);
  });

  it('rejects empty, oversized and NUL-bearing input with a clear message', async () => {
    const store = createAnnotationStore({ dataDir });
    await expect(store.add({ ...target, markdown: '   ' })).rejects.toThrow(/text must not be empty/);
    await expect(store.add({ ...target, key: 'k'.repeat(ANNOTATION_LIMITS.key + 1), markdown: 'x' })).rejects.toThrow(
      /longer than 4096/,
    );
    await expect(store.add({ ...target, element: 'a\0b', markdown: 'x' })).rejects.toThrow(/NUL/);
    await expect(store.add({ ...target, markdown: 'm'.repeat(ANNOTATION_LIMITS.markdown + 1) })).rejects.toMatchObject({
      code: 'invalid-annotation',
    });
    expect(await store.list()).toEqual([]);
  });

  it('serialises concurrent writes: 40 parallel adds all survive, no temp files remain', async () => {
    const store = createAnnotationStore({ dataDir });
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.add({ ...target, markdown: `note ${i}` })));
    const fresh = await createAnnotationStore({ dataDir }).list();
    expect(fresh).toHaveLength(40);
    expect(new Set(fresh.map((a) => a.id)).size).toBe(40);
    expect(await fs.readdir(dataDir)).toEqual([ANNOTATIONS_FILE]);
  });

  it('sets one bad record aside (with a copy of the file and a notice naming it) and loads the rest', async () => {
    const writer = createAnnotationStore({ dataDir, now: clock() });
    await writer.add({ ...target, markdown: 'first' });
    await writer.add({ ...target, markdown: 'second' });
    const file = path.join(dataDir, ANNOTATIONS_FILE);
    const onDisk = JSON.parse(await fs.readFile(file, 'utf8'));
    onDisk.annotations.splice(1, 0, {
      id: 'bad id',
      key: 'k',
      element: 'e',
      markdown: 'x',
      createdAt: 'no',
      updatedAt: 'no',
    });
    const damaged = JSON.stringify(onDisk);
    await fs.writeFile(file, damaged);

    const notices: string[] = [];
    const store = createAnnotationStore({ dataDir, now: clock(), onNotice: (m) => notices.push(m) });
    expect((await store.list()).map((a) => a.markdown)).toEqual(['first', 'second']);
    const info = await store.info();
    expect(notices).toEqual([
      expect.stringContaining(`1 annotation could not be read and was set aside in ${info.setAside}`),
    ]);
    const aside = JSON.parse(await fs.readFile(info.setAside!, 'utf8'));
    expect(aside.rejected).toEqual([
      expect.objectContaining({ index: 1, reason: expect.stringMatching(/annotations\[1\]\.id/) }),
    ]);
    expect(await fs.readFile(aside.original, 'utf8')).toBe(damaged);
    // The store itself now holds the good records only, and a second start says nothing more.
    expect(JSON.parse(await fs.readFile(file, 'utf8')).annotations).toHaveLength(2);
    const again: string[] = [];
    expect(await createAnnotationStore({ dataDir, onNotice: (m) => again.push(m) }).list()).toHaveLength(2);
    expect(again).toEqual([]);
  });

  it('moves a corrupt file aside instead of overwriting it', async () => {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(
      path.join(dataDir, ANNOTATIONS_FILE),
      '{"format": "statescope-annotations", "version": 1, "annot',
    );
    const store = createAnnotationStore({ dataDir, now: clock() });
    expect(await store.list()).toEqual([]);
    const info = await store.info();
    expect(info.movedTo).toBeDefined();
    expect(await fs.readFile(info.movedTo!, 'utf8')).toContain('"annot');
    await store.add({ ...target, markdown: 'after recovery' });
    expect(await createAnnotationStore({ dataDir }).list()).toHaveLength(1);
  });

  it('exports everything and imports into another store, merging by id and time', async () => {
    const source = createAnnotationStore({ dataDir, now: clock() });
    const first = await source.add({ ...target, markdown: 'first' });
    await source.add({ ...target, markdown: 'second' });
    const exported = await source.export();
    expect(exported.annotations).toHaveLength(2);
    const text = JSON.stringify(exported);

    const otherDir = path.join(dir, 'other');
    const dest = createAnnotationStore({ dataDir: otherDir, now: clock(Date.UTC(2025, 0, 1)) });
    expect(await dest.import(text)).toEqual({ added: 2, updated: 0, skipped: 0, total: 2 });
    expect(await dest.import(text)).toEqual({ added: 0, updated: 0, skipped: 2, total: 2 });

    const edited = await source.update({ id: first.id, markdown: 'first, edited' });
    const summary = await dest.import(JSON.stringify(await source.export()));
    expect(summary).toEqual({ added: 0, updated: 1, skipped: 1, total: 2 });
    const after = await createAnnotationStore({ dataDir: otherDir }).list();
    expect(after.find((a) => a.id === first.id)).toEqual(edited);
  });

  it('refuses invalid import files and changes nothing', async () => {
    const store = createAnnotationStore({ dataDir, now: clock() });
    await store.add({ ...target, markdown: 'keep me' });
    const good = await store.export();
    const cases: [string, RegExp][] = [
      ['{not json', /not valid JSON/],
      ['[]', /expected a JSON object/],
      [JSON.stringify({ ...good, format: 'other' }), /format/],
      [JSON.stringify({ ...good, version: 2 }), /version 2/],
      [
        JSON.stringify({ ...good, annotations: [{ ...good.annotations[0], markdown: 42 }] }),
        /annotations\[0\]\.markdown must be a string/,
      ],
      [JSON.stringify({ ...good, annotations: [{ ...good.annotations[0], id: 'a b' }] }), /annotations\[0\]\.id/],
      [JSON.stringify({ ...good, annotations: [{ ...good.annotations[0], updatedAt: 'yesterday' }] }), /ISO-8601/],
      [
        JSON.stringify({
          ...good,
          annotations: Array.from({ length: ANNOTATION_LIMITS.count + 1 }, () => good.annotations[0]),
        }),
        /at most 10000/,
      ],
    ];
    for (const [text, message] of cases) {
      await expect(store.import(text), String(message)).rejects.toMatchObject({
        code: 'invalid-import',
        message: expect.stringMatching(message),
      });
    }
    expect((await createAnnotationStore({ dataDir }).list()).map((a) => a.markdown)).toEqual(['keep me']);
  });

  it('imports the valid records of a file with bad ones, and says which were left out', async () => {
    const notices: string[] = [];
    const store = createAnnotationStore({ dataDir, now: clock(), onNotice: (m) => notices.push(m) });
    const kept = await store.add({ ...target, markdown: 'keep me' });
    const good = await store.export();
    const fresh = { ...kept, id: 'a-new-1', markdown: 'new one' };
    const text = JSON.stringify({
      ...good,
      annotations: [good.annotations[0], good.annotations[0], { ...fresh, markdown: 42 }, fresh],
    });
    expect(await store.import(text)).toEqual({ added: 1, updated: 0, skipped: 3, total: 4 });
    expect((await store.list()).map((a) => a.markdown)).toEqual(['keep me', 'new one']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/2 records of the imported file were not valid .*appears twice/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file in one step and leaves no temp file when the rename fails', async () => {
    const file = path.join(dir, 'out.json');
    await writeFileAtomic(file, 'v1');
    await writeFileAtomic(file, 'v2');
    expect(await fs.readFile(file, 'utf8')).toBe('v2');
    // A folder in the way makes rename fail: the old content (the folder) stays and no temp file is left.
    const blocked = path.join(dir, 'blocked');
    await fs.mkdir(path.join(blocked, 'inner'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'x')).rejects.toThrow();
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
