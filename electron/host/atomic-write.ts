/**
 * Writing a file so that a crash or a full disk never leaves it half-written: the bytes go to a temp file in the
 * same folder (same file system, so the rename is atomic), are flushed with fsync, then renamed over the target.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writes `data` to `file` atomically; the temp file is removed if any step fails. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', mode ?? 0o644);
  try {
    try {
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
    if (dirHandle) await dirHandle.sync().catch(() => {}).finally(() => dirHandle.close());
  }
}
