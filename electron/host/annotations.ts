/**
 * The user's annotations, kept in one JSON file in the host's data folder. Plain Node (no `electron` import) so
 * the desktop app, web mode and tests share it.
 *
 * Never lose a confirmed note:
 * - Write-through, atomic (temp file in the same folder, fsync, rename, fsync of the folder).
 * - Several processes may share the data folder (the desktop app and a `statescope serve`, two servers): every
 *   change takes a lock on the file (proper-lockfile: a lock folder, refreshed while held, taken over when stale),
 *   re-reads the file under it, applies the change to what is on disk now, and writes — so no process writes
 *   from an old copy. Calls inside one process are also queued.
 * - Records are validated one by one: a bad record is set aside (kept in a `.set-aside-<time>.json` file with
 *   the reason) and the rest load; a file that is not an annotations file at all is copied to
 *   `.damaged-<time>` before the store starts again. Either way the user is told, with the path of the copy
 *   (`onNotice`), and nothing is moved out of sight silently.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ANNOTATION_ID,
  ANNOTATION_LIMITS,
  parseAnnotation,
  parseAnnotationExport,
  type Annotation,
  type AnnotationExport,
  type ImportSummary,
} from '../../shared/notes/annotations.ts';
import { writeFileAtomic as writeAtomic } from './atomic-write.ts';
import { HostError } from './errors.ts';
import { withFileLock } from './file-lock.ts';

/** File name inside the data folder. */
export const ANNOTATIONS_FILE = 'annotations.json';

export interface AnnotationStoreOptions {
  /** The host's data folder (see `resolveDataDir`); created on first write. */
  dataDir: string;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Told (once per event) when records were set aside or a damaged file was copied away. */
  onNotice?: (message: string) => void;
}

export interface AnnotationStore {
  /** All annotations, or those for one file (`key`) and optionally one element, oldest first. */
  list(filter?: { key?: string; element?: string }): Promise<Annotation[]>;
  add(input: { key: string; element: string; markdown: string }): Promise<Annotation>;
  update(input: { id: string; markdown: string }): Promise<Annotation>;
  delete(input: { id: string }): Promise<{ deleted: boolean }>;
  export(): Promise<AnnotationExport>;
  /** Validates an export file's text and merges it: new ids are added, newer versions replace older ones. */
  import(text: string): Promise<ImportSummary>;
  /** Where the data lives, and where a damaged store or set-aside records were copied (if that happened). */
  info(): Promise<{ file: string; recoveredFrom?: string; movedTo?: string; setAside?: string }>;
}

function check(value: string, name: string, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new HostError(`The annotation's ${name} must not be empty.`, 'invalid-annotation', 400);
  }
  if (value.length > max) {
    throw new HostError(`The annotation's ${name} is longer than ${max} characters.`, 'invalid-annotation', 400);
  }
  if (value.includes('\0'))
    throw new HostError(`The annotation's ${name} contains a NUL character.`, 'invalid-annotation', 400);
  return value;
}

/** Writes `text` to `file` so readers see the old or the new content, never part of either (owner-only file). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeAtomic(file, text, { mode: 0o600 });
}

/** The records of a store or export file, each checked on its own. */
export interface LenientParse {
  annotations: Annotation[];
  /** Records that failed validation: their position, the reason, and the record as found. */
  rejected: Array<{ index: number; reason: string; record: unknown }>;
}

/**
 * Parses an annotations file record by record. The envelope (JSON, `format`, `version`, an array) must hold,
 * else this throws like `parseAnnotationExport`; a bad or duplicate record is only listed in `rejected`.
 */
export function parseAnnotationsLenient(text: string): LenientParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`The file is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const o = data as Record<string, unknown> | null;
  if (
    o === null ||
    typeof o !== 'object' ||
    Array.isArray(o) ||
    o.format !== 'statescope-annotations' ||
    o.version !== 1
  ) {
    // Same checks and messages as an import of a whole file.
    parseAnnotationExport(text);
  }
  if (!Array.isArray(o!.annotations)) throw new Error('"annotations" must be an array.');
  if (o!.annotations.length > ANNOTATION_LIMITS.count) {
    throw new Error(
      `The file holds ${o!.annotations.length} annotations; at most ${ANNOTATION_LIMITS.count} are supported.`,
    );
  }
  const out: LenientParse = { annotations: [], rejected: [] };
  const seen = new Set<string>();
  (o!.annotations as unknown[]).forEach((record, index) => {
    try {
      const a = parseAnnotation(record, `annotations[${index}]`);
      if (seen.has(a.id)) throw new Error(`annotations[${index}]: the id "${a.id}" appears twice.`);
      seen.add(a.id);
      out.annotations.push(a);
    } catch (error) {
      out.rejected.push({ index, reason: (error as Error).message, record });
    }
  });
  return out;
}

/** An import file's records, or the reason it cannot be imported at all (too large, not an export, nothing valid). */
function parseImport(text: string): LenientParse {
  if (text.length > ANNOTATION_LIMITS.importChars) {
    throw new HostError(
      `Cannot import annotations: the file is too large to be an annotations export (over ${ANNOTATION_LIMITS.importChars} characters).`,
      'invalid-import',
      400,
    );
  }
  let incoming: LenientParse;
  try {
    incoming = parseAnnotationsLenient(text);
  } catch (error) {
    throw new HostError(`Cannot import annotations: ${(error as Error).message}`, 'invalid-import', 400);
  }
  if (incoming.annotations.length === 0 && incoming.rejected.length > 0) {
    throw new HostError(
      `Cannot import annotations: none of the ${incoming.rejected.length} records is valid (first: ${incoming.rejected[0]!.reason}).`,
      'invalid-import',
      400,
    );
  }
  return incoming;
}

/**
 * Merges imported records into the list: new ids are added (unless the same note is already there), known ids are
 * replaced only by a newer edit; invalid records count as skipped.
 */
function mergeImport(list: Annotation[], incoming: LenientParse): { next: Annotation[]; summary: ImportSummary } {
  const next = [...list];
  const summary: ImportSummary = {
    added: 0,
    updated: 0,
    skipped: 0,
    total: incoming.annotations.length + incoming.rejected.length,
  };
  for (const a of incoming.annotations) {
    const index = next.findIndex((b) => b.id === a.id);
    if (index === -1) {
      const duplicate = next.some((b) => b.key === a.key && b.element === a.element && b.markdown === a.markdown);
      if (duplicate) {
        summary.skipped++;
      } else {
        next.push(a);
        summary.added++;
      }
    } else if (Date.parse(a.updatedAt) > Date.parse(next[index]!.updatedAt)) {
      next[index] = a;
      summary.updated++;
    } else {
      summary.skipped++;
    }
  }
  return { next, summary };
}

/** Runs each task after every earlier one has finished, whether it succeeded or not. */
function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
}

/** The index of the annotation with `id` (-1 when there is none); an id of the wrong shape is refused. */
function indexOfId(list: Annotation[], id: string): number {
  if (typeof id !== 'string' || !ANNOTATION_ID.test(id)) {
    throw new HostError(
      'An annotation id may contain only letters, digits, "-" and "_" (1–64 characters).',
      'invalid-annotation',
      400,
    );
  }
  return list.findIndex((a) => a.id === id);
}

/** The store's file format, which is also the export format. */
function snapshot(list: Annotation[], at: Date): AnnotationExport {
  return {
    format: 'statescope-annotations',
    version: 1,
    exportedAt: at.toISOString(),
    annotations: list.map((a) => ({ ...a })),
  };
}

/** Creates the store; nothing touches the disk until the first call. */
export function createAnnotationStore(options: AnnotationStoreOptions): AnnotationStore {
  const file = path.join(path.resolve(options.dataDir), ANNOTATIONS_FILE);
  const now = options.now ?? (() => new Date());
  let movedTo: string | undefined;
  let setAside: string | undefined;

  const serial = serialQueue();

  /** Runs `task` holding the cross-process lock on the store file. */
  const locked = <T>(task: () => Promise<T>) => withFileLock(file, task);

  const stamp = () => now().toISOString().replace(/[:.]/g, '-');

  const notice = (message: string) => options.onNotice?.(message);

  async function readText(): Promise<string | null> {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new HostError(`Cannot read the annotations file ${file}: ${(error as Error).message}`, 'read-failed', 500);
    }
  }

  /**
   * Reads what is on disk now. Damage is repaired only under the lock (`repair`): the original is copied beside
   * the store first, then the good records are written back; without the lock the good records are returned.
   */
  async function load(repair: boolean): Promise<Annotation[]> {
    const text = await readText();
    if (text === null) return [];
    let parsed: LenientParse;
    try {
      parsed = parseAnnotationsLenient(text);
    } catch (error) {
      if (!repair) return locked(() => load(true));
      const copy = `${file}.damaged-${stamp()}`;
      await fs.copyFile(file, copy);
      await save([]);
      movedTo = copy;
      notice(
        `The annotations file could not be read (${(error as Error).message}); it was copied to ${copy} and a new, empty one was started.`,
      );
      return [];
    }
    if (parsed.rejected.length === 0) return parsed.annotations;
    if (!repair) return locked(() => load(true));
    const when = stamp();
    const original = `${file}.damaged-${when}`;
    const copy = `${file}.set-aside-${when}.json`;
    await fs.copyFile(file, original);
    const record = { from: file, original, setAsideAt: now().toISOString(), rejected: parsed.rejected };
    await writeFileAtomic(copy, `${JSON.stringify(record, null, 2)}\n`);
    await save(parsed.annotations);
    setAside = copy;
    const n = parsed.rejected.length;
    notice(
      `${n} annotation${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'was' : 'were'} set aside in ${copy} ` +
        `(first problem: ${parsed.rejected[0]!.reason}); the other ${parsed.annotations.length} loaded.`,
    );
    return parsed.annotations;
  }

  async function save(list: Annotation[]): Promise<void> {
    await writeFileAtomic(file, `${JSON.stringify(snapshot(list, now()), null, 2)}\n`);
  }

  /** A change: under the lock, from what is on disk now. */
  function change<T>(task: (list: Annotation[]) => Promise<T>): Promise<T> {
    return serial(() => locked(async () => task(await load(true))));
  }

  function newId(existing: Annotation[]): string {
    for (;;) {
      const id = `a-${now().getTime().toString(36)}-${randomBytes(5).toString('hex')}`;
      if (!existing.some((a) => a.id === id)) return id;
    }
  }

  return {
    list: (filter = {}) =>
      serial(async () => {
        const list = await load(false);
        return list
          .filter(
            (a) =>
              (filter.key === undefined || a.key === filter.key) &&
              (filter.element === undefined || a.element === filter.element),
          )
          .map((a) => ({ ...a }));
      }),

    add: async (input) => {
      const key = check(input.key, 'file or ARN', ANNOTATION_LIMITS.key);
      const element = check(input.element, 'element', ANNOTATION_LIMITS.element);
      const markdown = check(input.markdown, 'text', ANNOTATION_LIMITS.markdown);
      return change(async (list) => {
        if (list.length >= ANNOTATION_LIMITS.count) {
          throw new HostError(
            `There are already ${ANNOTATION_LIMITS.count} annotations; delete some first.`,
            'too-many',
            409,
          );
        }
        const at = now().toISOString();
        const annotation: Annotation = { id: newId(list), key, element, markdown, createdAt: at, updatedAt: at };
        await save([...list, annotation]);
        return { ...annotation };
      });
    },

    update: async (input) => {
      const markdown = check(input.markdown, 'text', ANNOTATION_LIMITS.markdown);
      return change(async (list) => {
        const index = indexOfId(list, input.id);
        if (index === -1) throw new HostError(`No annotation with id "${input.id}".`, 'not-found', 404);
        const updated: Annotation = { ...list[index]!, markdown, updatedAt: now().toISOString() };
        const next = [...list];
        next[index] = updated;
        await save(next);
        return { ...updated };
      });
    },

    delete: (input) =>
      change(async (list) => {
        const index = indexOfId(list, input.id);
        if (index === -1) return { deleted: false };
        await save(list.filter((_, i) => i !== index));
        return { deleted: true };
      }),

    export: () => serial(async () => snapshot(await load(false), now())),

    import: (text) => {
      let incoming: LenientParse;
      try {
        incoming = parseImport(text);
      } catch (error) {
        return Promise.reject(error);
      }
      return change(async (list) => {
        const { next, summary } = mergeImport(list, incoming);
        // Invalid records are not imported, and the user hears which and why.
        summary.skipped += incoming.rejected.length;
        if (incoming.rejected.length > 0) {
          const n = incoming.rejected.length;
          notice(
            `${n} record${n === 1 ? '' : 's'} of the imported file ${n === 1 ? 'was' : 'were'} not valid and not imported (first: ${incoming.rejected[0]!.reason}).`,
          );
        }
        if (next.length > ANNOTATION_LIMITS.count) {
          throw new HostError(
            `Importing would make ${next.length} annotations; at most ${ANNOTATION_LIMITS.count} are kept. Nothing was imported.`,
            'too-many',
            409,
          );
        }
        if (summary.added + summary.updated > 0) await save(next);
        return summary;
      });
    },

    info: () =>
      serial(async () => {
        await load(false);
        return { file, ...(movedTo ? { movedTo, recoveredFrom: file } : {}), ...(setAside ? { setAside } : {}) };
      }),
  };
}
