/**
 * A lock on one of the app's own files, shared by every process using the data folder (the desktop app, any
 * number of `statescope serve`): proper-lockfile makes `<file>.lock` as a folder (atomic on every file system),
 * refreshes it while held, and takes over a lock whose holder died (stale after 10 s).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { HostError } from './errors.ts';

/** Runs `task` holding the lock on `file` (which need not exist); waits up to a few seconds for another holder. */
export async function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      update: 2_000,
      retries: { retries: 60, factor: 1.3, minTimeout: 10, maxTimeout: 250 },
    });
  } catch (error) {
    throw new HostError(
      `${path.basename(file)} is busy (another Statescope is writing it); try again. (${(error as Error).message})`,
      'busy',
      503,
    );
  }
  try {
    return await task();
  } finally {
    await release().catch(() => {});
  }
}
