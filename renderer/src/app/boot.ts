/**
 * The first thing the page runs (main.tsx), kept small so it runs before the shell's code has even been compiled:
 * the one start-up call to the host (`app.start`) goes out while the browser is still fetching and compiling the
 * shell. Start-up (startup.ts) takes the answer with `earlyStart`, and starts the document worker once the first
 * screen is painted (`warmWorkerAfterPaint`).
 *
 * This module and what it imports are in the page's entry chunk; test/unit/perf/first-screen.test.ts keeps the
 * rest of the app out of it.
 */
import type { PreparedDocument } from '../../../shared/asl/prepared.ts';
import type { FileText, StartInfo } from '../../../shared/contract.ts';
import { START_ELEMENT_ID } from '../../../shared/start-inline.ts';
import { getApi } from '../api.ts';
import { documentClient, HOST_PREPARE_MAX } from '../workers/document-client.ts';
import { parseLink } from './deep-link.ts';
import { openLocalStorage } from './preferences.ts';
import { isReload, storedSession } from './session.ts';

/** Started once, before React renders: the host's answer, and whether it was asked for the first sample. */
let early: Promise<StartInfo> | null = null;
/** The host's answer when it came inside the page (web mode), so start-up can use it before the first render. */
let known: StartInfo | null = null;
/** Host reads started here for the document a link names, each taken once by the dispatcher (`takeEarlyRead`). */
const earlyReads = new Map<string, Promise<FileText>>();
/** The host's layout of that document, asked as soon as its text came (`takeEarlyPrepared`). */
const earlyPrepared = new Map<string, Promise<PreparedDocument | null>>();

/** Would this start open the first sample (no tabs of a reload to restore, no link)? The host adds the rest. */
function wantsFirstSample(): boolean {
  const saved = isReload() ? storedSession() : null;
  return !(saved && saved.tabs.length > 0) && !parseLink(window.location.hash);
}

/**
 * The answer `statescope serve` wrote into the page (shared/start-inline.ts), read once; null when there is none
 * or it cannot be read (then the page asks the host). The host prepared it asking for the first sample; a start
 * that will not show it (a reload restoring tabs, a link) drops it, as the host would not have sent it.
 */
function startInPage(): StartInfo | null {
  if (typeof document === 'undefined') return null;
  const element = document.getElementById(START_ELEMENT_ID);
  if (!element) return null;
  element.remove();
  try {
    const answer = JSON.parse(element.textContent ?? '') as StartInfo;
    if (!answer || typeof answer !== 'object' || !answer.info || !Array.isArray(answer.samples)) return null;
    return wantsFirstSample() ? answer : { ...answer, first: null };
  } catch {
    return null;
  }
}

/** How a document's path names a bundled sample rather than a file: `sample:<id>`. */
export const SAMPLE_PREFIX = 'sample:';

/** Reads a host path or a bundled sample (`sample:<id>`) from the host. */
export function readHostDocument(path: string): Promise<FileText> {
  return path.startsWith(SAMPLE_PREFIX)
    ? getApi().call('files.readSample', { id: path.slice(SAMPLE_PREFIX.length) })
    : getApi().call('files.read', { path });
}

/**
 * A page loaded with a link to a document (`#doc=…`) reads it now, while the shell is still being fetched and
 * compiled, rather than once start-up reaches the link; the host grants or refuses the read exactly as it would
 * then, and the dispatcher reports a refusal the usual way.
 */
function readLinkedDocument(): void {
  const link = parseLink(window.location.hash);
  const doc = link?.doc;
  if (!link || !doc || earlyReads.has(doc)) return;
  // A link to the document alone opens it at its first machine, as the host lays it out (what the document
  // client asks while its worker is cold): the text and that layout in one call, so the graph waits for one round
  // trip to the host, not for a read and then a layout of what was read. A link to a machine, a state or a
  // drawing opens the usual way: the text alone.
  const whole = !(link.machine || link.state || link.execution || link.xray);
  const answer = whole
    ? Promise.resolve().then(() => getApi().call('asl.readPrepared', { path: doc, prepareMax: HOST_PREPARE_MAX }))
    : undefined;
  const read = answer ? answer.then((a) => a.file) : Promise.resolve().then(() => readHostDocument(doc));
  read.catch(() => undefined);
  earlyReads.set(doc, read);
  if (!answer) return;
  const prepared = answer.then((a) => a.prepared);
  prepared.catch(() => undefined);
  earlyPrepared.set(doc, prepared);
}

/** The host's layout `beginStartUp` asked for the linked `path`, once; undefined when none was asked. */
export function takeEarlyPrepared(path: string): Promise<PreparedDocument | null> | undefined {
  const prepared = earlyPrepared.get(path);
  earlyPrepared.delete(path);
  return prepared;
}

/** The read `beginStartUp` started for `path` (a host path or `sample:<id>`), once; undefined when none. */
export function takeEarlyRead(path: string): Promise<FileText> | undefined {
  const read = earlyReads.get(path);
  earlyReads.delete(path);
  return read;
}

/** The one start-up call to the host, before the first render (none when the page carries the answer). */
export function beginStartUp(): void {
  if (early) return;
  readLinkedDocument();
  known = startInPage();
  if (known) early = Promise.resolve(known);
  else {
    // Any failure, even a synchronous one, becomes the rejection startUp reports: never a blank page.
    early = Promise.resolve().then(() => getApi().call('app.start', { first: wantsFirstSample() }));
    early.catch(() => undefined);
  }
  // After the host's calls are on their way, and while the shell still loads (preferences.ts).
  if (typeof window !== 'undefined') openLocalStorage();
}

/**
 * Starts the document worker (its script and a first tiny layout: ready for the first file the user opens) once
 * the first screen has been painted. The first sample comes laid out by the host, and a file opened while
 * the worker is still cold is laid out by the host too (document-client.ts), so nothing on the first screen waits
 * for the worker; started any earlier, compiling elkjs took a core from the first render on a 2-core machine.
 */
export function warmWorkerAfterPaint(): void {
  const warm = () => {
    try {
      documentClient().warm();
    } catch {
      // A head start only: the worker starts (or reports why it cannot) on the first open.
    }
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(warm, 0));
  else setTimeout(warm, 0);
}

/** The host's answer when the page carried it (read by `beginStartUp`), else null: start-up then awaits `earlyStart`. */
export function knownStart(): StartInfo | null {
  beginStartUp();
  return known;
}

/** The host's answer to `app.start` (asked now if `beginStartUp` has not run). */
export function earlyStart(): Promise<StartInfo> {
  beginStartUp();
  return early!;
}
