/**
 * Reading user files and bundled samples for the renderer and the CLI. Plain Node (never imports `electron`) so
 * the desktop app, web mode and the CLI share one implementation and it is tested without a window.
 *
 * Every refusal is a `HostError` with a message meant for the user: outside what the user opened (see grants.ts),
 * too large (named size), a directory or special file, binary content, text that is not UTF-8, a missing file.
 * Sample ids come from the samples' own index files and are only ever looked up there, never joined into a path.
 *
 * The size cap counts the bytes actually read, not what `stat` says: procfs and sysfs files report size 0 (or
 * 4096) and can be endless, so the file is read in chunks and abandoned as soon as it passes the cap.
 */
import { constants as FS, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileText, SampleInfo } from '../../shared/contract.ts';
import { HostError } from './errors.ts';
import { isInsideTree, realOrResolved, type Grants } from './grants.ts';

/** Files above this are refused before any byte is read. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** The sample folders the welcome screen knows; the folder name is the sample's kind. */
export const SAMPLE_KINDS = ['asl', 'xray', 'history'] as const;
type SampleKind = (typeof SAMPLE_KINDS)[number];

const SAMPLE_PREFIX = 'sample:';

export interface FileServiceOptions {
  /** The `samples/` folder (holding `asl/`, `xray/`, `history/`, each with an optional `index.json`). */
  samplesDir: string;
  /** Refuse files larger than this many bytes (default 256 MB). */
  maxBytes?: number;
  /** Base for relative paths given to `read` (default: the process's working directory). */
  cwd?: string;
  /** What the user opened; `read` answers only inside these, `readRelative` also inside the referring file's folder. */
  grants: Grants;
}

export interface FileService {
  /** The grants this service checks (handlers check writes and watches against the same object). */
  readonly grants: Grants;
  read(filePath: string): Promise<FileText>;
  readRelative(from: string, relPath: string): Promise<FileText>;
  samples(): Promise<SampleInfo[]>;
  readSample(id: string): Promise<FileText>;
  /** The absolute path of a sample's file (for `statescope open` of the first sample). */
  samplePath(id: string): Promise<string>;
}

interface SampleEntry extends SampleInfo {
  absPath: string;
}

/** Formats a byte count for messages: "512.0 MB", "3.2 KB", "17 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Decodes file bytes as UTF-8 text or explains why they are not text. */
export function decodeText(bytes: Uint8Array, displayName: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new HostError(
      `${displayName} looks like a binary file (it contains a NUL byte at offset ${nul}); Statescope opens text files only.`,
      'binary',
      415,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HostError(`${displayName} is not valid UTF-8 text; save it as UTF-8 and try again.`, 'not-utf8', 415);
  }
}

const isInside = isInsideTree;

/** Device, process and kernel file systems: never user documents, and their files may be endless or have effects. */
const SPECIAL_ROOTS = ['/dev', '/proc', '/sys'];

/**
 * Why a path is never opened, whatever the grants say: UNC and other network or device paths (on Windows merely
 * opening `\\host\share\x` makes an SMB connection), and the device/proc/sys trees.
 */
export function specialPathReason(p: string): string | null {
  if (/^[\\/]{2}/.test(p)) return 'a network (UNC) or device path';
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(p)) return 'a URL, not a local file';
  if (/(^|[\\/])(con|prn|aux|nul|com\d|lpt\d)(\.[^\\/]*)?$/i.test(p) && process.platform === 'win32')
    return 'a device name';
  const abs = path.resolve(p);
  const real = realOrResolved(abs);
  for (const root of SPECIAL_ROOTS) {
    if (isInside(root, abs) || isInside(root, real))
      return `inside ${root} (device and kernel files are not documents)`;
  }
  return null;
}

/** Opens without blocking on a FIFO (a named pipe would otherwise hang `open` until someone writes to it). */
const OPEN_FLAGS = FS.O_RDONLY | (process.platform === 'win32' ? 0 : (FS.O_NONBLOCK ?? 0));
const CHUNK = 1024 * 1024;

/**
 * Reads a regular file, at most `maxBytes`: the file is checked through its open handle (so it cannot be swapped
 * between the check and the read) and read in chunks; one byte past the cap and it is refused.
 */
export async function readCapped(absPath: string, maxBytes: number): Promise<{ bytes: Buffer; stat: Stats }> {
  const name = path.basename(absPath);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(absPath, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new HostError(`File not found: ${absPath}`, 'not-found', 404);
    if (code === 'EACCES' || code === 'EPERM')
      throw new HostError(`Permission denied reading ${absPath}`, 'permission-denied', 403);
    if (code === 'EISDIR') throw new HostError(`${absPath} is a folder, not a file.`, 'is-directory', 400);
    throw new HostError(`Cannot read ${absPath}: ${(error as Error).message}`, 'read-failed', 500);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new HostError(`${absPath} is a folder, not a file.`, 'is-directory', 400);
    if (!stat.isFile()) throw new HostError(`${absPath} is not a regular file.`, 'not-a-file', 400);
    const tooLarge = (size: number, atLeast: boolean) =>
      new HostError(
        `${name} is ${atLeast ? 'more than ' : ''}${formatBytes(size)}; Statescope opens files up to ${formatBytes(maxBytes)}.`,
        'too-large',
        413,
      );
    if (stat.size > maxBytes) throw tooLarge(stat.size, false);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Whole chunks (some kernel files accept only aligned reads); at most one chunk past the cap is read.
      const want = CHUNK;
      const buffer = Buffer.allocUnsafe(want);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, want, null));
      } catch (error) {
        throw new HostError(`Cannot read ${absPath}: ${(error as Error).message}`, 'read-failed', 500);
      }
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      // The file grew since stat, or lied about its size (procfs): stop at the cap.
      if (total > maxBytes) throw tooLarge(maxBytes, true);
    }
    return { bytes: Buffer.concat(chunks, total), stat };
  } finally {
    await handle.close().catch(() => {});
  }
}

/** Creates the file service; all paths it returns are absolute (or `sample:<id>` for samples). */
export function createFileService(options: FileServiceOptions): FileService {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const samplesDir = path.resolve(options.samplesDir);

  async function readAbsolute(absPath: string, reportedPath: string): Promise<FileText> {
    const special = specialPathReason(absPath);
    if (special) throw new HostError(`${absPath} is ${special}; Statescope does not open it.`, 'special-file', 403);
    const { bytes, stat } = await readCapped(absPath, maxBytes);
    const name = path.basename(absPath);
    const text = decodeText(bytes, name);
    return { path: reportedPath, name, text, size: bytes.length, mtimeMs: stat.mtimeMs };
  }

  /** Refuses a path outside the grants, with a message saying how to open it instead. */
  function requireRead(abs: string): void {
    if (options.grants.allows(abs, 'read')) return;
    const roots = options.grants.roots();
    throw new HostError(
      `${abs} was not opened in Statescope, so it is not read. Open it with File › Open (or drop it on the window)` +
        (roots.length > 0
          ? `, or keep it inside the served folder${roots.length > 1 ? 's' : ''} ${roots.join(', ')}.`
          : ', or name it when starting `statescope serve`.'),
      'not-granted',
      403,
    );
  }

  async function loadIndex(kind: SampleKind): Promise<SampleEntry[]> {
    const folder = path.join(samplesDir, kind);
    let raw: string;
    try {
      raw = await fs.readFile(path.join(folder, 'index.json'), 'utf8');
    } catch {
      return [];
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new HostError(
        `samples/${kind}/index.json is not valid JSON: ${(error as Error).message}`,
        'bad-index',
        500,
      );
    }
    if (!Array.isArray(parsed)) return [];
    const out: SampleEntry[] = [];
    for (const item of parsed) {
      if (item === null || typeof item !== 'object') continue;
      const { id, name, file, description } = item as Record<string, unknown>;
      if (typeof id !== 'string' || id === '' || typeof file !== 'string' || file === '') continue;
      const absPath = path.resolve(folder, file);
      // An index entry may only point at a file inside its own folder.
      if (!isInside(folder, absPath) || absPath === folder) continue;
      out.push({
        id,
        name: typeof name === 'string' && name !== '' ? name : id,
        kind,
        description: typeof description === 'string' ? description : '',
        absPath,
      });
    }
    return out;
  }

  async function allSamples(): Promise<SampleEntry[]> {
    const lists = await Promise.all(SAMPLE_KINDS.map((kind) => loadIndex(kind)));
    const seen = new Set<string>();
    const out: SampleEntry[] = [];
    for (const entry of lists.flat()) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      out.push(entry);
    }
    return out;
  }

  async function findSample(id: string): Promise<SampleEntry> {
    const entry = (await allSamples()).find((s) => s.id === id);
    if (!entry) throw new HostError(`No bundled sample has the id "${id}".`, 'unknown-sample', 404);
    return entry;
  }

  async function readSample(id: string): Promise<FileText> {
    const entry = await findSample(id);
    return readAbsolute(entry.absPath, `${SAMPLE_PREFIX}${entry.id}`);
  }

  return {
    grants: options.grants,

    async read(filePath) {
      if (filePath.startsWith(SAMPLE_PREFIX)) return readSample(filePath.slice(SAMPLE_PREFIX.length));
      const abs = path.resolve(options.cwd ?? process.cwd(), filePath);
      const special = specialPathReason(filePath);
      if (special) throw new HostError(`${filePath} is ${special}; Statescope does not open it.`, 'special-file', 403);
      requireRead(abs);
      return readAbsolute(abs, abs);
    },

    async readRelative(from, relPath) {
      if (from.startsWith(SAMPLE_PREFIX)) {
        // Relative to a sample: stay inside the samples folder, and report a sample-style path when the target
        // is itself a listed sample.
        const entry = await findSample(from.slice(SAMPLE_PREFIX.length));
        const target = path.resolve(path.dirname(entry.absPath), relPath);
        if (!isInside(samplesDir, target)) {
          throw new HostError(`${relPath} points outside the bundled samples.`, 'outside-samples', 403);
        }
        const listed = (await allSamples()).find((s) => s.absPath === target);
        return readAbsolute(target, listed ? `${SAMPLE_PREFIX}${listed.id}` : target);
      }
      if (!path.isAbsolute(from)) {
        throw new HostError(`"${from}" is not an absolute path or a sample.`, 'bad-path', 400);
      }
      // The referring file must itself be one the user opened; the file it names must lie in that file's own
      // folder tree (or be granted itself), and is then granted for reading only.
      requireRead(path.resolve(from));
      const special = specialPathReason(relPath);
      if (special) throw new HostError(`${relPath} is ${special}; Statescope does not open it.`, 'special-file', 403);
      const abs = path.resolve(path.dirname(from), relPath);
      const folder = realOrResolved(path.dirname(path.resolve(from)));
      const inTree = isInside(path.dirname(path.resolve(from)), abs) && isInside(folder, realOrResolved(abs));
      if (!inTree && !options.grants.allows(abs, 'read')) {
        throw new HostError(
          `${relPath} lies outside the folder of ${path.basename(from)}; Statescope follows DefinitionUri only inside that folder and its subfolders.`,
          'outside-folder',
          403,
        );
      }
      const file = await readAbsolute(abs, abs);
      if (inTree && !options.grants.allows(abs, 'read')) options.grants.grantFile(abs, { write: false });
      return file;
    },

    async samples() {
      return (await allSamples()).map(({ id, name, kind, description }) => ({ id, name, kind, description }));
    },

    readSample,

    async samplePath(id) {
      return (await findSample(id)).absPath;
    },
  };
}
