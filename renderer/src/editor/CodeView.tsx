/**
 * The source of the open file in CodeMirror 6, beside the graph: JSON or YAML highlighting, diagnostics as lint
 * marks, the selected state's source range highlighted, and the cursor reported back so the graph can follow.
 * Loaded lazily (its own chunk), so opening the app does not pay for the editor.
 */
import { useContext, useEffect, useRef } from 'react';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, highlightActiveLine, type DecorationSet } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  foldGutter,
  syntaxHighlighting,
  defaultHighlightStyle,
  HighlightStyle,
  indentOnInput,
} from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { aslLanguage } from './language.ts';
import { useResolvedTheme, type ResolvedTheme } from '../app/theme.ts';
import { LangContext, translate } from '../i18n/index.ts';

/** Token colours readable on the dark background (the default style is made for a light one). */
const darkHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: '#79b8ff' },
  { tag: [tags.string, tags.special(tags.string)], color: '#85e89d' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: '#ffab70' },
  { tag: [tags.keyword, tags.definitionKeyword, tags.modifier], color: '#d2a8ff' },
  { tag: [tags.comment, tags.meta], color: '#8b949e', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.labelName], color: '#56d4dd' },
  { tag: tags.invalid, color: '#ff7b72' },
]);

/** The editor's own colours per theme: CodeMirror's dark base styles plus the dark token colours. */
function themeExtension(theme: ResolvedTheme): Extension {
  if (theme === 'light') return [];
  return [
    EditorView.theme(
      {
        '&': { color: 'var(--ss-fg)', backgroundColor: 'var(--ss-bg)' },
        '.cm-gutters': {
          backgroundColor: 'var(--ss-bg-alt)',
          color: 'var(--ss-fg-dim)',
          borderColor: 'var(--ss-border)',
        },
        '.cm-activeLine': { backgroundColor: 'rgba(255, 255, 255, 0.04)' },
        '.cm-activeLineGutter': { backgroundColor: 'rgba(255, 255, 255, 0.06)' },
        '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--ss-fg)' },
      },
      { dark: true },
    ),
    syntaxHighlighting(darkHighlight),
  ];
}

export interface CodeViewProps {
  text: string;
  format: 'json' | 'yaml';
  diagnostics: readonly Diagnostic[];
  /** The selected state's source range (0-based offsets); `scroll` bumps when it should be scrolled into view. */
  highlight: { from: number; to: number; scroll: number } | null;
  /** Put the cursor on this 1-based line (e.g. a problem was picked); `seq` bumps for each request. */
  cursorTo: { line: number; column: number; seq: number } | null;
  onChange: (text: string) => void;
  /** The cursor moved because the user moved it (typing, clicking, arrow keys). */
  onCursor: (offset: number) => void;
  onSave: () => void;
  /** The editor's accessible name (the definition's source, in the UI language). */
  label?: string;
}

const setHighlight = StateEffect.define<{ from: number; to: number } | null>();
const highlightMark = Decoration.mark({ class: 'ss-code-selected' });
const highlightLine = Decoration.line({ class: 'ss-code-selected-line' });

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setHighlight)) continue;
      if (!e.value) return Decoration.none;
      const len = tr.state.doc.length;
      const from = Math.max(0, Math.min(e.value.from, len));
      const to = Math.max(from, Math.min(e.value.to, len));
      if (to === from) return Decoration.none;
      const first = tr.state.doc.lineAt(from).number;
      const last = tr.state.doc.lineAt(to).number;
      const ranges = [];
      for (let l = first; l <= last && l - first < 5000; l++)
        ranges.push(highlightLine.range(tr.state.doc.line(l).from));
      ranges.push(highlightMark.range(from, to));
      return Decoration.set(ranges, true);
    }
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Diagnostics (1-based line/column) as CodeMirror lint entries (offsets), clamped to the document. */
export function toLintDiagnostics(doc: EditorState['doc'], list: readonly Diagnostic[]): CmDiagnostic[] {
  const offset = (line: number, column: number) => {
    const l = doc.line(Math.min(Math.max(1, line || 1), doc.lines));
    return Math.min(l.from + Math.max(0, (column || 1) - 1), l.to);
  };
  return list.map((d) => {
    const from = offset(d.line, d.column);
    let to = d.endLine ? offset(d.endLine, d.endColumn ?? d.column) : from;
    if (to <= from) to = Math.min(doc.lineAt(from).to, from + 1);
    if (to <= from) to = from;
    return {
      from,
      to,
      severity: d.severity === 'info' ? 'info' : d.severity,
      message: d.message,
      source: d.source,
    };
  });
}

export default function CodeView(props: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  const theme = useResolvedTheme();
  const lang = useContext(LangContext);
  const themeSlot = useRef(new Compartment());

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      foldGutter(),
      lintGutter(),
      history(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      props.format === 'yaml' ? yaml() : json(),
      aslLanguage(props.format),
      highlightField,
      keymap.of([
        { key: 'Mod-s', preventDefault: true, run: () => (callbacks.current.onSave(), true) },
        indentWithTab,
        ...defaultKeymap,
        ...historyKeymap,
        ...searchKeymap,
      ]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
        const user = update.transactions.some(
          (tr) => tr.isUserEvent('select') || tr.isUserEvent('input') || tr.isUserEvent('delete'),
        );
        if (update.selectionSet && user) callbacks.current.onCursor(update.state.selection.main.head);
      }),
      EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { overflow: 'auto' } }),
      themeSlot.current.of(themeExtension(theme)),
      // A name for screen readers, and an explicit tab stop, so the scrolling region holds a focusable element.
      EditorView.contentAttributes.of({ 'aria-label': props.label ?? translate(lang, 'code.source'), tabindex: '0' }),
    ];
    const v = new EditorView({ state: EditorState.create({ doc: props.text, extensions }), parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The parent re-creates this component (new key) when the text is replaced from outside.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.format]);

  // A theme change swaps the editor's colours in place (text, selection and history stay).
  useEffect(() => {
    view.current?.dispatch({ effects: themeSlot.current.reconfigure(themeExtension(theme)) });
  }, [theme]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(setDiagnostics(v.state, toLintDiagnostics(v.state.doc, props.diagnostics)));
  }, [props.diagnostics]);

  const { highlight } = props;
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const effects: StateEffect<unknown>[] = [
      setHighlight.of(highlight ? { from: highlight.from, to: highlight.to } : null),
    ];
    if (highlight && highlight.scroll > 0 && highlight.from <= v.state.doc.length) {
      effects.push(EditorView.scrollIntoView(highlight.from, { y: 'start', yMargin: 24 }));
    }
    v.dispatch({ effects });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight?.from, highlight?.to, highlight?.scroll]);

  const { cursorTo } = props;
  useEffect(() => {
    const v = view.current;
    if (!v || !cursorTo) return;
    const doc = v.state.doc;
    const line = doc.line(Math.min(Math.max(1, cursorTo.line), doc.lines));
    const pos = Math.min(line.from + Math.max(0, cursorTo.column - 1), line.to);
    v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    v.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursorTo?.seq]);

  return <div className="ss-code" ref={host} data-testid="code-view" />;
}
