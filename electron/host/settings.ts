/**
 * The user's preferences in `settings.json` in the data folder. Only what `validateSettings` lets through is ever
 * stored (theme, language, panels, last profile and region names), written atomically; a missing or corrupt file
 * reads as the defaults, and the valid part of a hand-edited file is kept.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../../shared/contract.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { HostError } from './errors.ts';

export interface SettingsStore {
  get(): Promise<Settings>;
  set(patch: Partial<Settings>): Promise<Settings>;
}

export const SETTINGS_FILE = 'settings.json';

function sanitize(raw: unknown): Partial<Settings> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Partial<Settings> = {};
  // Field by field, so one bad value in a hand-edited file does not throw away the rest.
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    try {
      Object.assign(out, validateSettings({ [key]: value }));
    } catch {
      // ignored: an unknown or invalid entry falls back to its default
    }
  }
  return out;
}

export function createSettingsStore(dataDir: string): SettingsStore {
  const file = path.join(dataDir, SETTINGS_FILE);
  // Writes run one after another so two quick `set` calls cannot lose an update.
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Settings> {
    let stored: Partial<Settings> = {};
    try {
      stored = sanitize(JSON.parse(await fs.readFile(file, 'utf8')));
    } catch {
      stored = {};
    }
    return { ...DEFAULT_SETTINGS, panels: {}, ...stored };
  }

  return {
    get: () => read(),
    set(patch) {
      const run = queue.then(async () => {
        const current = await read();
        const next: Settings = {
          ...current,
          ...patch,
          panels: patch.panels ? { ...current.panels, ...patch.panels } : current.panels,
        };
        try {
          await fs.mkdir(dataDir, { recursive: true });
          await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
        } catch (error) {
          throw new HostError(`Cannot save settings in ${dataDir}: ${(error as Error).message}`, 'settings-write-failed', 500);
        }
        return next;
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}
