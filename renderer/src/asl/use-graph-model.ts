/**
 * What the graph view draws for the current layout: the React Flow model, every producer's diagnostics merged
 * (on the exact value's range), the problem badges per state, and the nodes and edges with the selection and the
 * path highlight applied.
 */
import { useContext, useMemo } from 'react';
import { LangContext } from '../i18n/index.ts';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import type { GraphState, StateGraph } from '../../../shared/asl/types.ts';
import type { DocumentSummary, LayoutResult } from '../workers/document-messages.ts';
import { refineRanges } from '../editor/diagnostic-range.ts';
import { applyHighlight, type PathMode } from '../editor/highlight-model.ts';
import { problemsByState, toFlow, type FlowEdge, type FlowModel, type FlowNode, type Problems } from './to-flow.ts';
import { decorateEdges, decorateNodes, mergeDiagnostics, selectableIds, withArrowheads } from './view-model.ts';

export interface GraphModel {
  graph: StateGraph | null;
  model: FlowModel | null;
  allDiagnostics: Diagnostic[];
  problems: Map<string, Problems>;
  nodes: FlowNode[];
  edges: FlowEdge[];
  selectable: Set<string>;
  stateById: Map<string, GraphState>;
}

export function useGraphModel(
  summary: DocumentSummary | null,
  machine: number,
  result: LayoutResult | null,
  edit: { text: string; hostDiagnostics: Diagnostic[] },
  selected: string | null,
  pathMode: PathMode,
): GraphModel {
  const graph = result?.graph ?? null;
  const { text, hostDiagnostics } = edit;
  const allDiagnostics = useMemo(() => {
    const unique = mergeDiagnostics([
      summary?.diagnostics ?? [],
      result?.diagnostics ?? [],
      graph?.diagnostics ?? [],
      hostDiagnostics,
    ]);
    // On the exact value (a bad Next is marked on its name, not on the state's brace), repeats folded.
    const current = summary?.machines[machine];
    return refineRanges(text, current?.definitionFile ? undefined : current?.stateSpans, unique);
  }, [summary, result, graph, hostDiagnostics, text, machine]);

  // The model depends on the graph and its layout only: when the host's validation arrives (or changes while
  // typing) just the nodes whose problem badges change are replaced, not every node of a large machine.
  const lang = useContext(LangContext);
  const model = useMemo(
    () => (graph && result?.layout ? toFlow(graph, result.layout, [], lang) : null),
    [graph, result, lang],
  );
  const lit = useMemo(() => applyHighlight(graph, pathMode, selected), [graph, pathMode, selected]);
  const problems = useMemo(
    () => (graph ? problemsByState(allDiagnostics, graph.name) : new Map<string, Problems>()),
    [allDiagnostics, graph],
  );
  const nodes = useMemo(
    () => (model ? decorateNodes(model.nodes, selected, lit, problems) : []),
    [model, selected, lit, problems],
  );
  // Edges with their arrow heads, made once per drawing; a selection or a highlight then replaces only the edges
  // whose class changes, so clicking a state in a machine of thousands does not rebuild every edge.
  const baseEdges = useMemo(() => withArrowheads(model?.edges ?? []), [model]);
  const edges = useMemo(() => decorateEdges(baseEdges, selected, lit), [baseEdges, selected, lit]);
  const selectable = useMemo(() => selectableIds(model?.nodes ?? []), [model]);
  const stateById = useMemo(() => new Map((graph?.states ?? []).map((s) => [s.id, s])), [graph]);
  return { graph, model, allDiagnostics, problems, nodes, edges, selectable, stateById };
}
