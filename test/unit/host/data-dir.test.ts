import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../electron/host/data-dir.ts';
import { MAX_RECENT, createRecentFiles } from '../../../electron/host/recent.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-data-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('data folder', () => {
  it('uses STATESCOPE_DATA_DIR when set, else the fallback, else a per-user folder', () => {
    expect(resolveDataDir({ STATESCOPE_DATA_DIR: 'rel/data' })).toBe(path.resolve('rel/data'));
    expect(resolveDataDir({ STATESCOPE_DATA_DIR: '  ' }, '/from/electron')).toBe('/from/electron');
    expect(resolveDataDir({}, '/from/electron')).toBe('/from/electron');
    if (process.platform === 'linux') {
      expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/statescope');
      expect(resolveDataDir({})).toBe(path.join(os.homedir(), '.config', 'statescope'));
    }
  });
});

describe('recent files', () => {
  it('keeps the newest first, without duplicates, at most MAX_RECENT, and survives a corrupt file', async () => {
    const recent = createRecentFiles(path.join(dir, 'd1'));
    expect(await recent.list()).toEqual([]);
    await recent.add('/a');
    await recent.add('/b');
    expect(await recent.add('/a')).toEqual(['/a', '/b']);
    for (let i = 0; i < 20; i++) await recent.add(`/f${i}`);
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/f19');
    // Written atomically: no temp file left behind.
    expect(fs.readdirSync(path.join(dir, 'd1'))).toEqual(['recent.json']);
    fs.writeFileSync(path.join(dir, 'd1', 'recent.json'), '{not json');
    expect(await recent.list()).toEqual([]);
    await recent.clear();
    expect(await recent.list()).toEqual([]);
  });
});
