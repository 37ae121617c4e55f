/**
 * The learner's own notes on the selected element: a list rendered as markdown, with edit and delete, and a box
 * to add one. Stored by the host (written to disk before the call returns), keyed by file and element.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Annotation, AnnotationTarget } from '../../../shared/notes/annotations.ts';
import { errorMessage, getApi } from '../api.ts';
import { annotationsClient, draftProblem, importSummaryText, type AnnotationsApi } from './annotations-client.ts';
import { linkClickHandler, renderMarkdown } from './markdown.ts';
import './notes.css';
import { textIn } from '../i18n/index.ts';

/** Props of `AnnotationsEditor`. */
export interface AnnotationsEditorProps {
  /** The file (path or ARN) and element (state name, service id, trace id); null hides the editor. */
  target: AnnotationTarget | null;
  lang: 'en' | 'ko';
  /** Opens https links from rendered annotations. */
  onOpenLink?: (url: string) => void;
  /** The contract client (defaults to the app's). */
  api?: AnnotationsApi;
}

/** Lists, adds, edits and deletes the annotations of one element. */
export function AnnotationsEditor({ target, lang, onOpenLink, api }: AnnotationsEditorProps) {
  const t = textIn(lang);
  const client = useMemo(() => annotationsClient(api ?? getApi()), [api]);
  const [items, setItems] = useState<Annotation[]>([]);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onClick = useMemo(() => linkClickHandler(onOpenLink), [onOpenLink]);
  const key = target?.key;
  const element = target?.element;

  useEffect(() => {
    setItems([]);
    setEditing(null);
    setError(null);
    if (key === undefined || element === undefined) return;
    let live = true;
    client.list({ key, element }).then(
      (list) => live && setItems(list),
      (err) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [client, key, element]);

  const run = useCallback(async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, []);

  if (!target) return null;
  const problem = draft === '' ? null : draftProblem(draft, lang);
  return (
    <section className="nt-annotations" data-testid="annotations-editor" lang={lang}>
      <h4>{t('notes.mine.title')}</h4>
      {items.length === 0 && <p className="nt-dim">{t('notes.mine.empty')}</p>}
      {items.map((a) =>
        editing?.id === a.id ? (
          <div key={a.id} className="nt-annotation">
            <textarea
              value={editing.text}
              maxLength={100_000}
              onChange={(e) => setEditing({ id: a.id, text: e.target.value })}
              rows={4}
            />
            <button
              type="button"
              disabled={busy || draftProblem(editing.text, lang) !== null}
              onClick={() =>
                run(async () => {
                  const updated = await client.update(a.id, editing.text);
                  setItems((list) => list.map((x) => (x.id === a.id ? updated : x)));
                  setEditing(null);
                })
              }
            >
              {t('notes.mine.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('notes.mine.cancel')}
            </button>
          </div>
        ) : (
          <div key={a.id} className="nt-annotation" data-testid="annotation">
            <div
              className="nt-body"
              onClick={onClick}
              dangerouslySetInnerHTML={{ __html: renderMarkdown(a.markdown) }}
            />
            <button type="button" disabled={busy} onClick={() => setEditing({ id: a.id, text: a.markdown })}>
              {t('notes.mine.edit')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                run(async () => {
                  await client.remove(a.id);
                  setItems((list) => list.filter((x) => x.id !== a.id));
                })
              }
            >
              {t('notes.mine.del')}
            </button>
          </div>
        ),
      )}
      <textarea
        className="nt-draft"
        value={draft}
        placeholder={t('notes.mine.placeholder')}
        aria-label={t('notes.mine.placeholder')}
        maxLength={100_000}
        rows={3}
        onChange={(e) => setDraft(e.target.value)}
        data-testid="annotation-draft"
      />
      <button
        type="button"
        disabled={busy || draft.trim() === '' || problem !== null}
        onClick={() =>
          run(async () => {
            const added = await client.add(target, draft);
            setItems((list) => [...list, added]);
            setDraft('');
          })
        }
        data-testid="annotation-add"
      >
        {t('notes.mine.add')}
      </button>
      {(problem || error) && (
        <p className="nt-error" role="alert">
          {problem ?? error}
        </p>
      )}
    </section>
  );
}

/** Props of `AnnotationsTransfer`. */
export interface AnnotationsTransferProps {
  lang: 'en' | 'ko';
  api?: AnnotationsApi;
}

/** Export all annotations as one JSON file, or import such a file (validated and merged by the host). */
export function AnnotationsTransfer({ lang, api }: AnnotationsTransferProps) {
  const client = useMemo(() => annotationsClient(api ?? getApi()), [api]);
  const [message, setMessage] = useState<string | null>(null);
  const labels =
    lang === 'ko' ? { exp: '메모 내보내기', imp: '메모 가져오기' } : { exp: 'Export notes', imp: 'Import notes' };
  return (
    <div className="nt-transfer" data-testid="annotations-transfer">
      <button
        type="button"
        onClick={async () => {
          try {
            const text = await client.exportText();
            const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
            const a = document.createElement('a');
            a.href = url;
            a.download = 'statescope-annotations.json';
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
            setMessage(null);
          } catch (err) {
            setMessage(errorMessage(err));
          }
        }}
      >
        {labels.exp}
      </button>
      <label className="nt-import">
        {labels.imp}
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            try {
              setMessage(importSummaryText(await client.importText(await file.text()), lang));
            } catch (err) {
              setMessage(errorMessage(err));
            }
          }}
        />
      </label>
      {message && (
        <p className="nt-dim" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
