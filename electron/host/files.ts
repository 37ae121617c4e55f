/**
 * Reading user files and bundled samples for the renderer and the CLI. Plain Node (never imports `electron`) so
 * the desktop app, web mode and the CLI share one implementation and it is tested without a window.
 *
 * Every refusal is a `HostError` with a message meant for the user: too large (named size), a directory, binary
 * content, text that is not UTF-8, a missing file. Sample ids come from the samples' own index files and are
 * only ever looked up there, never joined into a path.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileText, SampleInfo } from '../../shared/contract.ts';
import { HostError } from './errors.ts';

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
}

export interface FileService {
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

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Creates the file service; all paths it returns are absolute (or `sample:<id>` for samples). */
export function createFileService(options: FileServiceOptions): FileService {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const samplesDir = path.resolve(options.samplesDir);

  async function readAbsolute(absPath: string, reportedPath: string): Promise<FileText> {
    const name = path.basename(absPath);
    let stat;
    try {
      stat = await fs.stat(absPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new HostError(`File not found: ${absPath}`, 'not-found', 404);
      if (code === 'EACCES' || code === 'EPERM') {
        throw new HostError(`Permission denied reading ${absPath}`, 'permission-denied', 403);
      }
      throw new HostError(`Cannot read ${absPath}: ${(error as Error).message}`, 'read-failed', 500);
    }
    if (stat.isDirectory()) throw new HostError(`${absPath} is a folder, not a file.`, 'is-directory', 400);
    if (!stat.isFile()) throw new HostError(`${absPath} is not a regular file.`, 'not-a-file', 400);
    if (stat.size > maxBytes) {
      throw new HostError(
        `${name} is ${formatBytes(stat.size)}; Statescope opens files up to ${formatBytes(maxBytes)}.`,
        'too-large',
        413,
      );
    }
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(absPath);
    } catch (error) {
      throw new HostError(`Cannot read ${absPath}: ${(error as Error).message}`, 'read-failed', 500);
    }
    // The file may have grown between stat and read.
    if (bytes.length > maxBytes) {
      throw new HostError(
        `${name} is ${formatBytes(bytes.length)}; Statescope opens files up to ${formatBytes(maxBytes)}.`,
        'too-large',
        413,
      );
    }
    const text = decodeText(bytes, name);
    return { path: reportedPath, name, text, size: bytes.length, mtimeMs: stat.mtimeMs };
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
      throw new HostError(`samples/${kind}/index.json is not valid JSON: ${(error as Error).message}`, 'bad-index', 500);
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
    read(filePath) {
      if (filePath.startsWith(SAMPLE_PREFIX)) return readSample(filePath.slice(SAMPLE_PREFIX.length));
      const abs = path.resolve(options.cwd ?? process.cwd(), filePath);
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
      const abs = path.resolve(path.dirname(from), relPath);
      return readAbsolute(abs, abs);
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
