/**
 * The view state of each open ASL tab, kept outside React so switching tabs (which unmounts the view) comes back
 * to the same machine, groups, selection and viewport; and the views asked for by links, applied once on load.
 */
import type { Viewport } from '@xyflow/react';
import type { DocumentSummary, LayoutResult } from '../workers/document-messages.ts';
import { documentClient } from '../workers/document-client.ts';
import { dropEdit } from '../editor/store.ts';
import { forgetValidation } from '../editor/editing.tsx';

export interface Snapshot {
  /** Which text of the file this view state belongs to (bumped when the file changes on disk). */
  revision: number;
  summary: DocumentSummary | null;
  openError: string | null;
  machine: number;
  collapsed: string[];
  result: LayoutResult | null;
  selected: string | null;
  detailsOpen: boolean;
  /** Where the reader had panned and zoomed to, restored when the tab is shown again. */
  viewport: Viewport | null;
}

const snapshots = new Map<string, Snapshot>();

/** Views asked for by a link (see app/deep-link.ts), by document path: applied once when that document loads. */
const pendingViews = new Map<string, { machine?: string; state?: string }>();

/** Opens the next view of `path` on this machine and state (a link was followed). */
export function setPendingView(path: string, view: { machine?: string; state?: string }): void {
  pendingViews.set(path, view);
}

/** The view a link asked for on `path`, once (it is forgotten when taken). */
export function takePendingView(path: string): { machine?: string; state?: string } | undefined {
  const view = pendingViews.get(path);
  pendingViews.delete(path);
  return view;
}

/** Whether the code view is shown, shared by all tabs for this window (the widths are remembered, see panels.tsx). */
export const codeViewPrefs = { open: false };

/** Drops what is kept for a closed tab (its view state and its worker-side document). */
export function forgetAslDocument(tabId: string): void {
  snapshots.delete(tabId);
  dropEdit(tabId);
  forgetValidation(tabId);
  documentClient().close(tabId);
}

export function initialSnapshot(revision: number): Snapshot {
  return {
    revision,
    summary: null,
    openError: null,
    machine: 0,
    collapsed: [],
    result: null,
    selected: null,
    detailsOpen: false,
    viewport: null,
  };
}

/** The saved view of a tab; after a reload from disk, what the reader chose (machine, groups, selection) stays. */
export function restoreSnapshot(tabId: string, revision: number): Snapshot {
  const saved = snapshots.get(tabId);
  if (!saved) return initialSnapshot(revision);
  if (saved.revision === revision) return saved;
  const { machine, collapsed, selected, detailsOpen, viewport } = saved;
  return { ...initialSnapshot(revision), machine, collapsed, selected, detailsOpen, viewport };
}

/**
 * A tab whose document the host has loaded and laid out already (start-up's first sample): its view starts with
 * that summary and layout, drawn in the view's first render; the worker opens the document when it is needed.
 */
export function adoptPrepared(
  tabId: string,
  source: { path: string; name: string; text: string },
  prepared: { summary: DocumentSummary; layout: LayoutResult | null },
): void {
  documentClient().adopt(tabId, source.path, source.text, source.name);
  snapshots.set(tabId, { ...initialSnapshot(0), summary: prepared.summary, result: prepared.layout });
}

/**
 * A new tab's document sent to the document worker as soon as the file is read, before the tab is rendered: the
 * worker loads and lays it out while the page renders the tab (whose own open then takes this one's answer).
 */
export function openAhead(tabId: string, source: { path: string; name: string; text: string }): void {
  try {
    documentClient().openAhead(tabId, source.path, source.text, source.name);
  } catch {
    // A head start only: the view opens the document itself, and reports why it cannot.
  }
}

export function saveSnapshot(tabId: string, snap: Snapshot): void {
  snapshots.set(tabId, snap);
}

/** Records the tab's last viewport in its saved view (when the view unmounts). */
export function saveViewport(tabId: string, viewport: Viewport | null): void {
  const saved = snapshots.get(tabId);
  if (saved) snapshots.set(tabId, { ...saved, viewport });
}
