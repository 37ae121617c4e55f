/**
 * Links to a view, kept in the URL's fragment so a reload, a bookmark or a pasted link in web mode opens the same
 * view (and, in the desktop app, `statescope://open?…` with the same parameters; electron/deep-link.ts). Routes:
 *
 *   #doc=P[&machine=M][&state=S]      a document (host path or `sample:<id>`), a machine in it, a selected state
 *   #doc=P&execution=H                an execution history (a file) drawn on document P
 *   #doc=P&xray=X[&xray=X2…]&trace=T  trace T of the X-Ray files X… drawn on document P
 *   #xray=X[&xray=X2…]                an X-Ray tab of those files
 *
 * Anything else (an unknown parameter, a relative path, a parameter given twice that may be given once) names no
 * view. Files picked in the browser and definitions fetched from AWS have no path to link to.
 */
import type { DocumentTab } from './documents.ts';
import type { OverlayOrigin } from './store.ts';

export interface ViewLink {
  doc?: string;
  machine?: string;
  state?: string;
  /** An execution history file drawn on `doc`. */
  execution?: string;
  /** X-Ray files: an X-Ray tab, or (with `trace` and `doc`) where the trace drawn on `doc` comes from. */
  xray?: string[];
  trace?: string;
}

/** The parameters a link may carry; `xray` alone may repeat. */
export const LINK_KEYS: readonly string[] = ['doc', 'machine', 'state', 'execution', 'xray', 'trace'];
const MAX_PATH = 4096;
const MAX_NAME = 1024;
const MAX_XRAY_FILES = 20;

/** Whether `path` can be opened again from a link: a sample or an absolute host path. */
export function linkable(path: string): boolean {
  return path.startsWith('sample:') || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

function pathOk(path: string): boolean {
  return linkable(path) && path.length <= MAX_PATH && !path.includes('\u0000');
}

/** The view named by query parameters (a fragment's or a `statescope://` link's), or null. */
export function parseLinkParams(params: URLSearchParams): ViewLink | null {
  for (const key of new Set(params.keys())) {
    if (!LINK_KEYS.includes(key)) return null;
    if (key !== 'xray' && params.getAll(key).length > 1) return null;
  }
  const link: ViewLink = {};
  const doc = params.get('doc');
  const xray = params.getAll('xray');
  if (doc !== null) {
    if (!pathOk(doc)) return null;
    link.doc = doc;
  }
  if (xray.length > 0) {
    if (xray.length > MAX_XRAY_FILES || !xray.every(pathOk)) return null;
    link.xray = xray;
  }
  const machine = params.get('machine');
  const state = params.get('state');
  const execution = params.get('execution');
  const trace = params.get('trace');
  if (machine) link.machine = machine.slice(0, MAX_NAME);
  if (state) link.state = state.slice(0, MAX_NAME);
  if (execution !== null) {
    if (!pathOk(execution) || !link.doc) return null;
    link.execution = execution;
  }
  if (trace !== null) {
    if (!trace || trace.length > 200 || !link.doc || !link.xray) return null;
    link.trace = trace;
  }
  if (!link.doc && !link.xray) return null;
  if (!link.doc && (link.machine || link.state)) return null;
  return link;
}

/** The view a fragment names, or null when it names none (or is malformed). */
export function parseLink(hash: string): ViewLink | null {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return null;
  }
  return parseLinkParams(params);
}

/** The fragment for a view ('' when it cannot be linked: a document or file without a path to open again). */
export function formatLink(link: ViewLink): string {
  if (link.doc !== undefined && !linkable(link.doc)) return '';
  if (link.xray && !link.xray.every(linkable)) return '';
  if (link.execution !== undefined && !linkable(link.execution)) return '';
  const params = new URLSearchParams();
  if (link.doc) params.set('doc', link.doc);
  if (link.machine) params.set('machine', link.machine);
  if (link.state) params.set('state', link.state);
  if (link.execution) params.set('execution', link.execution);
  for (const x of link.xray ?? []) params.append('xray', x);
  if (link.trace) params.set('trace', link.trace);
  const text = params.toString();
  return text && (link.doc || link.xray?.length) ? `#${text}` : '';
}

/**
 * The link for what a tab shows: an ASL document at its machine and state, with the execution or trace drawn on
 * it when that came from files; an X-Ray tab of files. Null when the tab has nothing to link to.
 */
export function viewLinkOf(
  tab: DocumentTab,
  location: { machine: string; state: string | null } | undefined,
  origin: OverlayOrigin | undefined,
): ViewLink | null {
  if (tab.kind === 'asl') {
    if (tab.fetched || !linkable(tab.source.path)) return null;
    const link: ViewLink = { doc: tab.source.path };
    if (location?.machine) link.machine = location.machine;
    if (location?.state) link.state = location.state;
    if (origin && 'execution' in origin) link.execution = origin.execution;
    else if (origin) {
      link.xray = [...origin.xray];
      link.trace = origin.trace;
    }
    return link;
  }
  if (tab.kind === 'xray' && !tab.live && !tab.fetched && tab.files.length > 0) {
    const paths = tab.files.map((f) => f.path ?? '');
    return paths.every(linkable) ? { xray: paths } : null;
  }
  return null;
}
