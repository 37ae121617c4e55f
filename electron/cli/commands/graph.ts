/** `statescope graph`: a state machine's states and transitions, as text or as the documented JSON. */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { graphReport, isFatal, reportExitCode, type GraphReport } from '../../../shared/asl/report.ts';
import { validateForReport } from '../../host/asl-validate.ts';
import {
  analyzeHistory,
  applyExecution,
  HistoryError,
  unknownStates,
  type ExecutionReport,
  type StateOverlay,
} from '../../../shared/sfn/history.ts';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { SYNTHETIC_PREFIX, type GraphState, type StateGraph } from '../../../shared/asl/types.ts';
import { formatDiagnostic, loadForCli } from '../document.ts';
import type { CliCommand, CliIo } from '../types.ts';
import { CliFailure, UsageError, parse, printable, write } from '../util.ts';

/** Above this size the validators (schema + semantic passes) are skipped with a note: graphs stay fast. */
const VALIDATE_LIMIT = 10 * 1024 * 1024;

/** Per machine name: what each state did in the execution (for the text outline). */
type Overlays = Map<string, Record<string, StateOverlay>>;

function ms(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1000) return `${Math.round(n)} ms`;
  if (n < 120_000) return `${(n / 1000).toFixed(1)} s`;
  return `${(n / 60_000).toFixed(1)} min`;
}

/**
 * Adds `status`, `durationMs`, `runs`, `retries` and `error` from an execution history to each state of the
 * report, and an `execution` block (status, times, error and cause, states the machine does not have). Accepts a
 * GetExecutionHistory answer or the output of `statescope aws history --json` (its `events`).
 */
async function addExecution(
  report: GraphReport,
  historyFile: string,
  io: CliIo,
): Promise<{
  report: GraphReport & { execution: object };
  overlays: Overlays;
  execution: ExecutionReport;
  warnings: string[];
}> {
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, historyFile), 'utf8');
  } catch (err) {
    throw new CliFailure(
      `cannot read the execution history ${historyFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  let execution: ExecutionReport;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
    execution = analyzeHistory(parsed);
  } catch (err) {
    if (err instanceof HistoryError || err instanceof SyntaxError) {
      throw new CliFailure(`${historyFile} is not an execution history: ${(err as Error).message}`);
    }
    throw err;
  }
  const overlays: Overlays = new Map();
  const warnings: string[] = [];
  const machines: { name: string; unknownStates: string[] }[] = [];
  const ran = Object.keys(execution.states);
  for (const machine of report.stateMachines) {
    const overlay = applyExecution(machine, execution);
    overlays.set(machine.name, overlay);
    for (const state of machine.states) {
      const o = overlay[state.name];
      if (!o) continue;
      Object.assign(state, {
        status: o.status,
        ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
        runs: o.runs,
        retries: o.retries,
        ...(o.error !== undefined ? { error: o.error } : {}),
        ...(execution.states[state.name]?.cause !== undefined ? { cause: execution.states[state.name]!.cause } : {}),
      });
    }
    const unknown = unknownStates(machine, execution);
    machines.push({ name: machine.name, unknownStates: unknown });
    // A history of another machine would be drawn as all "not-run": say so instead of staying silent.
    if (ran.length && unknown.length === ran.length) {
      warnings.push(
        `warning: none of the ${ran.length} states in ${historyFile} is in "${machine.name}": the history belongs to another state machine.`,
      );
    } else if (unknown.length) {
      warnings.push(
        `warning: ${historyFile} has states "${machine.name}" does not have (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}): another version of the machine?`,
      );
    }
  }
  const arn = (parsed as { execution?: { stateMachineArn?: unknown } } | null)?.execution?.stateMachineArn;
  const block = {
    status: execution.status,
    ...(execution.startMs !== undefined ? { startMs: execution.startMs } : {}),
    ...(execution.endMs !== undefined ? { endMs: execution.endMs } : {}),
    ...(execution.durationMs !== undefined ? { durationMs: execution.durationMs } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    ...(typeof arn === 'string' ? { stateMachineArn: arn } : {}),
    redrives: execution.redrives,
    eventCount: execution.eventCount,
    machines,
  };
  return { report: { ...report, execution: block }, overlays, execution, warnings };
}

function describe(s: GraphState): string {
  const extra = [
    s.integration?.label ?? (s.type === 'Task' && s.resource ? s.resource : undefined),
    s.branches !== undefined ? `${s.branches} branch${s.branches === 1 ? '' : 'es'}` : undefined,
    s.map ? `${s.map.mode.toLowerCase()} map` : undefined,
    s.isEnd && s.type !== 'Succeed' && s.type !== 'Fail' ? 'end' : undefined,
  ].filter(Boolean);
  return extra.join(', ');
}

/** The machine as an indented outline: nested states under their Parallel branch or Map. */
function summary(graph: StateGraph, overlay?: Record<string, StateOverlay>): string[] {
  const lines: string[] = [];
  const edges = graph.edges.filter((e) => !e.from.startsWith(SYNTHETIC_PREFIX) && !e.to.startsWith(SYNTHETIC_PREFIX));
  lines.push(
    `${graph.name}  (${graph.queryLanguage}, ${graph.states.length} state${graph.states.length === 1 ? '' : 's'}, ` +
      `${edges.length} transition${edges.length === 1 ? '' : 's'}, starts at "${graph.startAt}")`,
  );
  const children = new Map<string, GraphState[]>();
  for (const s of graph.states) {
    const key = s.parent ?? '';
    if (!children.has(key)) children.set(key, []);
    children.get(key)!.push(s);
  }
  const rows: [string, string, string][] = [];
  const ranText = (name: string): string => {
    const o = overlay?.[name];
    if (!o) return '';
    const bits = [
      o.status.toUpperCase(),
      ms(o.durationMs),
      o.runs > 1 ? `${o.runs} runs` : '',
      o.retries ? `${o.retries} retr${o.retries === 1 ? 'y' : 'ies'}` : '',
      o.error ?? '',
    ];
    return `[${bits.filter(Boolean).join(', ')}]`;
  };
  const visit = (parent: string, indent: string, depth: number) => {
    if (depth > 64) return; // a deeper outline is unreadable anyway
    const list = children.get(parent) ?? [];
    const isParallel = graph.states.find((s) => s.id === parent)?.type === 'Parallel';
    let branch: number | null = null;
    for (const s of list) {
      if (isParallel && s.branch !== branch) {
        branch = s.branch;
        rows.push([`${indent}branch ${(branch ?? 0) + 1}:`, '', '']);
      }
      const pad = isParallel ? indent + '  ' : indent;
      rows.push([
        `${pad}${printable(s.name)}`,
        s.type,
        printable([ranText(s.name), describe(s)].filter(Boolean).join('  ')),
      ]);
      visit(s.id, pad + '  ', depth + 1);
    }
  };
  visit('', '', 0);
  const width = Math.min(48, Math.max(4, ...rows.map((r) => r[0].length)));
  for (const [name, type, extra] of rows) {
    lines.push(
      `  ${type ? name.padEnd(width) : name}${type ? '  ' + type.padEnd(8) : ''}${extra ? '  ' + extra : ''}`.trimEnd(),
    );
  }
  return lines;
}

export const command: CliCommand = {
  name: 'graph',
  summary: 'Show the states and transitions of the state machines in a file (text or --json)',
  usage: [
    'Usage: statescope graph FILE [--machine NAME] [--json]',
    '',
    'Loads an ASL file (JSON or YAML) or a SAM/CloudFormation template and prints each state machine: its',
    'states (indented inside Parallel and Map), their integrations, and the problems found.',
    '',
    'Options:',
    '  --machine NAME  only the state machine NAME (a template logical id, or the file base name)',
    '  --execution HISTORY.json',
    '                  draw an execution over the graph: each state gets its status and time in the',
    '                  outline, and "status", "durationMs", "runs", "retries", "error" in --json, with the',
    "                  execution's error and cause (GetExecutionHistory output, or `aws history --json`)",
    '  --no-validate   skip the validators (the loader and graph checks still run)',
    '  --json          print the graph report as JSON (shape documented in README.md)',
    '  -h, --help      show this help',
    '',
    'Exit status: 0 no errors, 1 the definition has errors, 2 the file could not be read or parsed.',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      machine: { type: 'string' },
      json: { type: 'boolean' },
      execution: { type: 'string' },
      'no-validate': { type: 'boolean' },
    });
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'FILE is required.' : 'give exactly one FILE.');
    }
    const { file, doc, graphs } = await loadForCli(positionals[0]!, values.machine, io);
    const fatal = isFatal(doc);
    const shown = graphs.flatMap((g) => g.diagnostics);
    let validation: Diagnostic[] = [];
    if (!fatal && !values['no-validate']) {
      if (doc.text.length > VALIDATE_LIMIT) {
        validation = [
          {
            severity: 'info',
            message: `Validation skipped: the file is over ${VALIDATE_LIMIT / 1024 / 1024} MB (run "statescope validate" to check it).`,
            line: 1,
            column: 1,
            source: 'statescope',
            code: 'validation-skipped',
          },
        ];
      } else {
        validation = await validateForReport(doc, shown);
      }
    }
    let report: GraphReport = graphReport(doc, graphs, { diagnostics: validation });
    const all = [...doc.diagnostics, ...shown, ...validation];
    let overlays: Overlays | undefined;
    let execution: ExecutionReport | undefined;
    if (values.execution !== undefined && !fatal) {
      const added = await addExecution(report, values.execution, io);
      report = added.report;
      overlays = added.overlays;
      execution = added.execution;
      for (const w of added.warnings) write(io.stderr, printable(w));
    }
    if (values.json) {
      write(io.stdout, JSON.stringify(report, null, 2));
      if (fatal) for (const d of doc.diagnostics) write(io.stderr, formatDiagnostic(file, d, io.cwd, false));
    } else {
      const out = fatal ? io.stderr : io.stdout;
      if (!fatal) {
        write(
          io.stdout,
          `${path.relative(io.cwd, file) || file} (${doc.format}): ${graphs.length} state machine${graphs.length === 1 ? '' : 's'}`,
        );
        if (execution) {
          const lines = [
            `execution: ${execution.status.toUpperCase()}${execution.durationMs !== undefined ? ` in ${ms(execution.durationMs)}` : ''} (${execution.eventCount} events)`,
          ];
          if (execution.error) lines.push(`  error: ${execution.error}`);
          if (execution.cause) lines.push(`  cause: ${execution.cause.slice(0, 500)}`);
          write(io.stdout, lines.map(printable).join('\n'));
        }
        for (const g of graphs) write(io.stdout, summary(g, overlays?.get(g.name)).map(printable).join('\n'));
      }
      if (all.length > 0) {
        if (!fatal) write(out, 'Problems:');
        for (const d of all) write(out, `${fatal ? '' : '  '}${formatDiagnostic(file, d, io.cwd, graphs.length > 1)}`);
      }
    }
    return fatal ? 2 : reportExitCode(report);
  },
};
