/**
 * The user's annotations, kept in one JSON file in the host's data folder. Plain Node (no `electron` import) so
 * the desktop app, web mode and tests share it.
 *
 * Write-through: every change rewrites the file before the call resolves, atomically (temp file in the same
 * folder, fsync, rename, then fsync of the folder where the platform allows), so a crash leaves either the old
 * file or the new one, never a torn one. Calls are serialised through one queue so two quick edits cannot
 * interleave. A file that cannot be parsed is moved aside (never overwritten) and the store starts empty.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ANNOTATION_ID,
  ANNOTATION_LIMITS,
  parseAnnotationExport,
  type Annotation,
  type AnnotationExport,
  type ImportSummary,
} from '../../shared/notes/annotations.ts';
import { HostError } from './errors.ts';

/** File name inside the data folder. */
export const ANNOTATIONS_FILE = 'annotations.json';

export interface AnnotationStoreOptions {
  /** The host's data folder (see `resolveDataDir`); created on first write. */
  dataDir: string;
  /** Clock, injectable for tests. */
  now?: () => Date;
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
  /** Where the data lives, and the file a corrupt store was moved to (if that happened). */
  info(): Promise<{ file: string; recoveredFrom?: string; movedTo?: string }>;
}

function check(value: string, name: string, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new HostError(`The annotation's ${name} must not be empty.`, 'invalid-annotation', 400);
  }
  if (value.length > max) {
    throw new HostError(`The annotation's ${name} is longer than ${max} characters.`, 'invalid-annotation', 400);
  }
  if (value.includes('\0')) throw new HostError(`The annotation's ${name} contains a NUL character.`, 'invalid-annotation', 400);
  return value;
}

/** Writes `text` to `file` so readers see the old or the new content, never part of either. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  // Make the rename itself durable; opening a directory fails on Windows, where rename is already journaled.
  try {
    const dirHandle = await fs.open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    // Not supported on this platform; the data file itself was synced.
  }
}

/** Creates the store; nothing touches the disk until the first call. */
export function createAnnotationStore(options: AnnotationStoreOptions): AnnotationStore {
  const file = path.join(path.resolve(options.dataDir), ANNOTATIONS_FILE);
  const now = options.now ?? (() => new Date());
  let items: Annotation[] | null = null;
  let movedTo: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every earlier call has finished, whether it succeeded or not. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<Annotation[]> {
    if (items) return items;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        items = [];
        return items;
      }
      throw new HostError(`Cannot read the annotations file ${file}: ${(error as Error).message}`, 'read-failed', 500);
    }
    try {
      items = parseAnnotationExport(text).annotations;
    } catch {
      // Keep the damaged file for the user to inspect, and carry on with an empty store.
      movedTo = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(file, movedTo);
      items = [];
    }
    return items;
  }

  function snapshot(list: Annotation[]): AnnotationExport {
    return {
      format: 'statescope-annotations',
      version: 1,
      exportedAt: now().toISOString(),
      annotations: list.map((a) => ({ ...a })),
    };
  }

  async function save(list: Annotation[]): Promise<void> {
    await writeFileAtomic(file, `${JSON.stringify(snapshot(list), null, 2)}\n`);
    items = list;
  }

  function newId(existing: Annotation[]): string {
    for (;;) {
      const id = `a-${now().getTime().toString(36)}-${randomBytes(5).toString('hex')}`;
      if (!existing.some((a) => a.id === id)) return id;
    }
  }

  function find(list: Annotation[], id: string): number {
    if (typeof id !== 'string' || !ANNOTATION_ID.test(id)) {
      throw new HostError('An annotation id may contain only letters, digits, "-" and "_" (1–64 characters).', 'invalid-annotation', 400);
    }
    return list.findIndex((a) => a.id === id);
  }

  return {
    list: (filter = {}) =>
      serial(async () => {
        const list = await load();
        return list
          .filter((a) => (filter.key === undefined || a.key === filter.key) && (filter.element === undefined || a.element === filter.element))
          .map((a) => ({ ...a }));
      }),

    add: (input) =>
      serial(async () => {
        const key = check(input.key, 'file or ARN', ANNOTATION_LIMITS.key);
        const element = check(input.element, 'element', ANNOTATION_LIMITS.element);
        const markdown = check(input.markdown, 'text', ANNOTATION_LIMITS.markdown);
        const list = await load();
        if (list.length >= ANNOTATION_LIMITS.count) {
          throw new HostError(`There are already ${ANNOTATION_LIMITS.count} annotations; delete some first.`, 'too-many', 409);
        }
        const at = now().toISOString();
        const annotation: Annotation = { id: newId(list), key, element, markdown, createdAt: at, updatedAt: at };
        await save([...list, annotation]);
        return { ...annotation };
      }),

    update: (input) =>
      serial(async () => {
        const markdown = check(input.markdown, 'text', ANNOTATION_LIMITS.markdown);
        const list = await load();
        const index = find(list, input.id);
        if (index === -1) throw new HostError(`No annotation with id "${input.id}".`, 'not-found', 404);
        const updated: Annotation = { ...list[index]!, markdown, updatedAt: now().toISOString() };
        const next = [...list];
        next[index] = updated;
        await save(next);
        return { ...updated };
      }),

    delete: (input) =>
      serial(async () => {
        const list = await load();
        const index = find(list, input.id);
        if (index === -1) return { deleted: false };
        await save(list.filter((_, i) => i !== index));
        return { deleted: true };
      }),

    export: () => serial(async () => snapshot(await load())),

    import: (text) =>
      serial(async () => {
        let incoming: Annotation[];
        try {
          incoming = parseAnnotationExport(text).annotations;
        } catch (error) {
          throw new HostError(`Cannot import annotations: ${(error as Error).message}`, 'invalid-import', 400);
        }
        const list = await load();
        const next = [...list];
        const summary: ImportSummary = { added: 0, updated: 0, skipped: 0, total: incoming.length };
        for (const a of incoming) {
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
        if (next.length > ANNOTATION_LIMITS.count) {
          throw new HostError(
            `Importing would make ${next.length} annotations; at most ${ANNOTATION_LIMITS.count} are kept. Nothing was imported.`,
            'too-many',
            409,
          );
        }
        if (summary.added + summary.updated > 0) await save(next);
        return summary;
      }),

    info: () =>
      serial(async () => {
        await load();
        return { file, ...(movedTo ? { movedTo, recoveredFrom: file } : {}) };
      }),
  };
}
