/**
 * The X-Ray filter-expression language, evaluated offline against loaded traces, so the search people already
 * type in the X-Ray console works on files too (no anchor tool does this offline).
 *
 * Grammar (keywords and operators case-insensitive; side-by-side terms mean AND, as in the console):
 *
 *   expr    := and { (OR | '||') and }
 *   and     := unary { [AND | '&&'] unary }
 *   unary   := ('!' | NOT) unary | primary
 *   primary := '(' expr ')'
 *            | BOOLKW [ ('=' | '!=') (true | false) ]                 ok error fault throttle partial inferred
 *            | NUMKW  NUMOP NUMBER                                      responsetime duration http.status (seconds)
 *            | STRKW  [ STROP STRING ]                                  http.url http.method http.useragent …
 *            | 'annotation.' KEY [ (NUMOP | STROP) (NUMBER | STRING | true | false) ]
 *            | 'service' '(' [ sel ] ')' [ '{' expr '}' ]
 *            | 'edge' '(' sel ',' sel ')' [ '{' expr '}' ]
 *   sel     := STRING | 'id' '(' idarg { ',' idarg } ')'      idarg := (name | type | account.id) ':' STRING
 *
 * Meaning (documented by the X-Ray developer guide, "Using filter expressions"): at the top level a keyword
 * describes the trace as the X-Ray API does (TraceSummary, `traceStatus` in trace.ts) — `fault` and `error` are
 * the root segment's ("Simple keywords and operators find issues only at the trace level. If an error occurs
 * downstream, but is handled by your application and not returned to the user, a search for `error` will not find
 * it"), `ok` is a root segment with none of error / fault / throttle, `throttle` is a 429 anywhere, `partial` any
 * in-progress segment, `responsetime` the root segment's time, `duration` the whole trace's, `http.*` the root
 * request; inside `service(...) { … }` and `edge(...) { … }` the keywords describe one matching segment ("a filter
 * expression that applies to segments created by the service": that segment and its own subsegments, not the
 * segments of the services it called, and for `edge` the callee's), the body must hold for the same segment, and
 * `root` is true for the trace's entry segment. A bare `annotation.KEY` is
 * true when the key is set, or, for a boolean annotation, its value. `group.*`, `rootcause.*` and the root-cause
 * keywords (`first`, `last`, `remote`, `index`, `coverage`) need X-Ray's servers and are refused with a message
 * that says so. A bare trace id (X-Ray or 32-hex W3C form) matches that trace.
 *
 * Modules: filter-syntax.ts (lexer, parser), filter-eval.ts (evaluation), filter-suggest.ts (completion).
 */
import { parseFilter, type FilterError } from './filter-syntax.ts';
import { matchesFilter } from './filter-eval.ts';
import type { Trace } from './types.ts';

export * from './filter-syntax.ts';
export { matchesFilter, matchesSummary, summaryTrace } from './filter-eval.ts';
export { suggestFilter, type FilterSuggestion, type FilterVocabulary } from './filter-suggest.ts';

/**
 * Parses and applies an expression to a list of traces; an invalid expression selects nothing and says why, so
 * no view keeps showing the result of an expression that is no longer there.
 */
export function filterTraces(text: string, traces: readonly Trace[]): { traces: Trace[]; error?: FilterError } {
  const parsed = parseFilter(text);
  if (!parsed.ok) return { traces: [], error: parsed.error };
  return { traces: traces.filter((t) => matchesFilter(parsed.expr, t)) };
}

/** The expression for "traces through this node", as the console builds it when a node is clicked. */
export function serviceFilterFor(name: string, type: string): string {
  return type ? `service(id(name: ${quote(name)}, type: ${quote(type)}))` : `service(${quote(name)})`;
}

/** The expression for "traces through this edge". */
export function edgeFilterFor(from: { name: string; type: string }, to: { name: string; type: string }): string {
  const sel = (n: { name: string; type: string }) =>
    n.type ? `id(name: ${quote(n.name)}, type: ${quote(n.type)})` : quote(n.name);
  return `edge(${sel(from)}, ${sel(to)})`;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// ---------------------------------------------------------------------------------------------------------------
