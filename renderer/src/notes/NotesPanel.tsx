/**
 * The exam notes beside the diagram: for the selected state or X-Ray node, the notes that attach to it, best
 * match first and expanded, each with the reason it was chosen.
 */
import { useMemo, useState } from 'react';
import type { MachineContext } from '../../../shared/asl/rules-express.ts';
import type { GraphState } from '../../../shared/asl/types.ts';
import { ALL_NOTES } from '../../../shared/notes/content/index.ts';
import { matchNotes, type XrayDescriptor } from '../../../shared/notes/match.ts';
import type { NoteSource } from '../../../shared/notes/types.ts';
import { NoteCard } from './NoteCard.tsx';
import { Practice } from './Practice.tsx';
import './notes.css';
import { textIn } from '../i18n/index.ts';

/**
 * What is selected on screen: a state of a machine (with what is known about the machine: its workflow type and
 * template placeholders), an X-Ray segment/subsegment/trace-map node, or nothing.
 */
export type NotesSelection =
  { kind: 'state'; state: GraphState; machine?: MachineContext } | { kind: 'xray'; node: XrayDescriptor } | null;

/** Props of `NotesPanel`. */
export interface NotesPanelProps {
  /** The selected element; `null` shows a hint. */
  selection: NotesSelection;
  /** Language of the notes. */
  lang: 'en' | 'ko';
  /** Opens an https link in the system browser (for example via the host); links do nothing without it. */
  onOpenLink?: (url: string) => void;
  /** Opens a note's example diagram. */
  onOpenSample?: (sampleId: string) => void;
  /** The notes to match against (defaults to the bundled notes; tests pass their own). */
  notes?: readonly NoteSource[];
  /** Most notes shown at once (default 8). */
  limit?: number;
}

/** The side panel listing the notes that attach to the current selection. */
export function NotesPanel({
  selection,
  lang,
  onOpenLink,
  onOpenSample,
  notes = ALL_NOTES,
  limit = 8,
}: NotesPanelProps) {
  const t = textIn(lang);
  const [practising, setPractising] = useState(false);
  const matches = useMemo(() => {
    if (!selection) return [];
    return matchNotes(
      selection.kind === 'state'
        ? { kind: 'state', state: selection.state, ...(selection.machine ? { machine: selection.machine } : {}) }
        : { kind: 'xray', node: selection.node },
      notes,
      lang,
    );
  }, [selection, notes, lang]);
  // "What is on screen" for practice: the notes shown beside this element.
  const shownSources = useMemo(() => {
    const ids = new Set(matches.slice(0, Math.max(1, limit)).map((m) => m.note.id));
    return notes.filter((n) => ids.has(n.id));
  }, [matches, notes, limit]);
  const heading =
    selection === null
      ? null
      : selection.kind === 'state'
        ? t('notes.panel.state', { name: selection.state.name, type: selection.state.type })
        : selection.node.name;
  return (
    <aside className="nt-panel" aria-label={t('notes.panel.title')} data-testid="notes-panel" lang={lang}>
      <h3 className="nt-panel-title">
        {t('notes.panel.title')}
        {heading && <span className="nt-dim"> · {heading}</span>}
      </h3>
      {selection === null ? (
        <p className="nt-dim">{t('notes.panel.none')}</p>
      ) : matches.length === 0 ? (
        <p className="nt-dim">{t('notes.panel.empty')}</p>
      ) : (
        <>
          <button
            type="button"
            className="nt-practice-toggle"
            aria-pressed={practising}
            onClick={() => setPractising((p) => !p)}
            data-testid="panel-practice-toggle"
          >
            {practising ? t('notes.panel.read') : t('notes.panel.practice')}
          </button>
          {practising ? (
            <Practice lang={lang} notes={notes} shown={shownSources} />
          ) : (
            matches
              .slice(0, Math.max(1, limit))
              .map((m, i) => (
                <NoteCard
                  key={m.note.id}
                  note={m.note}
                  matched={m.matched}
                  onOpenLink={onOpenLink}
                  onOpenSample={onOpenSample}
                  open={i === 0}
                />
              ))
          )}
        </>
      )}
    </aside>
  );
}
