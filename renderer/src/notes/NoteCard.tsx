/**
 * One exam note, fully rendered: body, key facts, exam traps, corrections to the study notes, highlighted code
 * examples and AWS documentation links. Used by both the side panel and the browser.
 */
import { useMemo } from 'react';
import type { Note } from '../../../shared/notes/types.ts';
import { highlight } from './highlight.ts';
import { EXAM_TASKS, tasksOf } from '../../../shared/notes/exam-guide.ts';
import { linkClickHandler, renderInlineMarkdown, renderMarkdown, isSafeLink } from './markdown.ts';
import { textIn } from '../i18n/index.ts';

function Inline({ text }: { text: string }) {
  // Safe: markdown-it with html:false escapes all text; only its own tags are produced.
  return <span dangerouslySetInnerHTML={{ __html: renderInlineMarkdown(text) }} />;
}

/** A code example with token-coloured spans. */
export function CodeBlock({ code, language }: { code: string; language: string }) {
  const tokens = useMemo(() => highlight(code, language), [code, language]);
  return (
    <pre className={`nt-code nt-code-${language}`} data-language={language}>
      <code>
        {tokens.map((t, i) => (
          <span key={i} className={`nt-tok-${t.kind}`}>
            {t.text}
          </span>
        ))}
      </code>
    </pre>
  );
}

/** Props of `NoteCard`. */
export interface NoteCardProps {
  note: Note;
  /** The selectors that made this note match the selection, shown as "why" chips. */
  matched?: string[];
  /** Opens an https link outside the app (the host checks the scheme again). */
  onOpenLink?: (url: string) => void;
  /** Opens the note's example diagram (a bundled sample id). */
  onOpenSample?: (sampleId: string) => void;
  /** Start expanded (the panel expands the best match). */
  open?: boolean;
}

/** One note as a collapsible card. */
export function NoteCard({ note, matched, onOpenLink, onOpenSample, open = false }: NoteCardProps) {
  const t = textIn(note.lang);
  const onClick = useMemo(() => linkClickHandler(onOpenLink), [onOpenLink]);
  const body = useMemo(() => renderMarkdown(note.body), [note.body]);
  return (
    <details className="nt-card" open={open} lang={note.lang} data-testid="note-card" data-note-id={note.id}>
      <summary className="nt-title">{note.title}</summary>
      <div className="nt-content" onClick={onClick}>
        {matched && matched.length > 0 && (
          <p className="nt-why">
            <span className="nt-dim">{t('notes.card.why')}: </span>
            {matched.map((m) => (
              <code key={m} className="nt-chip">
                {m}
              </code>
            ))}
          </p>
        )}
        <div className="nt-body" dangerouslySetInnerHTML={{ __html: body }} />
        {note.keyFacts.length > 0 && (
          <section>
            <h4>{t('notes.card.facts')}</h4>
            <ul className="nt-facts">
              {note.keyFacts.map((f, i) => (
                <li key={i}>
                  <Inline text={f} />
                </li>
              ))}
            </ul>
          </section>
        )}
        {note.examTraps.length > 0 && (
          <section>
            <h4>{t('notes.card.traps')}</h4>
            {note.examTraps.map((trap, i) => (
              <div key={i} className="nt-trap" data-testid="note-trap">
                <p>
                  <strong>{t('notes.card.scenario')}: </strong>
                  <Inline text={trap.scenario} />
                </p>
                <p>
                  <strong>{t('notes.card.answer')}: </strong>
                  <Inline text={trap.answer} />
                </p>
              </div>
            ))}
          </section>
        )}
        {note.corrections.length > 0 && (
          <section className="nt-corrections" data-testid="note-corrections">
            <h4>{t('notes.card.corrections')}</h4>
            {note.corrections.map((c, i) => (
              <div key={i} className="nt-correction">
                <p>
                  <span className="nt-dim">{t('notes.card.claim')}: </span>
                  <s>
                    <Inline text={c.claim} />
                  </s>
                </p>
                <p>
                  <span className="nt-dim">{t('notes.card.fact')}: </span>
                  <Inline text={c.fact} />
                </p>
                {isSafeLink(c.source) && (
                  <p className="nt-dim">
                    {t('notes.card.source')}:{' '}
                    <a href={c.source} className="nt-link" rel="noreferrer noopener">
                      {c.source}
                    </a>
                  </p>
                )}
              </div>
            ))}
          </section>
        )}
        {note.examples.length > 0 && (
          <section>
            <h4>{t('notes.card.examples')}</h4>
            {note.examples.map((e, i) => (
              <figure key={i} className="nt-example">
                <figcaption>{e.title}</figcaption>
                <CodeBlock code={e.code} language={e.language} />
              </figure>
            ))}
          </section>
        )}
        {note.links.some(isSafeLink) && (
          <section>
            <h4>{t('notes.card.links')}</h4>
            <ul className="nt-links">
              {note.links.filter(isSafeLink).map((url) => (
                <li key={url}>
                  <a href={url} className="nt-link" rel="noreferrer noopener">
                    {url.replace(/^https:\/\/docs\.aws\.amazon\.com\//, '')}
                  </a>
                </li>
              ))}
            </ul>
            <p className="nt-dim" data-testid="note-checked">
              {t('notes.card.checked')} {note.checked}
            </p>
          </section>
        )}
        {tasksOf(note.id).length > 0 && (
          <p className="nt-tasks" data-testid="note-tasks">
            <span className="nt-dim">{t('notes.card.tasks')}: </span>
            {tasksOf(note.id).map((id) => (
              <code key={id} className="nt-chip" title={EXAM_TASKS[id]?.title[note.lang]}>
                {id} {EXAM_TASKS[id]?.title[note.lang]}
              </code>
            ))}
          </p>
        )}
        {note.sample && onOpenSample && (
          <button type="button" className="nt-sample" onClick={() => onOpenSample(note.sample!)}>
            {t('notes.card.sample')}
          </button>
        )}
      </div>
    </details>
  );
}
