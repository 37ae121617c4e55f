/**
 * `app.start`: what a page needs to start, in one round trip instead of five in a row (each an HTTP request in
 * web mode), and the first sample prepared ahead of the page: loaded, graphed and laid out here, once, from the
 * moment the host starts, so the first graph does not wait for the page's document worker to start cold
 * (fetching and compiling elkjs, then its first slow layout).
 */
import type { FileText, Handlers, StartInfo } from '../../shared/contract.ts';
import type { PreparedDocument } from '../../shared/asl/prepared.ts';
import type { FileService } from './files.ts';
import { isHostError } from './errors.ts';

type Part<M extends keyof Handlers> = Handlers[M];

export interface StartParts {
  info: Part<'app.info'>;
  settings: Part<'settings.get'>;
  openDocuments: Part<'session.getOpenDocuments'>;
  daemon: Part<'daemon.status'>;
  files: Pick<FileService, 'samples' | 'readSample' | 'readRelative'>;
}

/** The first ASL sample's id, or null. */
async function firstSampleId(files: StartParts['files']): Promise<string | null> {
  return (await files.samples()).find((s) => s.kind === 'asl')?.id ?? null;
}

/**
 * Loads `text` and lays out its first machine as the page's document worker opens a file: a sample's loader
 * sees its file name, relative reads (DefinitionUri) go through the file service from the page's path.
 */
async function prepareText(files: StartParts['files'], file: string, name: string, text: string) {
  const { prepareDocument } = await import('../../shared/asl/prepared.ts');
  return prepareDocument(file, name, text, {
    readFile: async (relative) => (await files.readRelative(file, relative)).text,
    now: () => performance.now(),
  });
}

/** `asl.prepare`: what the page asks while its document worker is still starting cold. */
export function createPrepareHandler(files: StartParts['files']): Part<'asl.prepare'> {
  return ({ file, name, text }) => prepareText(files, file, name, text);
}

/**
 * `asl.readPrepared`: the page's linked document read by `read` (the host's `files.read`, with its grants) and,
 * when not longer than `prepareMax`, prepared as `asl.prepare` prepares it; a layout that fails leaves `prepared`
 * null (the page then opens the text itself), a read that fails fails the call as `files.read` would.
 */
export function createReadPreparedHandler(
  files: StartParts['files'],
  read: Part<'files.read'>,
): Part<'asl.readPrepared'> {
  return async ({ path, prepareMax }) => {
    const file = await read({ path });
    const prepared =
      file.text.length <= prepareMax
        ? await prepareText(files, file.path, file.name, file.text).catch(() => null)
        : null;
    return { file, prepared };
  };
}

/**
 * The first sample prepared, computed once per text: started when the host starts (`prewarm`), reused by every
 * page load; a sample whose text changed on disk is prepared again.
 */
export function createFirstSample(files: StartParts['files']) {
  let cached: { text: string; prepared: Promise<PreparedDocument | null> } | null = null;
  const prepare = (file: FileText): Promise<PreparedDocument | null> => {
    if (cached?.text === file.text) return cached.prepared;
    const prepared = prepareText(files, file.path, file.name, file.text)
      // Preparing is a head start only: the page opens the sample itself when it fails.
      .catch(() => null);
    cached = { text: file.text, prepared };
    return prepared;
  };
  return {
    /** The first sample read and prepared, or null when there is no ASL sample. */
    async get(): Promise<{ file: FileText; prepared: PreparedDocument | null } | null> {
      const id = await firstSampleId(files);
      if (!id) return null;
      const file = await files.readSample(id);
      return { file, prepared: await prepare(file) };
    },
    /** Starts preparing now, so the first page finds it done. */
    prewarm(): void {
      void this.get().catch(() => undefined);
    },
  };
}

/** The `app.start` handler over the methods it gathers. */
export function createStartHandler(parts: StartParts, first: ReturnType<typeof createFirstSample>): Part<'app.start'> {
  return async ({ first: wantsFirst }): Promise<StartInfo> => {
    const [info, settings, samples, crashed, daemon] = await Promise.all([
      parts.info({}),
      parts.settings({}).catch(() => null),
      parts.files.samples().then(
        (list) => ({ list, error: undefined }),
        (err: unknown) => ({
          list: [],
          // The message a failed `files.samples` would carry (anything else is a bug, not the user's to read).
          error: isHostError(err) ? err.message : 'The samples could not be listed.',
        }),
      ),
      parts.openDocuments({}),
      parts.daemon({}).catch(() => null),
    ]);
    const nothingElse = info.launchFiles.length === 0 && crashed.paths.length === 0;
    return {
      info,
      settings,
      samples: samples.list,
      ...(samples.error !== undefined ? { samplesError: samples.error } : {}),
      openDocuments: crashed.paths,
      daemon,
      first: wantsFirst && nothingElse && samples.error === undefined ? await first.get().catch(() => null) : null,
    };
  };
}
