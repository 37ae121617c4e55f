/**
 * The app's own files are never lost or left torn: the recent list under concurrent adds, a damaged settings
 * file (backed up, with a notice), temp files of an interrupted write (cleaned at start), saves through links and
 * onto read-only files, and outside changes that keep the modification time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../../support/host.ts';
import { removeStaleTemps } from '../../../electron/host/atomic-write.ts';
import { writeGrantedFile } from '../../../electron/host/file-write.ts';
import { createGrants } from '../../../electron/host/grants.ts';
import { createRecentFiles } from '../../../electron/host/recent.ts';
import { createSettingsStore } from '../../../electron/host/settings.ts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-safety-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function sub(name: string): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

describe('data folder', () => {
  it('keeps recent.json valid JSON with every entry under 20 concurrent adds', async () => {
    const data = sub('recent');
    const recent = createRecentFiles(data);
    const other = createRecentFiles(data); // a second store on the same folder, as a second process would be
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? recent : other).add(`/f/${i}.json`)));
    const list = JSON.parse(fs.readFileSync(path.join(data, 'recent.json'), 'utf8')) as string[];
    expect(list).toHaveLength(10);
    expect(new Set(list).size).toBe(10);
    expect(fs.readdirSync(data)).toEqual(['recent.json']);
  });

  it('keeps a damaged recent.json beside the new list', async () => {
    const data = sub('recent-damaged');
    fs.writeFileSync(path.join(data, 'recent.json'), '["/a.json",');
    const recent = createRecentFiles(data);
    expect(await recent.list()).toEqual([]);
    expect(await recent.add('/b.json')).toEqual(['/b.json']);
    const backup = fs.readdirSync(data).find((n) => n.startsWith('recent.json.damaged-'));
    expect(fs.readFileSync(path.join(data, backup!), 'utf8')).toBe('["/a.json",');
  });

  it('backs up a damaged settings.json before replacing it, and says where', async () => {
    const data = sub('settings');
    fs.writeFileSync(path.join(data, 'settings.json'), '{"theme": "dark",');
    const notices: string[] = [];
    const store = createSettingsStore(data, { onNotice: (m) => notices.push(m) });
    expect((await store.get()).theme).toBe('system');
    await store.set({ language: 'ko' });
    const backup = fs.readdirSync(data).find((n) => n.startsWith('settings.json.damaged-'));
    expect(backup).toBeDefined();
    expect(fs.readFileSync(path.join(data, backup!), 'utf8')).toBe('{"theme": "dark",');
    expect(notices).toEqual([expect.stringContaining(path.join(data, backup!))]);
  });

  it('removes temp files a killed writer left behind, and keeps those of a live one', async () => {
    const data = sub('temps');
    const dead = '.annotations.json.999999999.abcd1234.tmp';
    const live = `.settings.json.${process.pid}.abcd1234.tmp`;
    for (const n of [dead, live, 'annotations.json', '.hidden.tmp']) fs.writeFileSync(path.join(data, n), 'x');
    expect(await removeStaleTemps(data)).toEqual([dead]);
    expect(fs.readdirSync(data).sort()).toEqual(['.hidden.tmp', live, 'annotations.json'].sort());
  });
});

describe('saving', () => {
  const known = new Map<string, string>();

  /** A file in its own folder, with the given text and mode, opened by the user (read and write grant). */
  function opened(folder: string, name: string, text: string, mode: number) {
    const file = path.join(sub(folder), name);
    fs.writeFileSync(file, text);
    fs.chmodSync(file, mode);
    const grants = createGrants();
    grants.grantFile(file);
    return { file, grants };
  }

  it('writes through a symbolic link to its target (the link stays), and keeps hard links and the mode', async () => {
    if (process.platform === 'win32') return; // symlinks need privileges there; the logic is the same
    const folder = sub('links');
    const real = path.join(folder, 'real.asl.json');
    const link = path.join(folder, 'link.asl.json');
    const hard = path.join(folder, 'hard.asl.json');
    fs.writeFileSync(real, 'v1');
    fs.chmodSync(real, 0o664);
    fs.symlinkSync(real, link);
    fs.linkSync(real, hard);
    const grants = createGrants();
    grants.grantFile(link);
    await writeGrantedFile(grants, known, { path: link, text: 'v2' });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe('v2');
    expect(fs.readFileSync(hard, 'utf8')).toBe('v2');
    expect(fs.statSync(real).mode & 0o777).toBe(0o664);
  });

  it('keeps the mode of a single-link file through the atomic rename, whatever the umask', async () => {
    const { file, grants } = opened('mode', 'm.asl.json', 'v1', 0o664);
    const old = process.umask(0o022);
    try {
      await writeGrantedFile(grants, known, { path: file, text: 'v2' });
    } finally {
      process.umask(old);
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o664);
  });

  it('refuses a read-only file with a message and leaves it alone', async () => {
    const { file, grants } = opened('ro', 'ro.asl.json', 'keep', 0o444);
    const error = await refusal(writeGrantedFile(grants, known, { path: file, text: 'x' }));
    expect(error.code).toBe('read-only');
    expect(error.message).toMatch(/is read-only; Statescope did not change it/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep');
  });

  it('sees an outside change that kept the modification time (by content), as a conflict', async () => {
    const file = path.join(sub('hash'), 'h.asl.json');
    fs.writeFileSync(file, 'mine-1');
    const grants = createGrants();
    grants.grantFile(file);
    const memo = new Map<string, string>();
    const first = await writeGrantedFile(grants, memo, { path: file, text: 'mine-2' });
    const stat = fs.statSync(file);
    fs.writeFileSync(file, 'theirs');
    fs.utimesSync(file, stat.atime, stat.mtime); // same mtime, other content
    const error = await refusal(
      writeGrantedFile(grants, memo, { path: file, text: 'mine-3', expectedMtimeMs: first.mtimeMs }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/same time stamp, different content/);
    expect(fs.readFileSync(file, 'utf8')).toBe('theirs');
  });
});
