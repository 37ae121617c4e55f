/**
 * Memory across reloads and starts, kept by the page itself:
 * - the open tabs, in this browser tab's sessionStorage, reopened when the page is *reloaded* (not when the address
 *   is opened afresh, so a new visit starts clean; the host's own list is for crashes, see App start-up);
 * - recently opened host paths, in localStorage, listed on the Welcome page in web mode (the desktop app has
 *   File › Open Recent from the host).
 * Only what can be read again is kept: host paths and samples, never a file's text.
 */
import { whenIdle } from './after-paint.ts';
import { linkable } from './deep-link.ts';
import type { DocumentTab } from './documents.ts';
import { storePreference, storedPreference } from './preferences.ts';

/** One tab as remembered: an ASL document, an X-Ray tab of files, or a singleton tab. */
export type SavedTab = { asl: string } | { xray: string[] } | { notes: true } | { aws: true };

export interface SavedSession {
  tabs: SavedTab[];
  /** Index into `tabs` of the tab that was shown, if it was one of them. */
  active?: number;
}

const SESSION_KEY = 'statescope.session.tabs';
const RECENT_KEY = 'statescope.recent';
export const RECENT_MAX = 10;

/** What of `tabs` can be reopened (tabs without a path, like a browser pick or the live receiver, are left out). */
export function sessionOf(tabs: readonly DocumentTab[], activeId: string): SavedSession {
  const saved: SavedSession = { tabs: [] };
  for (const tab of tabs) {
    let entry: SavedTab | null = null;
    if (tab.kind === 'asl' && linkable(tab.source.path) && !tab.fetched) entry = { asl: tab.source.path };
    else if (tab.kind === 'xray' && !tab.live && !tab.fetched && tab.files.length > 0) {
      const paths = tab.files.map((f) => f.path ?? '');
      if (paths.every(linkable)) entry = { xray: paths };
    } else if (tab.kind === 'notes') entry = { notes: true };
    else if (tab.kind === 'aws') entry = { aws: true };
    if (!entry) continue;
    if (tab.id === activeId) saved.active = saved.tabs.length;
    saved.tabs.push(entry);
  }
  return saved;
}

const isPath = (v: unknown): v is string => typeof v === 'string' && linkable(v) && v.length <= 4096;

/** A remembered session read back, keeping only well-formed entries (storage is outside input); null if none. */
export function parseSession(text: string | null): SavedSession | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || !Array.isArray((value as SavedSession).tabs)) return null;
  const raw = value as { tabs: unknown[]; active?: unknown };
  const tabs: SavedTab[] = [];
  for (const t of raw.tabs.slice(0, 100)) {
    if (!t || typeof t !== 'object') continue;
    const o = t as Record<string, unknown>;
    if (isPath(o.asl)) tabs.push({ asl: o.asl });
    else if (Array.isArray(o.xray) && o.xray.length > 0 && o.xray.length <= 20 && o.xray.every(isPath))
      tabs.push({ xray: o.xray as string[] });
    else if (o.notes === true) tabs.push({ notes: true });
    else if (o.aws === true) tabs.push({ aws: true });
  }
  const active =
    typeof raw.active === 'number' && Number.isInteger(raw.active) && raw.active >= 0 && raw.active < tabs.length
      ? raw.active
      : undefined;
  return { tabs, ...(active !== undefined ? { active } : {}) };
}

/** Whether this page load is a reload of the same page (the only case the saved tabs are reopened). */
export function isReload(): boolean {
  try {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return nav?.type === 'reload';
  } catch {
    return false;
  }
}

let unsaved: SavedSession | null = null;

function writeSession(): void {
  const session = unsaved;
  unsaved = null;
  if (!session) return;
  try {
    window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // storage blocked or full: a reload starts fresh
  }
}

/**
 * Remembers the tabs for a reload, written when the page is idle (within a second) or as it goes away, whichever
 * comes first: the page's first use of sessionStorage blocks it for tens of milliseconds (measured: 70–90 ms on
 * a loaded machine), which must not fall between start-up and the first graph.
 */
export function storeSession(session: SavedSession): void {
  const scheduled = unsaved !== null;
  unsaved = session;
  if (scheduled) return;
  whenIdle(writeSession, 1000, 200);
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', writeSession);

export function storedSession(): SavedSession | null {
  try {
    return parseSession(window.sessionStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

/** `list` with `path` first, without repeats, at most RECENT_MAX long. */
export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, RECENT_MAX);
}

/** Recently opened host paths (newest first). */
export function recentFiles(): string[] {
  return (
    storedPreference(RECENT_KEY, (v) => {
      try {
        const list: unknown = v ? JSON.parse(v) : null;
        return Array.isArray(list) ? list.filter(isPath).filter((p) => !p.startsWith('sample:')) : null;
      } catch {
        return null;
      }
    }) ?? []
  ).slice(0, RECENT_MAX);
}

export function rememberRecent(path: string): string[] {
  const next = withRecent(recentFiles(), path);
  storePreference(RECENT_KEY, JSON.stringify(next));
  return next;
}

export function forgetRecent(): void {
  storePreference(RECENT_KEY, '[]');
}
