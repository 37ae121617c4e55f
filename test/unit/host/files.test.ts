import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../../support/host.ts';
import { createFileService, formatBytes, readCapped } from '../../../electron/host/files.ts';
import { createGrants, type Grants } from '../../../electron/host/grants.ts';

let dir: string;
let samplesDir: string;

/** The test folder as the user's workspace (as if given to `statescope serve`). */
function workspace(root: string): Grants {
  const grants = createGrants();
  grants.grantTree(root);
  return grants;
}

function put(rel: string, data: string | Uint8Array): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return file;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-files-'));
  samplesDir = path.join(dir, 'samples');
  put('samples/asl/order.asl.json', '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
  put('samples/asl/sub/def.asl.json', '{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}');
  put(
    'samples/asl/index.json',
    JSON.stringify([
      { id: 'order', name: 'Order', file: 'order.asl.json', description: 'An order' },
      { id: 'evil', name: 'Evil', file: '../../secret.txt', description: 'points outside' },
      { id: 'nested', name: 'Nested', file: 'sub/def.asl.json', description: '' },
    ]),
  );
  put('samples/xray/index.json', JSON.stringify([{ id: 'trace', name: 'Trace', file: 't.json', description: 'd' }]));
  put('samples/xray/t.json', '{"Traces":[]}');
  put('secret.txt', 'top secret');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('file service', () => {
  it('reads a UTF-8 file with its name, size and mtime', async () => {
    const file = put('a/ünïcode.asl.json', '{"x":"한국어"}');
    const files = createFileService({ grants: workspace(dir), samplesDir });
    const got = await files.read(file);
    expect(got.path).toBe(file);
    expect(got.name).toBe('ünïcode.asl.json');
    expect(got.text).toBe('{"x":"한국어"}');
    expect(got.size).toBe(Buffer.byteLength('{"x":"한국어"}'));
    expect(got.mtimeMs).toBeGreaterThan(0);
  });

  it('resolves relative paths against its cwd', async () => {
    put('rel/x.json', '{}');
    const files = createFileService({ grants: workspace(dir), samplesDir, cwd: path.join(dir, 'rel') });
    expect((await files.read('x.json')).path).toBe(path.join(dir, 'rel', 'x.json'));
  });

  it('refuses missing files, folders, binary and non-UTF-8 content with clear messages', async () => {
    const files = createFileService({ grants: workspace(dir), samplesDir });
    const missing = await refusal(files.read(path.join(dir, 'nope.json')));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('nope.json');

    const folder = await refusal(files.read(path.join(dir, 'a')));
    expect(folder.code).toBe('is-directory');
    expect(folder.message).toMatch(/folder/);

    const binary = await refusal(files.read(put('bin.json', new Uint8Array([0x7b, 0x00, 0x7d]))));
    expect(binary.code).toBe('binary');
    expect(binary.message).toMatch(/binary.*offset 1/);

    const latin1 = await refusal(files.read(put('latin1.json', new Uint8Array([0x22, 0xe9, 0x22]))));
    expect(latin1.code).toBe('not-utf8');
    expect(latin1.message).toMatch(/not valid UTF-8/);
  });

  it('refuses a file over the limit before reading it, naming its size', async () => {
    const big = path.join(dir, 'huge.json');
    const fd = fs.openSync(big, 'w');
    fs.ftruncateSync(fd, 300 * 1024 * 1024); // sparse: no 300 MB written
    fs.closeSync(fd);
    const files = createFileService({ grants: workspace(dir), samplesDir });
    const started = performance.now();
    const error = await refusal(files.read(big));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('huge.json is 300.0 MB; Statescope opens files up to 256.0 MB.');
    fs.rmSync(big);
  });

  it('reads a 50 MB file', async () => {
    const line = '{"k":"' + 'x'.repeat(1000) + '"}\n';
    const file = put('fifty.json', line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const got = await createFileService({ grants: workspace(dir), samplesDir }).read(file);
    expect(got.size).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    expect(got.text.length).toBe(got.size);
    fs.rmSync(file);
  });

  it('honours a smaller limit', async () => {
    const file = put('small.json', 'x'.repeat(2048));
    const error = await refusal(createFileService({ grants: workspace(dir), samplesDir, maxBytes: 1024 }).read(file));
    expect(error.message).toBe('small.json is 2.0 KB; Statescope opens files up to 1.0 KB.');
  });

  it('reads relative to another file, and relative to a sample only inside the samples', async () => {
    const template = put('proj/template.yaml', 'Resources: {}');
    put('proj/statemachine/sm.asl.json', '{"ok":true}');
    const files = createFileService({ grants: workspace(dir), samplesDir });
    const got = await files.readRelative(template, 'statemachine/sm.asl.json');
    expect(got.path).toBe(path.join(dir, 'proj', 'statemachine', 'sm.asl.json'));
    expect(got.text).toBe('{"ok":true}');

    const fromSample = await files.readRelative('sample:order', 'sub/def.asl.json');
    expect(fromSample.path).toBe('sample:nested');
    const escape = await refusal(files.readRelative('sample:order', '../../secret.txt'));
    expect(escape.code).toBe('outside-samples');
    const notAbsolute = await refusal(files.readRelative('relative/file.yaml', 'x.json'));
    expect(notAbsolute.code).toBe('bad-path');
  });

  it('lists samples per kind and drops index entries that point outside their folder', async () => {
    const files = createFileService({ grants: workspace(dir), samplesDir });
    expect(await files.samples()).toEqual([
      { id: 'order', name: 'Order', kind: 'asl', description: 'An order' },
      { id: 'nested', name: 'Nested', kind: 'asl', description: '' },
      { id: 'trace', name: 'Trace', kind: 'xray', description: 'd' },
    ]);
  });

  it('reads samples by id only, never as a path', async () => {
    const files = createFileService({ grants: workspace(dir), samplesDir });
    const order = await files.readSample('order');
    expect(order.path).toBe('sample:order');
    expect(order.text).toContain('"StartAt":"A"');
    expect((await files.read('sample:trace')).text).toBe('{"Traces":[]}');
    for (const id of ['evil', '../../secret.txt', 'asl/order.asl.json', 'order.asl.json', '/etc/passwd']) {
      expect((await refusal(files.readSample(id))).code).toBe('unknown-sample');
    }
  });

  it('copes with a missing samples folder and a broken index', async () => {
    expect(await createFileService({ grants: workspace(dir), samplesDir: path.join(dir, 'none') }).samples()).toEqual(
      [],
    );
    put('broken/asl/index.json', '[{');
    const error = await refusal(
      createFileService({ grants: workspace(dir), samplesDir: path.join(dir, 'broken') }).samples(),
    );
    expect(error.message).toContain('samples/asl/index.json is not valid JSON');
  });

  it('reads only inside the grants; a link inside a granted folder does not carry the grant out', async () => {
    const inside = put('granted/in.json', '{}');
    put('elsewhere/secret.json', '{"secret":1}');
    const grants = createGrants();
    grants.grantTree(path.join(dir, 'granted'));
    const files = createFileService({ grants, samplesDir });
    expect((await files.read(inside)).text).toBe('{}');
    const outside = await refusal(files.read(path.join(dir, 'elsewhere', 'secret.json')));
    expect(outside.code).toBe('not-granted');
    expect(outside.message).toMatch(/was not opened in Statescope.*served folder/);
    if (process.platform !== 'win32') {
      fs.symlinkSync(path.join(dir, 'elsewhere', 'secret.json'), path.join(dir, 'granted', 'link.json'));
      expect((await refusal(files.read(path.join(dir, 'granted', 'link.json')))).code).toBe('not-granted');
    }
    // Write is its own grant: a read-only folder grant allows reading, not writing.
    const readOnly = createGrants();
    readOnly.grantTree(path.join(dir, 'granted'), { write: false });
    expect(readOnly.allows(inside, 'read')).toBe(true);
    expect(readOnly.allows(inside, 'write')).toBe(false);
  });

  it("follows a reference only inside the referring file's folder tree, and grants it for reading only", async () => {
    const tpl = put('tree/sub/template.yaml', 'Resources: {}');
    put('tree/sub/defs/a.json', '{"a":1}');
    put('tree/other.json', '{"o":1}');
    const grants = createGrants();
    grants.grantFile(tpl);
    const files = createFileService({ grants, samplesDir });
    expect((await files.readRelative(tpl, 'defs/a.json')).text).toBe('{"a":1}');
    expect(grants.allows(path.join(dir, 'tree/sub/defs/a.json'), 'read')).toBe(true);
    expect(grants.allows(path.join(dir, 'tree/sub/defs/a.json'), 'write')).toBe(false);
    for (const rel of ['../other.json', '/etc/passwd', '../../secret.txt']) {
      expect((await refusal(files.readRelative(tpl, rel))).code, rel).toBe('outside-folder');
    }
    for (const rel of [
      '//server/share/x.json',
      '\\\\server\\share\\x.json',
      'file:///etc/passwd',
      '/proc/self/environ',
      '/dev/zero',
    ]) {
      expect((await refusal(files.readRelative(tpl, rel))).code, rel).toBe('special-file');
    }
    // The referring file must itself be granted.
    expect((await refusal(files.readRelative(path.join(dir, 'tree/other.json'), 'x.json'))).code).toBe('not-granted');
  });

  it('caps a read by the bytes actually read: a procfs file that reports size 0 is stopped at the cap', async () => {
    if (process.platform !== 'linux') return; // procfs is Linux's
    const stat = fs.statSync('/proc/self/pagemap');
    expect(stat.size).toBe(0);
    const started = performance.now();
    await expect(readCapped('/proc/self/pagemap', 1024 * 1024)).rejects.toMatchObject({ code: 'too-large' });
    expect(performance.now() - started).toBeLessThan(2000);
    // And through the service, such paths are refused before opening.
    const grants = createGrants();
    grants.grantTree('/proc');
    expect((await refusal(createFileService({ grants, samplesDir }).read('/proc/self/pagemap'))).code).toBe(
      'special-file',
    );
  });

  it('formats sizes for messages', () => {
    expect(formatBytes(17)).toBe('17 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(500 * 1024 * 1024)).toBe('500.0 MB');
  });
});
