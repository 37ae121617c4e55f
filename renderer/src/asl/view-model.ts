/**
 * Pure pieces of the graph view, kept apart from React so they can be tested: merging the diagnostics of the
 * loader, the layout, the graph and the host; marking the selected, lit and dimmed nodes and edges; the status
 * line; what a key press on the graph does; and which collapsed groups hide a state.
 */
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import type { GraphState } from '../../../shared/asl/types.ts';
import type { PathHighlight } from '../editor/paths.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Direction } from './navigation.ts';
import type { FlowEdge, FlowNode, Problems, StateNodeData } from './to-flow.ts';

/** The diagnostics of every producer in one list, each said once (same severity, place, message and state). */
export function mergeDiagnostics(lists: readonly (readonly Diagnostic[])[]): Diagnostic[] {
  const seen = new Set<string>();
  return lists.flat().filter((d) => {
    const key = `${d.severity}|${d.line}|${d.column}|${d.message}|${d.state ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The nodes with the selection, the highlight (lit or dimmed) and the current problem badges applied; a node
 * that none of these change keeps its object, so React Flow redraws only the nodes that changed.
 */
export function decorateNodes(
  nodes: readonly FlowNode[],
  selected: string | null,
  lit: PathHighlight | null,
  problems: ReadonlyMap<string, Problems>,
): FlowNode[] {
  return nodes.map((n) => {
    const dim = lit ? (lit.states.has(n.id) ? { className: 'is-lit' } : { className: 'is-dimmed' }) : null;
    const p = 'state' in n.data ? (problems.get(n.id) ?? null) : undefined;
    const data =
      p !== undefined && p !== (n.data as StateNodeData).problems
        ? { data: { ...(n.data as StateNodeData), problems: p } }
        : null;
    return n.id === selected || dim || data
      ? ({ ...n, ...(n.id === selected ? { selected: true } : {}), ...dim, ...data } as FlowNode)
      : n;
  });
}

/** The colour of each edge kind's arrowhead (`ArrowheadDefs` in edges.tsx draws one marker per kind). */
export const ARROWHEAD_COLOURS: Readonly<Record<string, string>> = {
  next: 'var(--ss-edge)',
  choice: 'var(--ss-edge-choice)',
  default: 'var(--ss-edge-default)',
  catch: 'var(--ss-edge-catch)',
  missing: 'var(--ss-missing)',
};

/** The id of the arrowhead marker for an edge kind. */
export function arrowheadId(kind: string): string {
  return `ss-arrow-${kind in ARROWHEAD_COLOURS ? kind : 'next'}`;
}

/**
 * The edges with their arrowheads, in the colour of their kind (one per merged group, see to-flow.ts). The marker
 * is named by id, and drawn by `ArrowheadDefs`, rather than given to React Flow as an object: React Flow sorts its
 * marker objects with `localeCompare` on every render, and the first `localeCompare` in a page builds ICU's
 * collator, 7–48 ms measured in a fresh Chromium page, on the way to the first graph.
 */
export function withArrowheads(edges: readonly FlowEdge[]): FlowEdge[] {
  return edges.map(withArrowhead);
}

/** One edge with its arrowhead (see `withArrowheads`). */
export function withArrowhead(e: FlowEdge): FlowEdge {
  return e.data?.arrow === 'follow' ? e : { ...e, markerEnd: arrowheadId(e.type ?? 'next') };
}

/**
 * The edges with the highlight applied (lit or dimmed), or else the transitions into and out of the selected
 * state standing out, like a path through the machine; unchanged edges keep their object.
 */
export function decorateEdges(edges: FlowEdge[], selected: string | null, lit: PathHighlight | null): FlowEdge[] {
  if (!selected && !lit) return edges;
  return edges.map((e) => {
    const className = lit
      ? lit.edges.has(e.id)
        ? 'is-lit'
        : 'is-dimmed'
      : e.source === selected || e.target === selected
        ? 'is-connected'
        : undefined;
    return className ? { ...e, className } : e;
  });
}

/** The nodes the keyboard and a click can select: states and missing targets, not lanes or Start/End markers. */
export function selectableIds(nodes: readonly FlowNode[]): Set<string> {
  const set = new Set<string>();
  for (const n of nodes) if (n.type !== 'branch' && n.type !== 'start' && n.type !== 'end') set.add(n.id);
  return set;
}

/** The collapsed groups that hide `name` (its ancestors), bounded against a cycle in bad data. */
export function ancestorsOf(name: string, stateById: ReadonlyMap<string, GraphState>): Set<string> {
  const ancestors = new Set<string>();
  for (let p = stateById.get(name)?.parent ?? null, guard = 0; p && guard < 1000; guard++) {
    ancestors.add(p);
    p = stateById.get(p)?.parent ?? null;
  }
  return ancestors;
}

/** YAML for YAML documents (by the loader's format, or by the file name before it answered), else JSON. */
export function codeFormatOf(format: string | null | undefined, name: string): 'json' | 'yaml' {
  return format?.endsWith('yaml') || /\.ya?ml$/i.test(name) ? 'yaml' : 'json';
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface StatusFacts {
  name: string;
  openError: string | null;
  summary: { format?: string | null; loadMs: number; machines: readonly { name: string }[] } | null;
  machine: number;
  stateCount: number | null;
  diagnostics: readonly Diagnostic[];
  result: { graphMs: number; layoutMs: number; cached: boolean; byHost?: boolean } | null;
  busy: boolean;
}

/** The status bar's line for a document: file, format, machine, states, problems, timings. */
export function statusLine(f: StatusFacts, t: Translate): string {
  if (f.openError) return `${f.name}: ${f.openError}`;
  if (!f.summary) return t('doc.loading', { name: f.name });
  if (f.summary.machines.length === 0) return t('bar.cannotDraw', { name: f.name });
  const parts = [f.name, f.summary.format ?? '', f.summary.machines[f.machine]?.name ?? ''];
  if (f.stateCount !== null) parts.push(t('bar.states', { count: f.stateCount }));
  const errors = f.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = f.diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors || warnings) parts.push(t('bar.problems', { errors, warnings }));
  if (f.result) {
    parts.push(
      t('bar.timing', {
        load: f.summary.loadMs.toFixed(0),
        graph: f.result.graphMs.toFixed(0),
        layout: f.result.cached
          ? t('bar.cached')
          : f.result.byHost
            ? t('bar.byHost', { ms: f.result.layoutMs.toFixed(0) })
            : `${f.result.layoutMs.toFixed(0)} ms`,
      }),
    );
  }
  if (f.busy) parts.push(t('bar.layingOut'));
  return parts.filter(Boolean).join(' · ');
}

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/** What a key pressed on the graph asks for. */
export type GraphKeyAction =
  | { kind: 'move'; direction: Direction }
  | { kind: 'open'; id: string }
  | { kind: 'details' }
  | { kind: 'close-details' }
  | { kind: 'deselect' }
  | null;

/**
 * Arrow keys move the selection; Enter or Space on a state reached with Tab selects it and opens its details;
 * Enter opens the selected state's details; Escape closes the details, then clears the selection.
 */
export function graphKeyAction(
  key: string,
  focusedNode: string | null,
  view: { selected: string | null; detailsOpen: boolean; isState: (id: string) => boolean; hasModel: boolean },
): GraphKeyAction {
  const direction = ARROWS[key];
  if (direction && view.hasModel) return { kind: 'move', direction };
  if ((key === 'Enter' || key === ' ') && focusedNode && view.isState(focusedNode))
    return { kind: 'open', id: focusedNode };
  if (key === 'Enter' && view.selected && view.isState(view.selected)) return { kind: 'details' };
  if (key === 'Escape') {
    if (view.detailsOpen) return { kind: 'close-details' };
    if (view.selected) return { kind: 'deselect' };
  }
  return null;
}
