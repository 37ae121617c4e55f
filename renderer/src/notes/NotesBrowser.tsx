/**
 * Browse and search every exam note: a search box (either language), a topic tree with counts, and the chosen
 * topic's or search's notes as cards. Attribution for the source study notes is shown at the foot.
 */
import { useMemo, useState } from 'react';
import { ALL_NOTES } from '../../../shared/notes/content/index.ts';
import { attributionText } from '../../../shared/notes/credits.ts';
import { searchNotes } from '../../../shared/notes/search.ts';
import { topicTree } from '../../../shared/notes/topics.ts';
import { localize, type Lang, type NoteSource, type TopicId } from '../../../shared/notes/types.ts';
import { NoteCard } from './NoteCard.tsx';
import { Practice } from './Practice.tsx';
import './notes.css';
import { textIn } from '../i18n/index.ts';

/** Props of `NotesBrowser`. */
export interface NotesBrowserProps {
  lang: Lang;
  /** Opens an https link in the system browser; links do nothing without it. */
  onOpenLink?: (url: string) => void;
  /** Opens a note's example diagram. */
  onOpenSample?: (sampleId: string) => void;
  /** Text to start with in the search box. */
  initialQuery?: string;
  /** Topic selected at first (default: the first topic). */
  initialTopic?: TopicId;
  /** The notes to browse (defaults to the bundled notes). */
  notes?: readonly NoteSource[];
}

/** The full notes browser. */
export function NotesBrowser({
  lang,
  onOpenLink,
  onOpenSample,
  initialQuery = '',
  initialTopic,
  notes = ALL_NOTES,
}: NotesBrowserProps) {
  const t = textIn(lang);
  const [query, setQuery] = useState(initialQuery);
  const tree = useMemo(() => topicTree(notes, lang), [notes, lang]);
  const firstTopic = (tree[0]?.children[0]?.id ?? 'iam') as TopicId;
  const [topic, setTopic] = useState<TopicId>(initialTopic ?? firstTopic);
  const searching = query.trim() !== '';
  const [practising, setPractising] = useState(false);
  const shown = useMemo(
    () =>
      searching
        ? searchNotes(notes, query, { limit: 50 }).map((h) => h.note)
        : notes.filter((n) => n.topics.includes(topic)),
    [searching, notes, query, topic],
  );
  return (
    <div className="nt-browser" data-testid="notes-browser" lang={lang}>
      <nav className="nt-tree" aria-label={t('notes.browser.topics')}>
        <input
          type="search"
          className="nt-search"
          placeholder={t('notes.browser.search')}
          aria-label={t('notes.browser.search')}
          value={query}
          maxLength={200}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="notes-search"
        />
        <button
          type="button"
          className="nt-practice-toggle"
          aria-pressed={practising}
          onClick={() => setPractising((p) => !p)}
          data-testid="practice-toggle"
        >
          {practising ? t('notes.browser.read') : t('notes.browser.practice')}
        </button>
        {tree.map((group) => (
          <div key={group.id} className="nt-group">
            <div className="nt-group-title">{group.title}</div>
            <ul>
              {group.children.map((node) => (
                <li key={node.id}>
                  <button
                    type="button"
                    className={!searching && node.id === topic ? 'nt-topic nt-topic-on' : 'nt-topic'}
                    aria-current={!searching && node.id === topic ? 'true' : undefined}
                    onClick={() => {
                      setQuery('');
                      setTopic(node.id as TopicId);
                    }}
                    data-testid={`notes-topic-${node.id}`}
                  >
                    {node.title} <span className="nt-dim">({node.noteIds.length})</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <section className="nt-list" aria-live="polite">
        {searching && (
          <p className="nt-dim">
            {shown.length === 0
              ? t('notes.browser.none')
              : t(shown.length === 1 ? 'notes.browser.results1' : 'notes.browser.resultsN', { count: shown.length })}
          </p>
        )}
        {practising ? (
          <Practice lang={lang} notes={notes} shown={shown} />
        ) : (
          shown.map((source, i) => (
            <NoteCard
              key={source.id}
              note={localize(source, lang)}
              onOpenLink={onOpenLink}
              onOpenSample={onOpenSample}
              open={i === 0}
            />
          ))
        )}
        <footer className="nt-credit nt-dim">{attributionText(lang)}</footer>
      </section>
    </div>
  );
}
