/**
 * Find a state by name (Ctrl/Cmd+F, or the toolbar's Find): a box over the graph with the matching states;
 * choosing one selects and centres it, first expanding any collapsed group that hides it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { GraphState, StateGraph } from '../../../shared/asl/types.ts';
import { useT } from '../i18n/index.ts';
import { findStates } from './navigation.ts';
import type { Snapshot } from './snapshot.ts';
import type { FlowModel } from './to-flow.ts';
import { ancestorsOf } from './view-model.ts';

export interface FindOptions {
  active: boolean;
  graph: StateGraph | null;
  model: FlowModel | null;
  stateById: ReadonlyMap<string, GraphState>;
  collapsed: readonly string[];
  update: (patch: Partial<Snapshot>) => void;
  centreOn: (id: string) => void;
  rootRef: RefObject<HTMLDivElement | null>;
  /** A state to select and centre once it is drawn (set here when a group had to be expanded first). */
  pendingFocus: { current: string | null };
}

export interface Find {
  open: boolean;
  query: string;
  index: number;
  hits: string[];
  inputRef: RefObject<HTMLInputElement | null>;
  openFind: () => void;
  close: () => void;
  setQuery: (query: string) => void;
  move: (by: 1 | -1) => void;
  choose: (name: string) => void;
}

export function useFind(o: FindOptions): Find {
  const { active, graph, model, stateById, collapsed, update, centreOn, rootRef, pendingFocus } = o;
  const [open, setOpen] = useState(false);
  const [query, setQueryState] = useState('');
  const [index, setIndex] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const choose = useCallback(
    (name: string) => {
      setOpen(false);
      setQueryState('');
      rootRef.current?.focus({ preventScroll: true });
      if (model?.centres.has(name)) {
        update({ selected: name });
        centreOn(name);
        return;
      }
      // Hidden inside collapsed groups: expand every collapsed ancestor, then focus once laid out.
      const ancestors = ancestorsOf(name, stateById);
      pendingFocus.current = name;
      update({ collapsed: collapsed.filter((c) => !ancestors.has(c)), selected: name });
    },
    [model, centreOn, update, stateById, collapsed, rootRef, pendingFocus],
  );

  const hits = useMemo(
    () =>
      open
        ? findStates(
            (graph?.states ?? []).map((s) => s.id),
            query,
          )
        : [],
    [open, graph, query],
  );

  const openFind = useCallback(() => {
    setOpen(true);
    setIndex(0);
    setTimeout(() => inputRef.current?.focus(), 0);
  }, []);

  // Ctrl/Cmd+F anywhere in the window while this tab is shown.
  useEffect(() => {
    if (!active || !graph) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        openFind();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, graph, openFind]);

  return {
    open,
    query,
    index,
    hits,
    inputRef,
    openFind,
    close: () => {
      setOpen(false);
      rootRef.current?.focus({ preventScroll: true });
    },
    setQuery: (q) => {
      setQueryState(q);
      setIndex(0);
    },
    move: (by) => setIndex((i) => (by > 0 ? Math.min(i + 1, hits.length - 1) : Math.max(i - 1, 0))),
    choose,
  };
}

/** The find box with its list of matching states. */
export function FindBox({ find }: { find: Find }) {
  const t = useT();
  if (!find.open) return null;
  const { hits, index } = find;
  return (
    <div className="ss-find" data-testid="find-box">
      <input
        ref={find.inputRef}
        value={find.query}
        placeholder={t('doc.findPlaceholder')}
        aria-label={t('doc.findLabel')}
        data-testid="find-input"
        onChange={(e) => find.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            find.close();
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            find.move(1);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            find.move(-1);
          } else if (e.key === 'Enter' && hits[index]) {
            e.preventDefault();
            find.choose(hits[index]);
          }
        }}
      />
      <ul className="ss-find-list" role="listbox">
        {hits.map((name, i) => (
          <li
            key={name}
            role="option"
            aria-selected={i === index}
            className={i === index ? 'is-active' : ''}
            onMouseDown={(e) => {
              e.preventDefault();
              find.choose(name);
            }}
          >
            {name}
          </li>
        ))}
        {hits.length === 0 ? <li className="ss-dim">{t('doc.noMatch')}</li> : null}
      </ul>
    </div>
  );
}
