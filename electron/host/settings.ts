/**
 * The user's preferences in `settings.json` in the data folder. Only what `validateSettings` lets through is ever
 * stored (theme, language, panels, last profile and region names), written atomically under a lock shared with
 * other processes; a missing or corrupt file reads as the defaults, and the valid part of a hand-edited file is
 * kept. A file that cannot be parsed is copied to `settings.json.damaged-<time>` before the first save replaces
 * it, and the user is told (`onNotice`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../../shared/contract.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { HostError } from './errors.ts';
import { withFileLock } from './file-lock.ts';

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

export function createSettingsStore(
  dataDir: string,
  options: { onNotice?: (message: string) => void } = {},
): SettingsStore {
  const file = path.join(dataDir, SETTINGS_FILE);
  // Writes run one after another so two quick `set` calls cannot lose an update.
  let queue: Promise<unknown> = Promise.resolve();

  /** The stored settings; with `backup`, a file that does not parse is first copied aside (once per damage). */
  async function read(backup = false): Promise<Settings> {
    let stored: Partial<Settings>;
    let text: string | null = null;
    try {
      text = await fs.readFile(file, 'utf8');
      stored = sanitize(JSON.parse(text));
    } catch (error) {
      stored = {};
      if (backup && text !== null) {
        const copy = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await fs.writeFile(copy, text, { mode: 0o600 });
        options.onNotice?.(
          `settings.json could not be read (${(error as Error).message}); it was copied to ${copy} and the defaults are used.`,
        );
      }
    }
    return { ...DEFAULT_SETTINGS, panels: {}, ...stored };
  }

  return {
    get: () => read(),
    set(patch) {
      const run = queue.then(async () => {
        try {
          await fs.mkdir(dataDir, { recursive: true });
        } catch (error) {
          throw new HostError(
            `Cannot save settings in ${dataDir}: ${(error as Error).message}`,
            'settings-write-failed',
            500,
          );
        }
        return withFileLock(file, async () => {
          const current = await read(true);
          const next: Settings = {
            ...current,
            ...patch,
            panels: patch.panels ? { ...current.panels, ...patch.panels } : current.panels,
          };
          try {
            await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
          } catch (error) {
            throw new HostError(
              `Cannot save settings in ${dataDir}: ${(error as Error).message}`,
              'settings-write-failed',
              500,
            );
          }
          return next;
        });
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}
