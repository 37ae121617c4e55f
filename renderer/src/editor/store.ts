/**
 * The text being edited in each ASL tab, kept outside the React tree so it survives the view being re-created
 * (tab switches, a reload from disk) and so the shell can show a dirty marker and ask before closing.
 */

export interface EditState {
  /** The editor's text now. */
  text: string;
  /** The text last read from or written to disk (what "clean" means). */
  baseText: string;
  /** Modification time of the file when `baseText` was read or written (for conflict checks on save). */
  mtimeMs?: number;
  /** Set when the file changed on disk while there were unsaved edits: the disk's text, waiting for a choice. */
  theirs?: string;
  theirsMtimeMs?: number;
  /** The file was deleted or renamed on disk; the editor keeps its text. */
  gone?: 'deleted' | 'renamed';
}

const states = new Map<string, EditState>();
const listeners = new Set<() => void>();

let emitQueued = false;

/** Listeners run after the current render (a view may update the store while React is rendering it). */
function emit(): void {
  if (emitQueued) return;
  emitQueued = true;
  queueMicrotask(() => {
    emitQueued = false;
    for (const l of listeners) l();
  });
}

/** The edit state of a tab, if it was ever edited or opened in the code view. */
export function getEdit(tabId: string): EditState | undefined {
  return states.get(tabId);
}

/** Replaces part of a tab's edit state and tells subscribers (the tab strip's dirty markers). */
export function setEdit(tabId: string, patch: Partial<EditState> & Pick<EditState, 'text' | 'baseText'>): EditState;
export function setEdit(tabId: string, patch: Partial<EditState>): EditState | undefined;
export function setEdit(tabId: string, patch: Partial<EditState>): EditState | undefined {
  const prev = states.get(tabId);
  if (!prev && (patch.text === undefined || patch.baseText === undefined)) return undefined;
  const next = { ...(prev as EditState), ...patch };
  states.set(tabId, next);
  emit();
  return next;
}

/**
 * Brings a tab's edit state in line with the text the shell read from disk: first open, or a reload after a change
 * on disk. Clean edits follow the disk; unsaved ones are kept and the disk's text waits in `theirs` for a choice.
 */
export function reconcileEdit(tabId: string, diskText: string): EditState {
  const prev = states.get(tabId);
  if (!prev) return setEdit(tabId, { text: diskText, baseText: diskText });
  if (diskText === prev.baseText || diskText === prev.text) {
    return prev.theirs !== undefined || prev.gone
      ? setEdit(tabId, { text: prev.text, baseText: diskText, theirs: undefined, gone: undefined })
      : prev;
  }
  // The file's new modification time is not known here: the next save writes without a conflict check.
  if (prev.text === prev.baseText)
    return setEdit(tabId, {
      text: diskText,
      baseText: diskText,
      theirs: undefined,
      gone: undefined,
      mtimeMs: undefined,
    });
  return setEdit(tabId, { text: prev.text, baseText: prev.baseText, theirs: diskText, gone: undefined });
}

/** Forgets a closed tab's edits. */
export function dropEdit(tabId: string): void {
  if (states.delete(tabId)) emit();
}

/** True when the tab has edits not written to disk. */
export function isDirty(tabId: string): boolean {
  const s = states.get(tabId);
  return !!s && s.text !== s.baseText;
}

/** True when any tab has unsaved edits (for the window's `beforeunload` prompt). */
export function anyDirty(): boolean {
  for (const id of states.keys()) if (isDirty(id)) return true;
  return false;
}

/** Calls `listener` whenever any tab's edit state changes; returns the unsubscribe function. */
export function subscribeEdits(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks before the window is closed or reloaded while a tab has unsaved edits (installed once). */
export function installUnloadGuard(): void {
  if (typeof window === 'undefined' || (window as { __ssUnloadGuard?: boolean }).__ssUnloadGuard) return;
  (window as { __ssUnloadGuard?: boolean }).__ssUnloadGuard = true;
  window.addEventListener('beforeunload', (event) => {
    if (!anyDirty()) return;
    event.preventDefault();
    event.returnValue = '';
  });
}
