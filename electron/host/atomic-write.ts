/**
 * Writing a file so that a crash or a full disk never leaves it half-written: the bytes go to a temp file in the
 * same folder (same file system, so the rename is atomic), are flushed with fsync, then renamed over the target.
 *
 * Temp files are named `.<name>.<pid>.<random>.tmp`; `removeStaleTemps` deletes those a killed process left
 * behind (its pid no longer runs, or the file is older than a day).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /** Permission bits for the new file (applied with chmod, so the umask does not narrow them). */
  mode?: number;
  /** Owner to keep (best effort: only a privileged process may give a file away). */
  uid?: number;
  gid?: number;
}

const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/** Writes `data` to `file` atomically; the temp file is removed if any step fails. */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: number | AtomicWriteOptions = {},
): Promise<void> {
  const opts: AtomicWriteOptions = typeof options === 'number' ? { mode: options } : options;
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', opts.mode ?? 0o644);
  try {
    try {
      if (opts.mode !== undefined) await handle.chmod(opts.mode);
      if (opts.uid !== undefined && opts.gid !== undefined && process.platform !== 'win32') {
        await handle.chown(opts.uid, opts.gid).catch(() => {});
      }
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw error;
  }
  // Flush the folder entry too where the platform allows it (not on Windows).
  if (process.platform !== 'win32') {
    const dirHandle = await fs.open(dir, 'r').catch(() => null);
    if (dirHandle)
      await dirHandle
        .sync()
        .catch(() => {})
        .finally(() => dirHandle.close());
  }
}

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files an interrupted write left in `dir` (at start-up): those of a process that no longer runs,
 * or older than `maxAgeMs`. Returns the names removed. A missing folder is nothing to clean.
 */
export async function removeStaleTemps(dir: string, maxAgeMs = 24 * 60 * 60 * 1000): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const full = path.join(dir, name);
    const stat = await fs.lstat(full).catch(() => null);
    if (!stat?.isFile()) continue;
    if (running(Number(m[2])) && Date.now() - stat.mtimeMs < maxAgeMs) continue;
    await fs.rm(full, { force: true }).catch(() => {});
    removed.push(name);
  }
  return removed;
}
