/**
 * What the web-mode bridge lets the browser keep: the bundle's files, named by a hash of their content, are kept
 * for good (a reload or a second window fetches nothing of the bundle again); index.html, which names them and
 * carries the start-up answer, is never stored; anything else is asked again each time. Checked on the real
 * build's file names, so a build that stopped hashing them would show here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheControl } from '../../../electron/web/server.ts';

const BUILT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'out', 'renderer');

describe('web-mode caching of the built page', () => {
  it('keeps hashed bundle files for good, never stores index.html, revalidates the rest', () => {
    expect(cacheControl('index.html')).toBe('no-store');
    expect(cacheControl('assets/mount-BzsGYjwJ.js')).toBe('private, max-age=31536000, immutable');
    expect(cacheControl('assets/XrayTab-_SXY8ikv.js')).toBe('private, max-age=31536000, immutable');
    expect(cacheControl('assets/index-KhZdbcee.css')).toBe('private, max-age=31536000, immutable');
    // Not named by a content hash: asked again.
    expect(cacheControl('assets/app.js')).toBe('no-cache');
    expect(cacheControl('favicon.ico')).toBe('no-cache');
    expect(cacheControl('assets/sub/mount-BzsGYjwJ.js')).toBe('no-cache');
  });

  it('treats every file of the real build as hashed, but index.html', (ctx) => {
    const assets = path.join(BUILT, 'assets');
    if (!fs.existsSync(assets)) return ctx.skip('out/renderer is not built (npm run build:renderer)');
    const names = fs.readdirSync(assets);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => cacheControl(`assets/${n}`) !== 'private, max-age=31536000, immutable')).toEqual([]);
  });
});
