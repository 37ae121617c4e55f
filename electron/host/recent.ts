/**
 * The File › Open Recent list, kept as a small JSON file in the data folder. Written atomically (temp file then
 * rename) so a crash never leaves a half-written list; a corrupt list is treated as empty.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

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

  async function save(list: string[]): Promise<void> {
    await fs.mkdir(dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(list, null, 2));
    await fs.rename(tmp, file);
  }

  return {
    list: read,
    async add(entry) {
      const list = [entry, ...(await read()).filter((p) => p !== entry)].slice(0, MAX_RECENT);
      await save(list);
      return list;
    },
    async clear() {
      await save([]);
    },
  };
}
