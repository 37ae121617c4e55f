/**
 * What the X-Ray workspace shows around its views, computed without React so it is unit-tested in plain Node:
 * the filter expression a service-map selection stands for, the diagnostics counts, the statistics of a map
 * selection, and which message the trace pane shows when no timeline is open.
 */
import { edgeFilterFor, parseFilter, serviceFilterFor } from '../../../shared/xray/filter.ts';
import type { MapEdge, MapNode } from '../../../shared/xray/types.ts';

/** A selected service-map node or edge (what ServiceMapView reports as its MapSelection). */
export type MapPick =
  { kind: 'node'; node: MapNode } | { kind: 'edge'; edge: MapEdge; from: MapNode; to: MapNode } | null;

/**
 * The filter expression that selects the traces through a map node or edge. A client node stands for the
 * requests entering its root service (X-Ray names it after that service), so it and its outgoing edges select
 * the root service's traces.
 */
export function mapExpressionFor(sel: MapPick): string {
  if (!sel) return '';
  if (sel.kind === 'node')
    return sel.node.client
      ? `${serviceFilterFor(sel.node.name, '')} { root }`
      : serviceFilterFor(sel.node.name, sel.node.type);
  return sel.from.client ? `${serviceFilterFor(sel.to.name, sel.to.type)} { root }` : edgeFilterFor(sel.from, sel.to);
}

/** The parse error of a filter text as "Column N: message", or null when it parses. */
export function filterProblem(text: string): { column: number; message: string } | null {
  const parsed = parseFilter(text);
  return parsed.ok ? null : { column: parsed.error.offset + 1, message: parsed.error.message };
}

/** The expression to apply for a filter text: '' for an empty one, undefined while it does not parse. */
export function appliedFilter(text: string): string | undefined {
  const parsed = parseFilter(text);
  if (!parsed.ok) return undefined;
  return parsed.expr ? text : '';
}

/** Errors and warnings among the files' diagnostics. */
export function diagnosticCounts(diagnostics: readonly { severity: string }[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

/** Why the trace pane is empty when no timeline is open. */
export type EmptyPane = 'invalid' | 'select' | 'no-match' | 'no-traces';

export function emptyPaneReason(failed: boolean, shownRows: number, totalRows: number): EmptyPane {
  if (failed) return 'invalid';
  if (shownRows > 0) return 'select';
  return totalRows > 0 ? 'no-match' : 'no-traces';
}

/** One statistic of a map selection, with the message key of its label. */
export interface MapStat {
  key:
    | 'xray.map.requests'
    | 'xray.map.ok'
    | 'xray.map.errors'
    | 'xray.map.throttles'
    | 'xray.map.faults'
    | 'xray.map.average'
    | 'xray.map.inProgress';
  value: number;
  /** A duration (shown with formatMs) rather than a count. */
  ms?: boolean;
}

/** The statistics table of a selected node or edge (in-progress only for nodes that have some). */
export function mapSelectionStats(sel: NonNullable<MapPick>): MapStat[] {
  const st = sel.kind === 'node' ? sel.node : sel.edge;
  const out: MapStat[] = [
    { key: 'xray.map.requests', value: st.requests },
    { key: 'xray.map.ok', value: st.ok },
    { key: 'xray.map.errors', value: st.errors },
    { key: 'xray.map.throttles', value: st.throttles },
    { key: 'xray.map.faults', value: st.faults },
    { key: 'xray.map.average', value: st.avgMs, ms: true },
  ];
  if (sel.kind === 'node' && sel.node.inProgress) out.push({ key: 'xray.map.inProgress', value: sel.node.inProgress });
  return out;
}
