/** Picks the path highlight for the toolbar's mode, so the view only asks "what is lit?". */
import type { StateGraph } from '../../../shared/asl/types.ts';
import { errorPathsHighlight, pathToHighlight, unreachableHighlight, type PathHighlight } from './paths.ts';

/** The path toggles: none, error-handling paths, Start → selected state, unreachable states. */
export type PathMode = 'none' | 'errors' | 'to-selected' | 'unreachable';

/** The lit states and edges for a mode, or null when nothing should be dimmed. */
export function applyHighlight(
  graph: StateGraph | null,
  mode: PathMode,
  selected: string | null,
): PathHighlight | null {
  if (!graph || mode === 'none') return null;
  if (mode === 'errors') return errorPathsHighlight(graph);
  if (mode === 'unreachable') return unreachableHighlight(graph);
  if (!selected) return null;
  return pathToHighlight(graph, selected);
}
