/**
 * Which states to highlight for the path toggles: error-handling paths (Catch edges and everything from a Catch
 * target on to a Fail), the path from Start to a chosen state, and states that cannot be reached from StartAt.
 * Pure functions over the graph, so they are unit-tested without a browser.
 */
import type { StateGraph } from '../../../shared/asl/types.ts';

/** What a highlight lights up (state ids and edge ids); the view dims everything else. */
export interface PathHighlight {
  states: Set<string>;
  edges: Set<string>;
}

const FLOW_KINDS = new Set(['next', 'choice', 'default', 'catch']);

/**
 * Successors and predecessors between states. A Parallel/Map state leads into the first state of each of its
 * branches (through the branch's Start marker), so a path can go into a branch.
 */
function adjacency(graph: StateGraph) {
  const states = new Set(graph.states.map((s) => s.id));
  const markers = new Map(graph.synthetic.map((n) => [n.id, n]));
  const succ = new Map<string, string[]>();
  const pred = new Map<string, string[]>();
  const roots: string[] = [];
  const link = (a: string, b: string) => {
    succ.set(a, [...(succ.get(a) ?? []), b]);
    pred.set(b, [...(pred.get(b) ?? []), a]);
  };
  for (const e of graph.edges) {
    if (!states.has(e.to)) continue;
    if (FLOW_KINDS.has(e.kind) && states.has(e.from)) link(e.from, e.to);
    else if (e.kind === 'start') {
      const marker = markers.get(e.from);
      if (!marker || marker.parent === null) roots.push(e.to);
      else if (states.has(marker.parent)) link(marker.parent, e.to);
    }
  }
  if (roots.length === 0 && states.has(graph.startAt)) roots.push(graph.startAt);
  return { states, succ, pred, roots };
}

function walk(from: readonly string[], next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of next.get(id) ?? []) stack.push(n);
  }
  return seen;
}

/** Edges whose two ends are both lit (a Start marker counts as lit when the state it leads to is). */
function edgesWithin(
  graph: StateGraph,
  states: Set<string>,
  extra: (e: StateGraph['edges'][number]) => boolean = () => false,
): Set<string> {
  const markers = new Set(graph.synthetic.filter((n) => n.kind === 'start').map((n) => n.id));
  const out = new Set<string>();
  for (const e of graph.edges) {
    const fromLit = states.has(e.from) || (markers.has(e.from) && e.kind === 'start');
    if ((fromLit && states.has(e.to) && e.kind !== 'missing') || extra(e)) out.add(e.id);
  }
  return out;
}

/** States reachable from the machine's StartAt via next, choice, default and catch (and into branches). */
export function reachableStates(graph: StateGraph): Set<string> {
  const { succ, roots } = adjacency(graph);
  return walk(roots, succ);
}

/** The states no path from StartAt reaches: dead code the reader probably did not mean to leave. */
export function unreachableHighlight(graph: StateGraph): PathHighlight {
  const reached = reachableStates(graph);
  const states = new Set(graph.states.map((s) => s.id).filter((id) => !reached.has(id)));
  return { states, edges: edgesWithin(graph, states) };
}

/** Every state on some path from StartAt to `target` (both included); empty when `target` cannot be reached. */
export function pathToHighlight(graph: StateGraph, target: string): PathHighlight {
  const { states: all, succ, pred, roots } = adjacency(graph);
  if (!all.has(target)) return { states: new Set(), edges: new Set() };
  const forward = walk(roots, succ);
  if (!forward.has(target)) return { states: new Set([target]), edges: new Set() };
  const backward = walk([target], pred);
  const states = new Set([...forward].filter((id) => backward.has(id)));
  return { states, edges: edgesWithin(graph, states) };
}

/**
 * The error-handling paths: every Catch edge, its target, and the states from a Catch target on that lead to a
 * Fail state (so the reader sees where a caught error ends up).
 */
export function errorPathsHighlight(graph: StateGraph): PathHighlight {
  const { succ, pred } = adjacency(graph);
  const catchEdges = graph.edges.filter((e) => e.kind === 'catch');
  const targets = catchEdges.map((e) => e.to).filter((id) => graph.states.some((s) => s.id === id));
  const fromCatch = walk(targets, succ);
  const fails = graph.states.filter((s) => s.type === 'Fail').map((s) => s.id);
  const toFail = walk(fails, pred);
  const states = new Set<string>(targets);
  for (const id of fromCatch) if (toFail.has(id)) states.add(id);
  for (const e of catchEdges) if (graph.states.some((s) => s.id === e.from)) states.add(e.from);
  const edges = edgesWithin(graph, states, (e) => e.kind === 'catch');
  // Keep only the flow edges that stay on an error path (not the happy path between two catching states).
  for (const e of graph.edges) {
    if (edges.has(e.id) && e.kind !== 'catch' && !(fromCatch.has(e.from) && states.has(e.to))) edges.delete(e.id);
  }
  return { states, edges };
}
