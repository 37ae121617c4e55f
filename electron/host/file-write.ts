/**
 * Saving files the renderer edits. Only files opened in this session (read through `files.read` or picked in the
 * dialog) may be written, so a compromised page cannot write anywhere else; `expectedMtimeMs` turns a file that
 * changed on disk since it was read into a `conflict` error instead of a silent overwrite.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { HostError } from './errors.ts';

/** Paths the user opened in this session: the only ones `files.write` and `files.watch` accept. */
export interface OpenedFiles {
  add(absPath: string): void;
  has(absPath: string): boolean;
}

export function createOpenedFiles(): OpenedFiles {
  const set = new Set<string>();
  return {
    add: (p) => void set.add(path.resolve(p)),
    has: (p) => path.isAbsolute(p) && set.has(path.resolve(p)),
  };
}

/** Checks a path the renderer asks to write or watch: absolute and opened in this session. */
export function requireOpened(opened: OpenedFiles, filePath: string, verb: string): string {
  if (filePath.startsWith('sample:')) {
    throw new HostError(`Bundled samples are read-only; ${verb} needs a file of your own.`, 'read-only', 403);
  }
  if (!path.isAbsolute(filePath) || !opened.has(filePath)) {
    throw new HostError(`${filePath} was not opened in this session, so Statescope will not ${verb} it.`, 'not-opened', 403);
  }
  return path.resolve(filePath);
}

/** Writes `text` atomically, keeping the file's permissions; returns the new size and modification time. */
export async function writeOpenedFile(
  opened: OpenedFiles,
  args: { path: string; text: string; expectedMtimeMs?: number },
): Promise<{ path: string; size: number; mtimeMs: number }> {
  const abs = requireOpened(opened, args.path, 'save');
  let mode: number | undefined;
  try {
    const stat = await fs.stat(abs);
    if (!stat.isFile()) throw new HostError(`${abs} is not a regular file.`, 'not-a-file', 400);
    mode = stat.mode & 0o777;
    if (args.expectedMtimeMs !== undefined && Math.abs(stat.mtimeMs - args.expectedMtimeMs) > 0.5) {
      throw new HostError(
        `${path.basename(abs)} changed on disk since it was opened; reload it or save under another name.`,
        'conflict',
        409,
      );
    }
  } catch (error) {
    if (error instanceof HostError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new HostError(`Cannot save ${abs}: ${(error as Error).message}`, 'write-failed', 500);
    if (args.expectedMtimeMs !== undefined) {
      throw new HostError(`${path.basename(abs)} was deleted on disk since it was opened.`, 'conflict', 409);
    }
  }
  try {
    await writeFileAtomic(abs, args.text, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new HostError(`Permission denied saving ${abs}`, 'permission-denied', 403);
    throw new HostError(`Cannot save ${abs}: ${(error as Error).message}`, 'write-failed', 500);
  }
  const stat = await fs.stat(abs);
  return { path: abs, size: stat.size, mtimeMs: stat.mtimeMs };
}
