/** `statescope traces`: load X-Ray files (and folders of them), filter, and print traces and the service map. */
import fs from 'node:fs';
import path from 'node:path';
import { hasErrors } from '../../../shared/diagnostics.ts';
import { matchesFilter, matchesSummary, parseFilter } from '../../../shared/xray/filter.ts';
import { detectXray, loadXray, type XrayInput } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import { recordedSpanCount, spanOf, traceOk, traceStatusOf } from '../../../shared/xray/trace.ts';
import type { ServiceMap, Trace, TraceSummaryRow, XrayDiagnostic } from '../../../shared/xray/types.ts';
import type { CliCommand, CliIo } from '../types.ts';
import { UsageError, parse, readInputFile, write } from '../util.ts';

const FOLDER_EXTENSIONS = /\.(json|jsonl|ndjson|txt)$/i;

/** Expands folders (recursively) into their JSON files; a folder's non-X-Ray files are skipped quietly. */
function expand(arg: string, io: CliIo): { file: string; fromFolder: boolean }[] {
  const abs = path.resolve(io.cwd, arg);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return [{ file: arg, fromFolder: false }];
  }
  if (!stat.isDirectory()) return [{ file: arg, fromFolder: false }];
  const out: { file: string; fromFolder: boolean }[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && FOLDER_EXTENSIONS.test(entry.name)) out.push({ file: p, fromFolder: true });
    }
  };
  walk(abs);
  return out;
}

function traceRow(t: Trace) {
  // The root span alone (`spanOf`): printing a trace makes no record of its other spans.
  const root = t.root >= 0 ? spanOf(t, t.root) : undefined;
  return {
    id: t.id,
    start: new Date(t.start * 1000).toISOString(),
    duration: Math.round(t.durationMs * 1000) / 1000,
    responseTime: root ? Math.round(root.durationMs * 1000) / 1000 : null,
    segments: t.segments,
    // The same count the app's list shows: spans as recorded, not the inferred nodes drawn for calls.
    spans: recordedSpanCount(t),
    root: root?.name ?? null,
    status: traceStatusOf(t),
    // Not `{ ...t }`: spreading a trace reads its `spans` and makes every record.
    ...statusFields({
      error: t.error,
      fault: t.fault,
      throttle: t.throttle,
      partial: t.partial,
      ok: root !== undefined && traceOk({ spans: [root], root: 0 }),
    }),
  };
}

/** ok / error / fault / throttle / partial as the X-Ray API defines them (see `traceStatus` in shared/xray/trace.ts). */
function statusFields(t: { error: boolean; fault: boolean; throttle: boolean; partial: boolean; ok: boolean }) {
  return { ok: t.ok, error: t.error, fault: t.fault, throttle: t.throttle, partial: t.partial };
}

function summaryJson(s: TraceSummaryRow) {
  return {
    id: s.id,
    start: s.start !== undefined ? new Date(s.start * 1000).toISOString() : null,
    duration: s.durationMs ?? null,
    responseTime: s.responseTimeMs ?? null,
    entryPoint: s.entryPoint ?? null,
    http: s.http,
    annotations: s.annotations,
    users: s.users,
    status: traceStatusOf(s),
    // A summary has no root throttle flag of its own: a 429 at the root also sets HasError.
    ...statusFields({ ...s, ok: !s.error && !s.fault }),
  };
}

function mapJson(map: ServiceMap) {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    nodes: map.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      type: n.type,
      inferred: n.inferred,
      requests: n.requests,
      ok: n.ok,
      errors: n.errors,
      faults: n.faults,
      throttles: n.throttles,
      avgMs: round(n.avgMs),
      ...(n.resources ? { resources: n.resources } : {}),
      ...(n.inProgress ? { inProgress: n.inProgress } : {}),
    })),
    edges: map.edges.map((e) => ({
      from: e.from,
      to: e.to,
      requests: e.requests,
      errors: e.errors,
      faults: e.faults,
      throttles: e.throttles,
      avgMs: round(e.avgMs),
      ...(e.edgeType ? { edgeType: e.edgeType } : {}),
    })),
  };
}

function diagnosticLine(d: XrayDiagnostic): string {
  return `${d.file ?? ''}${d.file ? `:${d.line}:${d.column}: ` : ''}${d.severity}: ${d.message}`;
}

export const command: CliCommand = {
  name: 'traces',
  summary: 'List X-Ray traces and the service map from trace files (BatchGetTraces, segments, service graphs)',
  usage: [
    'Usage: statescope traces FILE|FOLDER... [--filter EXPR] [--json]',
    '',
    'Reads X-Ray data: BatchGetTraces output, one trace, raw segment documents (a JSON array or one per line),',
    'GetTraceSummaries, GetServiceGraph or GetTraceGraph output. Documents of the same trace merge across files.',
    'Folders are read recursively (.json, .jsonl, .ndjson, .txt files that look like X-Ray data).',
    '',
    'Options:',
    '  --filter EXPR  keep traces matching an X-Ray filter expression, e.g. \'service("api") { fault }\'',
    "                 or 'http.status >= 500 AND responsetime > 1'",
    '  --json         print {"traces":[...],"summaries":[...],"serviceMap":{...},"diagnostics":[...]}',
    '                 (start: ISO-8601 UTC; duration, responseTime and avgMs: milliseconds; spans = segments +',
    "                 subsegments as recorded; ok/error/fault: the root segment's, throttle/partial: any",
    "                 segment's, as X-Ray's GetTraceSummaries defines them). --filter applies to summaries too.",
    '  -h, --help     show this help',
    '',
    'The service map is computed from the (filtered) traces; with no traces, it is the service graph read.',
    'Exit status: 0 fine, 1 error diagnostics, 2 a file is unreadable or not X-Ray data, or bad usage.',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, { filter: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length === 0) throw new UsageError('name at least one file or folder.');
    const inputs: XrayInput[] = [];
    const failures: string[] = [];
    for (const arg of positionals) {
      const files = expand(arg, io);
      if (files.length === 0) failures.push(`${arg}: the folder holds no .json/.jsonl/.txt files.`);
      for (const { file, fromFolder } of files) {
        try {
          const read = await readInputFile(file, io);
          if (fromFolder && !detectXray(read.text)) continue;
          inputs.push({ name: path.relative(io.cwd, path.resolve(io.cwd, file)) || read.name, text: read.text });
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    }
    const dataset = loadXray(inputs);
    let traces = dataset.traces;
    // Summaries of traces whose documents are not loaded (a loaded trace is listed once, as a trace).
    const loaded = new Set(traces.map((t) => t.id));
    let summaries = dataset.summaries.filter((s) => !loaded.has(s.id));
    if (values.filter !== undefined) {
      const parsed = parseFilter(values.filter);
      if (!parsed.ok) {
        const { offset, message } = parsed.error;
        throw new UsageError(
          `--filter: ${message} (at column ${offset + 1})\n  ${values.filter}\n  ${' '.repeat(offset)}^`,
        );
      }
      traces = traces.filter((t) => matchesFilter(parsed.expr, t));
      summaries = summaries.filter((s) => matchesSummary(parsed.expr, s));
    }
    const map = traces.length > 0 || !dataset.serviceGraph ? computeServiceMap(traces) : dataset.serviceGraph;
    const diagnostics: XrayDiagnostic[] = [
      ...failures.map((message) => ({
        severity: 'error' as const,
        message,
        line: 1,
        column: 1,
        source: 'xray',
        code: 'xray-read',
      })),
      ...dataset.diagnostics,
    ];
    if (values.json) {
      write(
        io.stdout,
        JSON.stringify(
          {
            traces: traces.map(traceRow),
            summaries: summaries.map(summaryJson),
            serviceMap: mapJson(map),
            diagnostics,
          },
          null,
          2,
        ),
      );
    } else {
      for (const d of diagnostics) write(io.stderr, diagnosticLine(d));
      if (traces.length > 0) {
        write(io.stdout, `${traces.length} trace(s):`);
        for (const t of traces) {
          const r = traceRow(t);
          const flags = [t.fault && 'fault', t.error && 'error', t.throttle && 'throttle', t.partial && 'partial']
            .filter(Boolean)
            .join(',');
          write(
            io.stdout,
            `  ${r.id}  ${r.start}  ${r.duration.toFixed(1).padStart(9)} ms  ${String(r.spans).padStart(6)} spans  ${r.root ?? '-'}${flags ? `  [${flags}]` : ''}`,
          );
        }
      }
      if (summaries.length > 0) {
        write(io.stdout, `${summaries.length} trace summary(ies) (no segment documents):`);
        for (const s of summaries) {
          const flags = [s.fault && 'fault', s.error && 'error', s.throttle && 'throttle', s.partial && 'partial']
            .filter(Boolean)
            .join(',');
          write(
            io.stdout,
            `  ${s.id}  ${s.http.method ?? ''} ${s.http.url ?? ''} ${s.http.status ?? ''}${flags ? `  [${flags}]` : ''}`,
          );
        }
      }
      if (traces.length === 0 && summaries.length === 0) write(io.stdout, '0 traces.');
      if (map.nodes.length > 0) {
        write(io.stdout, `Service map: ${map.nodes.length} node(s), ${map.edges.length} edge(s)`);
        for (const n of map.nodes) {
          write(
            io.stdout,
            `  ${n.name} (${n.type || 'service'})  ${n.requests} req  ok ${n.ok}  err ${n.errors}  fault ${n.faults}  throttle ${n.throttles}  avg ${n.avgMs.toFixed(1)} ms`,
          );
        }
      }
    }
    if (failures.length > 0 || dataset.unreadable.length > 0) return 2;
    return hasErrors(diagnostics) ? 1 : 0;
  },
};
