/**
 * electron-builder.yml says what the brief of the installers is, and `npm run dist:check` proves electron-builder
 * accepts it: a real `--dir` pack against a stub Electron, fuses flipped, nothing but bundles in app.asar.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINK_SCHEME } from '../../../electron/deep-link.ts';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

describe('electron-builder.yml', () => {
  const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));

  it('names the app, its targets and its file associations', () => {
    expect(config.appId).toBe('io.statescope.app');
    expect(config.productName).toBe('Statescope');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations.map((a: { ext: string }) => a.ext)).toEqual(['asl.json', 'asl.yaml', 'asl.yml']);
    // The scheme the installers register is the one the app parses (electron/deep-link.ts).
    expect(config.protocols).toEqual([{ name: 'Statescope link', schemes: [LINK_SCHEME] }]);
  });

  it('ships only the bundles, the samples and package.json, with the fuses locked down', () => {
    expect(config.files.filter((f: string) => !f.startsWith('!'))).toEqual(['out/**', 'samples/**', 'package.json']);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('packs with electron-builder (--dir, stub Electron): fuses set, main, preload, renderer, samples and notes in app.asar, no sources', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'electron', 'package-check.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^package-check: ok — fuses 0\d00110\d/m);
    expect(run.stdout).toMatch(
      /\(main, preload, renderer, [1-9]\d* sample entries, notes\), no sources\/tests\/node_modules\.$/m,
    );
  });
});
