/**
 * The document behind one ASL tab: its saved view state (restored on a tab switch), loading it once in the
 * document worker, and laying out the chosen machine again whenever the machine, the collapsed groups or the
 * edited text change (a newer request wins; a failure can be retried).
 */
import { useCallback, useEffect, useReducer, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { Viewport } from '@xyflow/react';
import { errorMessage } from '../api.ts';
import { useEditing, type Editing } from '../editor/editing.tsx';
import { documentClient } from '../workers/document-client.ts';
import type { DocumentSummary, LayoutResult } from '../workers/document-messages.ts';
import { restoreSnapshot, saveSnapshot, saveViewport, type Snapshot } from './snapshot.ts';

export interface DocumentState {
  snap: Snapshot;
  setSnap: Dispatch<SetStateAction<Snapshot>>;
  update: (patch: Partial<Snapshot>) => void;
  /** The viewport as last moved to (kept in a ref: it changes on every pan, and nothing renders from it). */
  viewportRef: { current: Viewport | null };
  /** A new summary for the document (a good parse of the edited text), keeping the chosen machine if it exists. */
  takeSummary: (summary: DocumentSummary) => void;
}

/** The tab's view state, saved for the next time the tab is shown. */
export function useDocumentState(tabId: string, revision: number): DocumentState {
  const [snap, setSnap] = useState<Snapshot>(() => restoreSnapshot(tabId, revision));
  const viewportRef = useRef<Viewport | null>(snap.viewport);
  const update = useCallback((patch: Partial<Snapshot>) => setSnap((prev) => ({ ...prev, ...patch })), []);
  const takeSummary = useCallback((summary: DocumentSummary) => {
    setSnap((prev) => ({ ...prev, summary, machine: prev.machine < summary.machines.length ? prev.machine : 0 }));
  }, []);
  useEffect(() => {
    saveSnapshot(tabId, { ...snap, viewport: viewportRef.current });
  }, [tabId, snap]);
  useEffect(() => () => saveViewport(tabId, viewportRef.current), [tabId]);
  return { snap, setSnap, update, viewportRef, takeSummary };
}

/** Opens the document in the worker once per tab (unless the saved view already has it). */
export function useDocumentLoad(
  tabId: string,
  source: { path: string; name: string },
  text: string,
  doc: DocumentState,
): void {
  const { snap, update, takeSummary } = doc;
  useEffect(() => {
    if (snap.summary || snap.openError) return;
    let live = true;
    documentClient()
      .open(tabId, source.path, text, source.name, { machine: snap.machine, collapsed: snap.collapsed })
      .then(
        (summary) => live && takeSummary(summary),
        (err) => live && update({ openError: errorMessage(err) }),
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tabId]);
}

export interface LayoutState {
  /** The layout of the chosen machine (null while the first one is computed). */
  result: LayoutResult | null;
  busy: boolean;
  layoutError: string | null;
  retry: () => void;
}

/** Lays out whenever the machine, the collapsed groups or the edited text (`editRev`) change. */
export function useLayout(tabId: string, doc: DocumentState, editRev: number): LayoutState {
  const { snap, update } = doc;
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const requestSeq = useRef(0);
  const laidOutRev = useRef(0);
  const { summary, machine, collapsed } = snap;
  const collapsedKey = collapsed.join('\u0000');
  useEffect(() => {
    if (!summary || summary.machines.length === 0) return;
    const have = snap.result;
    if (
      have &&
      have.machine === machine &&
      have.collapsed.join('\u0000') === [...collapsed].sort().join('\u0000') &&
      laidOutRev.current === editRev
    )
      return;
    const seq = ++requestSeq.current;
    const rev = editRev;
    setBusy(true);
    documentClient()
      .layout(tabId, machine, collapsed)
      .then(
        (result) => {
          if (seq !== requestSeq.current) return;
          laidOutRev.current = rev;
          setLayoutError(null);
          update({ result });
        },
        (err) => {
          if (seq !== requestSeq.current) return;
          setLayoutError(errorMessage(err));
        },
      )
      .finally(() => {
        if (seq === requestSeq.current) setBusy(false);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [summary, machine, collapsedKey, tabId, attempt, editRev]);
  const retry = useCallback(() => {
    setLayoutError(null);
    setAttempt((n) => n + 1);
  }, []);
  const result = snap.result && snap.result.machine === machine ? snap.result : null;
  return { result, busy, layoutError, retry };
}

/**
 * The tab's document as edited: the code view's text is re-parsed as the user types, and each good parse is laid
 * out again (the first text is loaded once per tab).
 */
export function useEditedDocument(
  tabId: string,
  source: { path: string; name: string; text: string; mtimeMs?: number },
  active: boolean,
  doc: DocumentState,
): { editing: Editing; layout: LayoutState } {
  const [editRev, bumpEditRev] = useReducer((n: number) => n + 1, 0);
  const { takeSummary, snap } = doc;
  // Before the load: its effect is a no-op until the summary is there, and its error says the drawing failed.
  const layout = useLayout(tabId, doc, editRev);
  const drawn =
    snap.result !== null ||
    snap.openError !== null ||
    layout.layoutError !== null ||
    (snap.summary !== null && snap.summary.machines.length === 0);
  const onReparsed = useCallback(
    (summary: DocumentSummary) => {
      takeSummary(summary);
      bumpEditRev();
    },
    [takeSummary],
  );
  const editing = useEditing({
    tabId,
    path: source.path,
    name: source.name,
    diskText: source.text,
    diskMtimeMs: source.mtimeMs,
    active,
    drawn,
    onReparsed,
  });
  useDocumentLoad(tabId, source, editing.text, doc);
  return { editing, layout };
}
