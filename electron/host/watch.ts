/**
 * Live reload: watches opened files and emits `files.changed` (changed / deleted / renamed) through the event hub,
 * which reaches the Electron window over IPC and the web page over SSE. The file's folder is watched rather than
 * the file, so editors that save by writing a new file and renaming it keep being noticed; bursts of events are
 * debounced into one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EventHub } from './events.ts';

export interface FileWatcher {
  watch(absPath: string): void;
  unwatch(absPath: string): void;
  /** Closes every watcher (on quit, and in tests). */
  close(): void;
  readonly size: number;
}

interface Entry {
  file: string;
  ino: number | null;
  mtimeMs: number | null;
  timer: NodeJS.Timeout | null;
}

/** At most this many files are watched at once; older ones are dropped first. */
export const MAX_WATCHED = 200;

function statOf(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

export function createFileWatcher(events: EventHub, options: { debounceMs?: number } = {}): FileWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const entries = new Map<string, Entry>();
  const folders = new Map<string, fs.FSWatcher>();

  function settle(entry: Entry): void {
    entry.timer = null;
    const stat = statOf(entry.file);
    if (!stat) {
      // Gone: renamed if another file in the folder now has its inode, else deleted.
      let renamed = false;
      if (entry.ino !== null) {
        try {
          const dir = path.dirname(entry.file);
          for (const name of fs.readdirSync(dir).slice(0, 2000)) {
            if (statOf(path.join(dir, name))?.ino === entry.ino) {
              renamed = true;
              break;
            }
          }
        } catch {
          // the folder itself is gone: deleted
        }
      }
      entry.ino = null;
      entry.mtimeMs = null;
      events.emit('files.changed', { path: entry.file, kind: renamed ? 'renamed' : 'deleted' });
      return;
    }
    if (stat.mtimeMs === entry.mtimeMs && stat.ino === entry.ino) return;
    entry.ino = stat.ino;
    entry.mtimeMs = stat.mtimeMs;
    events.emit('files.changed', { path: entry.file, kind: 'changed' });
  }

  function schedule(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => settle(entry), debounceMs);
  }

  function ensureFolder(dir: string): void {
    if (folders.has(dir)) return;
    try {
      const watcher = fs.watch(dir, { persistent: false }, (_type, name) => {
        for (const entry of entries.values()) {
          if (path.dirname(entry.file) !== dir) continue;
          // Some platforms do not name the file; then every watched file in the folder is checked.
          if (name === null || name === undefined || name === path.basename(entry.file)) schedule(entry);
        }
      });
      watcher.on('error', () => {
        watcher.close();
        folders.delete(dir);
        for (const entry of entries.values()) if (path.dirname(entry.file) === dir) schedule(entry);
      });
      folders.set(dir, watcher);
    } catch {
      // A folder that cannot be watched (gone, no permission) simply gets no live reload.
    }
  }

  function dropFolderIfUnused(dir: string): void {
    for (const entry of entries.values()) if (path.dirname(entry.file) === dir) return;
    folders.get(dir)?.close();
    folders.delete(dir);
  }

  return {
    watch(absPath) {
      const file = path.resolve(absPath);
      if (entries.has(file)) return;
      if (entries.size >= MAX_WATCHED) {
        const oldest = entries.keys().next().value as string;
        this.unwatch(oldest);
      }
      const stat = statOf(file);
      entries.set(file, { file, ino: stat?.ino ?? null, mtimeMs: stat?.mtimeMs ?? null, timer: null });
      ensureFolder(path.dirname(file));
    },
    unwatch(absPath) {
      const file = path.resolve(absPath);
      const entry = entries.get(file);
      if (!entry) return;
      if (entry.timer) clearTimeout(entry.timer);
      entries.delete(file);
      dropFolderIfUnused(path.dirname(file));
    },
    close() {
      for (const entry of entries.values()) if (entry.timer) clearTimeout(entry.timer);
      entries.clear();
      for (const watcher of folders.values()) watcher.close();
      folders.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
