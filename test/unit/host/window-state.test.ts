import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWindowBounds, saveWindowBounds } from '../../../electron/window-state.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-winstate-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  it('round-trips bounds and the maximized flag', async () => {
    await saveWindowBounds(dir, { x: 100, y: 50, width: 900, height: 600, maximized: true });
    expect(loadWindowBounds(dir, screen)).toEqual({ x: 100, y: 50, width: 900, height: 600, maximized: true });
  });

  it('drops bounds that would put the window off every screen, too small, or a corrupt file', async () => {
    await saveWindowBounds(dir, { x: 3000, y: 50, width: 900, height: 600 });
    expect(loadWindowBounds(dir, screen)).toBeNull();
    expect(loadWindowBounds(dir, [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).not.toBeNull();
    await saveWindowBounds(dir, { x: 0, y: 0, width: 100, height: 100 });
    expect(loadWindowBounds(dir, screen)).toBeNull();
    fs.writeFileSync(path.join(dir, 'window-state.json'), '{"x":"0"');
    expect(loadWindowBounds(dir, screen)).toBeNull();
    expect(loadWindowBounds(path.join(dir, 'missing'), screen)).toBeNull();
  });
});
