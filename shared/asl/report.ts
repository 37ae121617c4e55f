/**
 * The JSON that `statescope graph --json` prints: a stable, documented projection of the loaded document and its
 * graphs, for scripts and CI. Keeping it here (pure) means the CLI, tests and any future export share one shape.
 */
import { hasErrors, type Diagnostic } from '../diagnostics.ts';
import { syntheticKind } from './graph.ts';
import { FATAL_CODES } from './load.ts';
import type { DocumentFormat, EdgeKind, LoadedDocument, QueryLanguage, StateGraph, SyntheticNode } from './types.ts';

/** One diagnostic as the report shows it. */
export interface ReportDiagnostic {
  severity: Diagnostic['severity'];
  message: string;
  line: number;
  column: number;
  state?: string;
}

/** One state: `name` is the graph id (the state name; a duplicate name gets a `#2` suffix). */
export interface ReportState {
  name: string;
  /** The state's Type as written: an unknown type as it is, null when the state has no Type at all. */
  type: string | null;
  /** Name of the Parallel or Map state holding this one, or null at top level. */
  parent: string | null;
  /** Parallel branch index (0 inside a Map), or null at top level. */
  branch: number | null;
  resource?: string;
  service?: string;
  pattern?: string;
}

/**
 * One edge. `from`/`to` are state names, except the synthetic markers: `"(start)"` for a scope's Start marker,
 * `"(end)"` for its End marker, and for a `missing` edge `to` is the referenced name that does not exist. (Which
 * scope a marker belongs to follows from the state at the other end.) A transition to a state that exists, but in
 * another Parallel branch or Map processor (which ASL does not allow), has kind `outside-scope` and `to` names
 * that state. `label` is the full text (Choice rule, "Default", caught error names).
 */
export interface ReportEdge {
  from: string;
  to: string;
  kind: EdgeKind | 'outside-scope';
  label?: string;
}

/** One state machine of the file, with its own diagnostics (graph problems, validator findings). */
export interface ReportMachine {
  name: string;
  queryLanguage: QueryLanguage;
  states: ReportState[];
  edges: ReportEdge[];
  diagnostics: ReportDiagnostic[];
}

/** The whole `graph --json` output. */
export interface GraphReport {
  file: string;
  format: DocumentFormat;
  stateMachines: ReportMachine[];
  /** Problems of the file as a whole (syntax, template structure, machines that could not be loaded). */
  diagnostics: ReportDiagnostic[];
}

function diag(d: Diagnostic): ReportDiagnostic {
  const out: ReportDiagnostic = { severity: d.severity, message: d.message, line: d.line, column: d.column };
  if (d.state !== undefined) out.state = d.state;
  return out;
}

function endpoint(id: string, synthetic: Map<string, SyntheticNode>): string {
  const kind = syntheticKind(id);
  if (kind === undefined) return id;
  if (kind === 'start') return '(start)';
  if (kind === 'end') return '(end)';
  return synthetic.get(id)?.label ?? id;
}

/**
 * Builds the report. Diagnostics that name a machine in their `machine` field (the loader's, and
 * `extra.diagnostics` such as validator findings) go to that machine's list; the rest are the file's.
 */
export function graphReport(
  doc: LoadedDocument,
  graphs: StateGraph[],
  extra?: { diagnostics?: Diagnostic[] },
): GraphReport {
  const names = new Set(graphs.map((g) => g.name));
  const extraDiagnostics = extra?.diagnostics ?? [];
  return {
    file: doc.file,
    format: doc.format,
    stateMachines: graphs.map((g) => {
      const synthetic = new Map(g.synthetic.map((s) => [s.id, s]));
      const stateIds = new Set(g.states.map((s) => s.id));
      return {
        name: g.name,
        queryLanguage: g.queryLanguage,
        states: g.states.map((s) => {
          // The graph draws a state without a valid Type as a Pass; the report says what is written.
          const written = s.raw.Type;
          const out: ReportState = {
            name: s.id,
            type: typeof written === 'string' ? written : null,
            parent: s.parent,
            branch: s.branch,
          };
          if (s.resource !== undefined) out.resource = s.resource;
          if (s.integration) {
            out.service = s.integration.service;
            out.pattern = s.integration.pattern;
          }
          return out;
        }),
        edges: g.edges.map((e) => {
          const out: ReportEdge = { from: endpoint(e.from, synthetic), to: endpoint(e.to, synthetic), kind: e.kind };
          if (e.kind === 'missing' && stateIds.has(out.to)) out.kind = 'outside-scope';
          const label = e.fullLabel ?? e.label;
          if (label !== undefined) out.label = label;
          return out;
        }),
        diagnostics: [
          ...doc.diagnostics.filter((d) => d.machine === g.name),
          ...g.diagnostics,
          ...extraDiagnostics.filter((d) => d.machine === g.name),
        ].map(diag),
      };
    }),
    diagnostics: [
      ...doc.diagnostics.filter((d) => d.machine === undefined || !names.has(d.machine)),
      ...extraDiagnostics.filter((d) => d.machine === undefined || !names.has(d.machine)),
    ].map(diag),
  };
}

/** The CLI's exit status for a report: 0 when nothing is an error, 1 otherwise (2 is decided by `isFatal`). */
export function reportExitCode(report: GraphReport): 0 | 1 {
  const all = [...report.diagnostics, ...report.stateMachines.flatMap((m) => m.diagnostics)];
  return hasErrors(all) ? 1 : 0;
}

/**
 * True when nothing could be loaded because the file itself could not be read or parsed (empty, binary,
 * malformed JSON/YAML, alias bomb, nesting too deep): the CLI exits 2 for these instead of 1.
 */
export function isFatal(doc: LoadedDocument): boolean {
  return (
    doc.machines.length === 0 &&
    doc.diagnostics.some((d) => d.severity === 'error' && d.code !== undefined && FATAL_CODES.has(d.code))
  );
}
