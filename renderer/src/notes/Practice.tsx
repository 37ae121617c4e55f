/**
 * Practice mode: one question at a time from the notes' exam traps, for the notes on screen or for one DVA-C02
 * domain, with the answer hidden until the reader picks an option. Progress (Leitner boxes) is kept in
 * localStorage — one setItem per answer, so a write is all or nothing — and can be exported and imported as JSON.
 */
import { useMemo, useState } from 'react';
import { textIn } from '../i18n/index.ts';
import { DOMAINS, DOMAIN_TITLES, type DomainId } from '../../../shared/notes/exam-guide.ts';
import {
  buildQuestions,
  domainProgress,
  nextQuestion,
  parseProgress,
  recordAnswer,
  serializeProgress,
  type PracticeProgress,
} from '../../../shared/notes/practice.ts';
import type { Lang, NoteSource } from '../../../shared/notes/types.ts';
import { renderInlineMarkdown } from './markdown.ts';

/** Where the progress lives in localStorage. */
export const PRACTICE_STORAGE_KEY = 'statescope.practice.v1';

function load(): PracticeProgress {
  try {
    return parseProgress(window.localStorage.getItem(PRACTICE_STORAGE_KEY));
  } catch {
    return parseProgress(null);
  }
}

function save(progress: PracticeProgress): void {
  try {
    window.localStorage.setItem(PRACTICE_STORAGE_KEY, serializeProgress(progress));
  } catch {
    // Storage full or disabled: practice still works for this session.
  }
}

/** Props of `Practice`. */
export interface PracticeProps {
  lang: Lang;
  /** All notes (for the domain scopes and the progress table). */
  notes: readonly NoteSource[];
  /** The notes currently shown by the browser (topic or search): the "what is on screen" scope. */
  shown: readonly NoteSource[];
}

/** The practice panel. */
export function Practice({ lang, notes, shown }: PracticeProps) {
  const t = textIn(lang);
  const [progress, setProgress] = useState<PracticeProgress>(load);
  const [scope, setScope] = useState<'shown' | 'all' | DomainId>('shown');
  const [chosen, setChosen] = useState<number | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const [importText, setImportText] = useState('');
  const [importNote, setImportNote] = useState('');
  const all = useMemo(() => buildQuestions(notes, lang), [notes, lang]);
  const pool = useMemo(() => {
    if (scope === 'all') return all;
    if (scope === 'shown') {
      const ids = new Set(shown.map((n) => n.id));
      return all.filter((q) => ids.has(q.noteId));
    }
    return all.filter((q) => q.domain === scope);
  }, [all, scope, shown]);
  // Keep the question on screen until "Next", even after answering moved it to a later box.
  const current = (asked ? pool.find((q) => q.id === asked) : undefined) ?? nextQuestion(pool, progress, Date.now());
  const table = useMemo(() => domainProgress(all, progress), [all, progress]);

  const answer = (i: number) => {
    if (!current || chosen !== null) return;
    setChosen(i);
    setAsked(current.id);
    const next = recordAnswer(progress, current.id, i === current.answer, Date.now());
    setProgress(next);
    save(next);
  };
  const advance = () => {
    setChosen(null);
    setAsked(null);
  };

  return (
    <section className="nt-practice" data-testid="practice" lang={lang}>
      <label className="nt-practice-scope">
        {t('notes.practice.scope')}{' '}
        <select
          value={scope}
          onChange={(e) => {
            setScope(e.target.value as typeof scope);
            advance();
          }}
          data-testid="practice-scope"
        >
          <option value="shown">{t('notes.practice.shown')}</option>
          <option value="all">{t('notes.practice.all')}</option>
          {DOMAINS.map((d) => (
            <option key={d} value={d}>
              {DOMAIN_TITLES[d][lang]}
            </option>
          ))}
        </select>
      </label>
      {!current ? (
        <p className="nt-dim" data-testid="practice-none">
          {t('notes.practice.none')}
        </p>
      ) : (
        <div className="nt-question" data-testid="practice-question" data-question-id={current.id}>
          <p className="nt-dim">{t('notes.practice.box', { box: progress.cards[current.id]?.box ?? 1 })}</p>
          <p className="nt-scenario" dangerouslySetInnerHTML={{ __html: renderInlineMarkdown(current.scenario) }} />
          <ol className="nt-options">
            {current.options.map((option, i) => {
              const state =
                chosen === null
                  ? ''
                  : i === current.answer
                    ? ' nt-option-right'
                    : i === chosen
                      ? ' nt-option-wrong'
                      : '';
              return (
                <li key={i}>
                  <button
                    type="button"
                    className={`nt-option${state}`}
                    disabled={chosen !== null}
                    onClick={() => answer(i)}
                    data-testid="practice-option"
                  >
                    <span dangerouslySetInnerHTML={{ __html: renderInlineMarkdown(option) }} />
                  </button>
                  {chosen !== null && (
                    <p className="nt-why nt-dim" data-testid="practice-why">
                      {current.why[i]}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
          {chosen !== null && (
            <p data-testid="practice-result">
              <strong>{chosen === current.answer ? t('notes.practice.right') : t('notes.practice.wrong')}</strong>{' '}
              <button type="button" className="nt-next" onClick={advance} data-testid="practice-next">
                {t('notes.practice.next')}
              </button>
            </p>
          )}
        </div>
      )}
      <h4>{t('notes.practice.progress')}</h4>
      <ul className="nt-domains" data-testid="practice-progress">
        {DOMAINS.map((d) => (
          <li key={d} data-domain={d}>
            {DOMAIN_TITLES[d][lang]}:{' '}
            <span data-testid={`practice-stats-${d}`}>
              {t('notes.practice.stats', {
                answered: table[d].answered,
                total: table[d].total,
                learned: table[d].learned,
              })}
            </span>
          </li>
        ))}
      </ul>
      <details className="nt-transfer">
        <summary>{t('notes.practice.export')}</summary>
        <textarea readOnly value={serializeProgress(progress)} rows={3} data-testid="practice-export" />
        <textarea
          value={importText}
          onChange={(e) => setImportText(e.target.value.slice(0, 2_000_000))}
          rows={3}
          data-testid="practice-import-text"
        />
        <button
          type="button"
          onClick={() => {
            const imported = parseProgress(importText);
            const merged: PracticeProgress = { version: 1, cards: { ...progress.cards, ...imported.cards } };
            setProgress(merged);
            save(merged);
            setImportNote(t('notes.practice.imported', { count: Object.keys(imported.cards).length }));
            advance();
          }}
          data-testid="practice-import"
        >
          {t('notes.practice.import')}
        </button>
        {importNote && <span className="nt-dim"> {importNote}</span>}
      </details>
    </section>
  );
}
