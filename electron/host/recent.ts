/**
 * The File › Open Recent list, kept as a small JSON file in the data folder. Written atomically (temp file, fsync,
 * rename) under a lock shared with other processes, and changes in this process are queued, so concurrent adds
 * never leave invalid JSON or lose an entry; a corrupt list reads as empty and is copied to `recent.json.damaged-<time>`
 * before the next change replaces it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { withFileLock } from './file-lock.ts';

export const MAX_RECENT = 10;

export interface RecentFiles {
  list(): Promise<string[]>;
  add(file: string): Promise<string[]>;
  clear(): Promise<void>;
}

export function createRecentFiles(dataDir: string): RecentFiles {
  const file = path.join(dataDir, 'recent.json');

  async function read(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  }

  let queue: Promise<unknown> = Promise.resolve();
  /** Reads, changes and writes the list with no other writer in between (in this process or another). */
  function update(change: (list: string[]) => string[]): Promise<string[]> {
    const run = queue.then(() =>
      withFileLock(file, async () => {
        // A list that does not parse is kept beside the new one rather than silently replaced.
        const text = await fs.readFile(file, 'utf8').catch(() => null);
        if (text !== null) {
          try {
            JSON.parse(text);
          } catch {
            await fs.writeFile(`${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`, text);
          }
        }
        const list = change(await read());
        await writeFileAtomic(file, JSON.stringify(list, null, 2));
        return list;
      }),
    );
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    list: read,
    add: (entry) => update((list) => [entry, ...list.filter((p) => p !== entry)].slice(0, MAX_RECENT)),
    async clear() {
      await update(() => []);
    },
  };
}
