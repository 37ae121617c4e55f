/**
 * A graph's states and markers by id, made once per graph and shared by everything on the page that looks them up
 * (the React Flow model, the details and selection code). The document client makes them as soon as a large
 * graph arrives from the worker, ahead of its positions, so the open does not make them after the layout: for
 * 20,000 states two maps of 20,000 entries, which the flow model and the view used to build one each.
 */
import type { GraphState, StateGraph, SyntheticNode } from '../../../shared/asl/types.ts';

export interface GraphMaps {
  states: ReadonlyMap<string, GraphState>;
  synthetic: ReadonlyMap<string, SyntheticNode>;
}

const made = new WeakMap<StateGraph, GraphMaps>();

/** The maps of `graph` (made on the first call for that graph object). */
export function graphMaps(graph: StateGraph): GraphMaps {
  let maps = made.get(graph);
  if (maps) return maps;
  // Filled by loops: no [key, value] pair per entry.
  const states = new Map<string, GraphState>();
  for (const s of graph.states) states.set(s.id, s);
  const synthetic = new Map<string, SyntheticNode>();
  for (const s of graph.synthetic) synthetic.set(s.id, s);
  maps = { states, synthetic };
  made.set(graph, maps);
  return maps;
}
