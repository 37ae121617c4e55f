/**
 * Editing an ASL tab: the text in the code view, re-parsing it in the document worker as the user types, asking
 * the host to validate it (the validator is too large for the renderer), saving (atomic write on the host, or a
 * download when the file has no host path), and the bars for a file changed, deleted or renamed on disk.
 */
import { useCallback, useContext, useEffect, useReducer, useRef, useState } from 'react';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import type { SourceSpan } from '../../../shared/asl/types.ts';
import { errorMessage, getApi } from '../api.ts';
import { documentClient } from '../workers/document-client.ts';
import type { DocumentSummary } from '../workers/document-messages.ts';
import { downloadBlob } from './export-image.ts';
import { getEdit, installUnloadGuard, isDirty, reconcileEdit, setEdit, subscribeEdits } from './store.ts';
import { LangContext, translate, useT } from '../i18n/index.ts';
import { REPARSE_DELAY_MS, VALIDATE_DELAY_MS } from './delays.ts';
import { afterFirstPaint, afterNextPaint } from '../app/after-paint.ts';

export { REPARSE_DELAY_MS, VALIDATE_DELAY_MS };

/** True for a path the host can write (not a bundled sample, not a file picked in the browser without a path). */
export function canWriteTo(path: string): boolean {
  return (
    !path.startsWith('sample:') && (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'))
  );
}

/** The innermost state whose source span holds `offset` (states nest inside Parallel and Map). */
export function spanAt(spans: Record<string, SourceSpan> | undefined, offset: number): string | null {
  let best: string | null = null;
  let size = Infinity;
  for (const [id, span] of Object.entries(spans ?? {})) {
    if (offset >= span.start && offset <= span.end && span.end - span.start < size) {
      best = id;
      size = span.end - span.start;
    }
  }
  return best;
}

/** The tabs showing each watched path: the host watches a file while at least one open tab shows it. */
const watchers = new Map<string, Set<string>>();

/** Files no larger than this get a second read on open to learn their modification time (for the save check). */
const MAX_STAT_READ_CHARS = 16 * 1024 * 1024;

function watchFor(tabId: string, path: string): void {
  let tabs = watchers.get(path);
  if (!tabs) {
    tabs = new Set();
    watchers.set(path, tabs);
    getApi()
      .call('files.watch', { path })
      .catch(() => {
        // Not watchable (e.g. not opened through the host): ask again the next time a tab shows it.
        if (watchers.get(path) === tabs) watchers.delete(path);
      });
  }
  tabs.add(tabId);
}

function unwatchFor(tabId: string): void {
  for (const [path, tabs] of watchers) {
    if (!tabs.delete(tabId) || tabs.size > 0) continue;
    watchers.delete(path);
    getApi()
      .call('files.unwatch', { path })
      .catch(() => undefined); // the host forgets watchers when it stops anyway
  }
}

/** The host's last answer per tab and text, so switching back to a tab does not validate the same text again. */
const validated = new Map<string, { text: string; diagnostics: Diagnostic[] }>();

/** Forgets a closed tab's validation answer and stops watching its file when no other tab shows it. */
export function forgetValidation(tabId: string): void {
  validated.delete(tabId);
  unwatchFor(tabId);
}

export interface EditingOptions {
  tabId: string;
  path: string;
  name: string;
  /** The text the shell read from disk (changes when the file is re-read). */
  diskText: string;
  /** The file's modification time as of `diskText`, when the shell knows it. */
  diskMtimeMs?: number;
  active: boolean;
  /**
   * The tab's first drawing is on screen (or the document cannot be drawn). The first validation waits for it: the
   * request encodes the whole text on this thread (`requestBody` in api.ts) and the host's validator takes a core.
   * Sent at once, it held up a 20,000-state open: the worker's first task came 230 ms after the file input instead
   * of 64 ms, and the URL update (history.replaceState) took 0.3–0.7 s while the request was in flight instead of
   * 1 ms.
   */
  drawn: boolean;
  /** A new text loaded into a drawable document. */
  onReparsed: (summary: DocumentSummary) => void;
}

export interface Editing {
  /** The text to open and to show in the code view (the user's text when there are unsaved edits). */
  text: string;
  /** Bumped when the editor's text is replaced from outside (Load theirs): the code view is re-created. */
  codeKey: number;
  onChange: (text: string) => void;
  hostDiagnostics: Diagnostic[];
  /** Why the text being typed cannot be drawn (the graph shows the last text that could). */
  parseProblems: Diagnostic[] | null;
  dirty: boolean;
  writable: boolean;
  save: () => Promise<void>;
  theirs: boolean;
  gone: 'deleted' | 'renamed' | undefined;
  keepMine: () => void;
  loadTheirs: () => void;
  dismissGone: () => void;
  message: string | null;
  setMessage: (text: string | null) => void;
}

/** Asks the host to validate a text (answers remembered per tab and text); `cancel` drops answers in flight. */
function useHostValidation(tabId: string, path: string, name: string) {
  const lang = useContext(LangContext);
  const [hostDiagnostics, setHostDiagnostics] = useState<Diagnostic[]>([]);
  const validateSeq = useRef(0);
  const validate = useCallback(
    (text: string) => {
      const seq = ++validateSeq.current;
      const known = validated.get(tabId);
      if (known && known.text === text) {
        setHostDiagnostics(known.diagnostics);
        return;
      }
      getApi()
        .call('asl.validate', { file: path.startsWith('sample:') ? name : path, text })
        .then(
          ({ diagnostics }) => {
            // A text the host skipped for a newer one has no answer of its own; one that timed out or crashed is
            // tried again next time rather than remembered.
            if (diagnostics.some((d) => d.code === 'validate-superseded')) return;
            if (!diagnostics.some((d) => d.code === 'validate-timeout' || d.code === 'validator-crashed')) {
              validated.set(tabId, { text, diagnostics });
            }
            if (seq === validateSeq.current) setHostDiagnostics(diagnostics);
          },
          (err) => {
            if (seq !== validateSeq.current) return;
            setHostDiagnostics([
              {
                severity: 'info',
                message: translate(lang, 'edit.validateUnavailable', { message: errorMessage(err) }),
                line: 1,
                column: 1,
                source: 'statescope',
                code: 'validate-unavailable',
              },
            ]);
          },
        );
    },
    [tabId, path, name, lang],
  );
  const cancel = useCallback(() => void validateSeq.current++, []);
  return { hostDiagnostics, validate, cancel };
}

/** Re-parses a text in the document worker: a drawable one goes to `onReparsed`, else why it cannot be drawn. */
function useReparse(tabId: string, path: string, name: string, onReparsed: (summary: DocumentSummary) => void) {
  const [parseProblems, setParseProblems] = useState<Diagnostic[] | null>(null);
  const parseSeq = useRef(0);
  const reparsed = useRef(onReparsed);
  useEffect(() => {
    reparsed.current = onReparsed;
  });
  const reparse = useCallback(
    (text: string) => {
      const seq = ++parseSeq.current;
      documentClient()
        .open(tabId, path, text, name)
        .then(
          (summary) => {
            if (seq !== parseSeq.current) return;
            if (summary.machines.length === 0) {
              setParseProblems(summary.diagnostics.filter((d) => d.severity === 'error').slice(0, 5));
              return;
            }
            setParseProblems(null);
            reparsed.current(summary);
          },
          (err) => {
            if (seq !== parseSeq.current) return;
            setParseProblems([{ severity: 'error', message: errorMessage(err), line: 1, column: 1 }]);
          },
        );
    },
    [tabId, path, name],
  );
  const cancel = useCallback(() => void parseSeq.current++, []);
  return { parseProblems, reparse, cancel };
}

/**
 * Follows the file on disk: the host watches it while a tab shows it (changes come back through the shell as a
 * re-read, or as deleted/renamed); and the conflict check on save learns the file's modification time as of the
 * text shown. The shell passes it with the text it read; when it does not know it (a restored session), the file
 * is read once more: it counts only when the disk still holds the same text.
 */
function useDiskFollow(tabId: string, path: string, writable: boolean, diskText: string, diskMtimeMs?: number) {
  useEffect(() => {
    if (!writable) return;
    const api = getApi();
    // Kept while the tab is open (the view unmounts on tab switches, but background tabs still follow the disk).
    watchFor(tabId, path);
    return api.on('files.changed', (event) => {
      if (event.path === path && event.kind !== 'changed') setEdit(tabId, { gone: event.kind });
    });
  }, [writable, path, tabId]);

  useEffect(() => {
    if (!writable) return;
    const e = getEdit(tabId);
    if (!e || e.mtimeMs !== undefined || e.baseText !== diskText) return;
    if (diskMtimeMs !== undefined) {
      setEdit(tabId, { mtimeMs: diskMtimeMs });
      return;
    }
    if (diskText.length > MAX_STAT_READ_CHARS) return;
    let live = true;
    getApi()
      .call('files.read', { path })
      .then(
        (file) => {
          const now = getEdit(tabId);
          if (live && now && now.mtimeMs === undefined && now.baseText === diskText && file.text === diskText) {
            setEdit(tabId, { mtimeMs: file.mtimeMs });
          }
        },
        () => undefined, // unreadable now: the watcher reports deleted/renamed; the save runs without the check
      );
    return () => {
      live = false;
    };
  }, [writable, tabId, path, diskText, diskMtimeMs]);
}

/** Save (atomic write on the host, or a download without a host path), and Ctrl/Cmd+S while the tab is shown. */
function useSave(tabId: string, path: string, name: string, writable: boolean, active: boolean) {
  const lang = useContext(LangContext);
  const [message, setMessage] = useState<string | null>(null);
  const save = useCallback(async () => {
    const edit = getEdit(tabId);
    if (!edit) return;
    if (!writable) {
      downloadBlob(new Blob([edit.text], { type: 'text/plain;charset=utf-8' }), name);
      setMessage(translate(lang, 'edit.downloaded', { name }));
      return;
    }
    try {
      const text = edit.text;
      const written = await getApi().call('files.write', {
        path,
        text,
        ...(edit.mtimeMs !== undefined ? { expectedMtimeMs: edit.mtimeMs } : {}),
      });
      setEdit(tabId, { baseText: text, mtimeMs: written.mtimeMs, gone: undefined });
      setMessage(translate(lang, 'edit.saved', { name }));
    } catch (err) {
      setMessage(translate(lang, 'edit.saveFailed', { name, message: errorMessage(err) }));
    }
  }, [tabId, writable, path, name, lang]);

  // Ctrl/Cmd+S while this tab is shown (the code view handles it itself when it has the focus).
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, save]);
  return { save, message, setMessage };
}

/** The edit state and actions of one ASL tab. */
export function useEditing({
  tabId,
  path,
  name,
  diskText,
  diskMtimeMs,
  active,
  drawn,
  onReparsed,
}: EditingOptions): Editing {
  const [initial] = useState(() => reconcileEdit(tabId, diskText));
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [codeKey, setCodeKey] = useState(0);
  const parseTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const validateTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const writable = canWriteTo(path);
  const host = useHostValidation(tabId, path, name);
  const parse = useReparse(tabId, path, name, onReparsed);
  const { validate } = host;
  const { reparse } = parse;
  const { save, message, setMessage } = useSave(tabId, path, name, writable, active);

  useEffect(() => subscribeEdits(rerender), []);
  // After the first frame (after-paint.ts): nothing can be edited before it, and adding the page's first
  // beforeunload listener cost the main thread 5–12 ms (a call to the browser) between start-up and that frame.
  useEffect(() => afterFirstPaint(installUnloadGuard), []);
  useDiskFollow(tabId, path, writable, diskText, diskMtimeMs);

  // Validate what is shown first (once per mount, after the first drawing has been painted), then after edits.
  const { cancel: cancelValidate } = host;
  const { cancel: cancelParse } = parse;
  useEffect(() => {
    if (!drawn) return;
    return afterNextPaint(() => validate(getEdit(tabId)?.text ?? initial.text));
  }, [drawn, tabId, initial, validate]);
  useEffect(
    () => () => {
      cancelValidate();
      cancelParse();
      clearTimeout(parseTimer.current);
      clearTimeout(validateTimer.current);
    },
    [tabId, cancelValidate, cancelParse],
  );

  const onChange = useCallback(
    (text: string) => {
      setEdit(tabId, { text });
      clearTimeout(parseTimer.current);
      clearTimeout(validateTimer.current);
      parseTimer.current = setTimeout(() => reparse(text), REPARSE_DELAY_MS);
      validateTimer.current = setTimeout(() => validate(text), VALIDATE_DELAY_MS);
    },
    [tabId, reparse, validate],
  );

  const edit = getEdit(tabId) ?? initial;

  const keepMine = useCallback(() => {
    const e = getEdit(tabId);
    if (e?.theirs === undefined) return;
    // The disk now holds their text; ours stays unsaved (and a save overwrites theirs on purpose).
    setEdit(tabId, { baseText: e.theirs, theirs: undefined, mtimeMs: undefined });
  }, [tabId]);

  const loadTheirs = useCallback(() => {
    const e = getEdit(tabId);
    if (e?.theirs === undefined) return;
    setEdit(tabId, { text: e.theirs, baseText: e.theirs, theirs: undefined, mtimeMs: undefined });
    setCodeKey((k) => k + 1);
    reparse(e.theirs);
    validate(e.theirs);
  }, [tabId, reparse, validate]);

  const dismissGone = useCallback(() => setEdit(tabId, { gone: undefined }), [tabId]);

  return {
    text: edit.text,
    codeKey,
    onChange,
    hostDiagnostics: host.hostDiagnostics,
    parseProblems: parse.parseProblems,
    dirty: isDirty(tabId),
    writable,
    save,
    theirs: edit.theirs !== undefined,
    gone: edit.gone,
    keepMine,
    loadTheirs,
    dismissGone,
    message,
    setMessage,
  };
}

/** The bars above the graph: changed on disk while edited, deleted/renamed, a text that cannot be drawn, messages. */
export function EditBars({ editing }: { editing: Editing }) {
  const t = useT();
  return (
    <>
      {editing.theirs ? (
        <div className="ss-edit-bar is-warning" role="alert" data-testid="conflict-bar">
          <span>{t('edit.diskChanged')}</span>
          <button type="button" className="ss-button" onClick={editing.keepMine} data-testid="keep-mine">
            {t('edit.keepMine')}
          </button>
          <button type="button" className="ss-button" onClick={editing.loadTheirs} data-testid="load-theirs">
            {t('edit.loadTheirs')}
          </button>
        </div>
      ) : null}
      {editing.gone ? (
        <div className="ss-edit-bar is-warning" role="alert" data-testid="gone-bar">
          <span>{t(editing.gone === 'deleted' ? 'edit.gone.deleted' : 'edit.gone.renamed')}</span>
          <button type="button" className="ss-button" onClick={editing.dismissGone}>
            {t('edit.dismiss')}
          </button>
        </div>
      ) : null}
      {editing.parseProblems ? (
        <div className="ss-edit-bar is-error" role="status" data-testid="parse-error-bar">
          <span>{t('edit.stale')} </span>
          {editing.parseProblems.map((d, i) => (
            <span key={i} className="ss-where">
              {d.line}:{d.column} {d.message}
            </span>
          ))}
        </div>
      ) : null}
      {editing.message ? (
        <div className="ss-edit-bar" role="status" data-testid="edit-message">
          <span>{editing.message}</span>
          <button
            type="button"
            className="ss-button"
            onClick={() => editing.setMessage(null)}
            aria-label={t('edit.dismiss')}
          >
            ×
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Save (or Save as, for files without a host path) with the dirty marker. */
export function EditToolbar({ editing }: { editing: Editing }) {
  const t = useT();
  return (
    <button
      type="button"
      className="ss-button"
      onClick={() => void editing.save()}
      data-testid="save"
      title={editing.writable ? t('edit.saveTitle') : t('edit.saveAsTitle')}
    >
      {editing.writable ? t('edit.save') : t('edit.saveAs')}
      {editing.dirty ? ' ●' : ''}
    </button>
  );
}
