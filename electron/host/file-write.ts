/**
 * Saving files the renderer edits. Only a path holding a `write` grant (a file the user opened — see grants.ts)
 * may be written; reading a file never makes it writable.
 *
 * A save writes to the file the user means and keeps what they set on it:
 * - through a symbolic link, the link's target is replaced (the link stays a link);
 * - a file with other hard links is rewritten in place, so every name keeps seeing the same file;
 * - permission bits and owner are kept; a read-only file is refused with a message, not overwritten;
 * - with `expectedMtimeMs`, a file changed on disk since it was read is a `conflict`: by modification time, and
 *   by content (hash of the text last read or saved), which catches an outside change that kept the mtime.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { HostError } from './errors.ts';
import { DEFAULT_MAX_BYTES, readCapped } from './files.ts';
import type { Access, Grants } from './grants.ts';

/** The hash of the text the page last read or saved for each path (the base for detecting outside changes). */
export type KnownContent = Map<string, string>;

export function contentHash(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Checks a path the renderer asks to write or watch: absolute and within the grants for that access. */
export function requireGranted(grants: Grants, filePath: string, access: Access, verb: string): string {
  if (filePath.startsWith('sample:')) {
    throw new HostError(`Bundled samples are read-only; ${verb} needs a file of your own.`, 'read-only', 403);
  }
  if (!path.isAbsolute(filePath) || !grants.allows(filePath, access)) {
    const why =
      access === 'write'
        ? 'it was not opened for editing (File › Open, a file named on the command line, or a served file or folder)'
        : 'it was not opened in Statescope';
    throw new HostError(`Statescope will not ${verb} ${filePath}: ${why}.`, 'not-granted', 403);
  }
  return path.resolve(filePath);
}

function conflict(abs: string, why: string): HostError {
  return new HostError(
    `${path.basename(abs)} ${why} since it was opened; reload it or save under another name.`,
    'conflict',
    409,
  );
}

/** Writes `text` over a granted file; returns the new size and modification time. */
export async function writeGrantedFile(
  grants: Grants,
  known: KnownContent,
  args: { path: string; text: string; expectedMtimeMs?: number },
): Promise<{ path: string; size: number; mtimeMs: number }> {
  const abs = requireGranted(grants, args.path, 'write', 'save');
  // Write where the link points, never over the link itself.
  let target = abs;
  try {
    target = await fs.realpath(abs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new HostError(`Cannot save ${abs}: ${(error as Error).message}`, 'write-failed', 500);
  }
  let stat: Awaited<ReturnType<typeof fs.stat>> | null = null;
  try {
    stat = await fs.stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new HostError(`Cannot save ${abs}: ${(error as Error).message}`, 'write-failed', 500);
  }
  if (stat) {
    if (!stat.isFile()) throw new HostError(`${abs} is not a regular file.`, 'not-a-file', 400);
    // Mode bits, not access(): a privileged process may write anything, but the user marked it read-only.
    if ((stat.mode & 0o222) === 0) {
      throw new HostError(
        `${path.basename(abs)} is read-only; Statescope did not change it. Save under another name, or make it writable first.`,
        'read-only',
        403,
      );
    }
    if (args.expectedMtimeMs !== undefined) {
      if (Math.abs(stat.mtimeMs - args.expectedMtimeMs) > 0.5) throw conflict(abs, 'changed on disk');
      const base = known.get(abs);
      if (base !== undefined) {
        const { bytes } = await readCapped(target, DEFAULT_MAX_BYTES);
        if (contentHash(bytes) !== base) throw conflict(abs, 'changed on disk (same time stamp, different content)');
      }
    }
  } else if (args.expectedMtimeMs !== undefined) {
    throw new HostError(`${path.basename(abs)} was deleted on disk since it was opened.`, 'conflict', 409);
  }
  try {
    if (stat && stat.nlink > 1) {
      // Other names share this file: a rename would split them, so rewrite it in place (synced before return).
      const handle = await fs.open(target, 'r+');
      try {
        const data = Buffer.from(args.text, 'utf8');
        await handle.write(data, 0, data.length, 0);
        await handle.truncate(data.length);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } else {
      await writeFileAtomic(target, args.text, stat ? { mode: stat.mode & 0o777, uid: stat.uid, gid: stat.gid } : {});
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new HostError(`Permission denied saving ${abs}`, 'permission-denied', 403);
    throw new HostError(`Cannot save ${abs}: ${(error as Error).message}`, 'write-failed', 500);
  }
  known.set(abs, contentHash(args.text));
  const after = await fs.stat(target);
  return { path: abs, size: after.size, mtimeMs: after.mtimeMs };
}
