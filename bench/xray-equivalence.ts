/**
 * Before/after check for changes to the X-Ray model's build: loads the same inputs with the `shared/` of another
 * commit and with this checkout's, and compares everything the app, the CLI and the filters read from the result.
 *
 *   tsx bench/xray-equivalence.ts [COMMIT] [--random N]
 *
 * COMMIT (default HEAD) is extracted with `git archive` into a temporary folder. Inputs: every X-Ray file of
 * test/corpus and samples/xray, the unit tests' SDK fixtures, generated traces (1 × 20,000 spans, 200 × 100), and N
 * (default 300) random broken traces: documents with fields removed, retyped or made up, parents missing or in
 * cycles, duplicates, in-progress halves, ids repeated, clock skew. Compared per input: `loadXray`'s whole
 * result (key order and absent-vs-undefined included), `computeServiceMap`, each span's raw document
 * (`rawSegmentJson` plain and indented), `traceRows`, `timelineData`, and, on a load whose span records were
 * never read (filters and search read the columns), which traces each of a set of filter expressions keeps and
 * which spans a set of searches finds (`searchSpans`). Exit status 1 on any difference, with the first few printed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateTrace, generateTraces } from './gen-xray.ts';
import { seededRandom } from './rng.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const commit = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'HEAD';
const randomAt = args.indexOf('--random');
const RANDOM = randomAt >= 0 ? Number(args[randomAt + 1]) : 300;

type Mod = Record<string, (...a: never[]) => unknown>;
interface Side {
  load: Mod;
  map: Mod;
  trace: Mod;
  filter: Mod;
  view: Mod;
  timeline: Mod;
}

async function side(root: string): Promise<Side> {
  const imp = (p: string) => import(pathToFileURL(path.join(root, p)).href) as Promise<Mod>;
  return {
    load: await imp('shared/xray/load.ts'),
    map: await imp('shared/xray/service-map.ts'),
    trace: await imp('shared/xray/trace.ts'),
    filter: await imp('shared/xray/filter.ts'),
    view: await imp('renderer/src/xray/view-model.ts'),
    timeline: await imp('renderer/src/xray/timeline-model.ts'),
  };
}

/** Fields of `TimelineData` the page reads only through the module's `span` accessors (their layout may change). */
const TIMELINE_ENCODED = new Set(['text', 'offsets', 'nameOf', 'originOf', 'ids', 'flags']);

/**
 * A timeline as the page shows it: its columns, with the fields it encodes (ids, names, origins, flags) read through
 * that checkout's own `span` accessors, so two checkouts that encode them differently compare on what they show.
 */
function shownTimeline(s: Side, d: unknown): unknown {
  const data = d as Record<string, unknown> & { spanCount: number };
  const span = (s.timeline as unknown as { span: Record<string, (d: unknown, i: number) => unknown> }).span;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!TIMELINE_ENCODED.has(key)) out[key] = value;
  out.spans = Array.from({ length: data.spanCount }, (_, i) =>
    Object.fromEntries(Object.keys(span).map((field) => [field, span[field]!(data, i)])),
  );
  return out;
}

/** JSON-like text that keeps key order, `undefined` members, NaN, typed arrays and frozen-ness of arrays apart. */
function canon(v: unknown, seen = new Set<unknown>()): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  if (seen.has(v)) return '[circular]';
  seen.add(v);
  let out: string;
  if (ArrayBuffer.isView(v)) out = `${v.constructor.name}[${Array.from(v as unknown as ArrayLike<number>).join(',')}]`;
  else if (Array.isArray(v)) out = `[${v.map((x) => canon(x, seen)).join(',')}]`;
  else if (v instanceof Map) out = `Map{${[...v].map(([k, x]) => `${canon(k, seen)}=>${canon(x, seen)}`).join(',')}}`;
  else if (v instanceof Set) out = `Set{${[...v].map((x) => canon(x, seen)).join(',')}}`;
  else
    out = `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k], seen)}`)
      .join(',')}}`;
  seen.delete(v);
  return out;
}

const FILTERS = [
  '',
  'ok',
  'error',
  'fault',
  'throttle',
  'partial',
  'duration > 1',
  'responsetime < 0.5',
  'http.status = 200',
  'http.method = "POST"',
  'service("orders")',
  'service() { fault }',
  'service() { error }',
  'annotation.tenant = "acme"',
  'service(id(type: "AWS::Lambda::Function"))',
  'http.url CONTAINS "orders"',
  'edge("api-prod", "orders")',
  'service("DynamoDB") { error }',
  // Keywords read from the span columns (filter-eval.ts): every one once, at the top level and inside a service.
  'root',
  'inferred',
  '!ok',
  'http.status = 404',
  'user = "alice"',
  'name = "DynamoDB"',
  'type = "AWS::DynamoDB::Table"',
  'message CONTAINS "xceeded"',
  'resource.arn CONTAINS "function"',
  'account.id = "123456789012"',
  'instance.id',
  'annotation.k',
  'annotation.k = 1',
  'service() { root }',
  'service() { partial }',
  'service() { inferred }',
  'service() { ok }',
  'service() { responsetime > 0.1 }',
  'service() { name = "Orders" }',
  'service(id(account.id: "123456789012"))',
  'edge(id(name: "orders"), id(type: "AWS::DynamoDB::Table")) { duration > 0.01 }',
  'edge("api-prod", "orders") { http.method = "GET" }',
];

/** Searches of the timeline (`searchSpans`), run on every trace of an input. */
const SEARCHES = ['dynamodb', 'orders 200', 'boom', 'inferred:', 'acme', 'get', 'putitem orders'];

interface Input {
  label: string;
  files: { name: string; text: string }[];
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function fileInputs(): Input[] {
  const files = [
    ...walk(path.join(REPO, 'test/corpus/xray')),
    ...walk(path.join(REPO, 'samples/xray')).filter((f) => !f.endsWith('index.json')),
    ...walk(path.join(REPO, 'test/unit/xray/fixtures')).filter((f) => /\.(json|ndjson|txt)$/.test(f)),
  ];
  return files.map((f) => ({
    label: path.relative(REPO, f),
    files: [{ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }],
  }));
}

/** A generated trace's documents, damaged at random in the ways real and hostile files are. */
function brokenTrace(seed: number): Input {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const t = generateTrace(20 + Math.floor(random() * 200), seed, 1_764_000_000 + seed);
  const docs = t.Segments.map((s) => JSON.parse(s.Document) as Record<string, unknown>);
  const ids = docs.map((d) => d.id);
  const damage = (o: Record<string, unknown>): void => {
    const r = random();
    const fields = [
      'id',
      'name',
      'start_time',
      'end_time',
      'parent_id',
      'trace_id',
      'origin',
      'namespace',
      'http',
      'aws',
    ];
    if (r < 0.08) delete o[pick(fields)];
    else if (r < 0.14) o[pick(fields)] = pick([null, 42, '17', true, [], {}, '', 'x'.repeat(12), -1, 1e308]);
    else if (r < 0.18) o.end_time = (o.start_time as number) - 1;
    else if (r < 0.22) {
      delete o.end_time;
      o.in_progress = true;
    } else if (r < 0.25) o.parent_id = pick(ids);
    else if (r < 0.27)
      o.cause = pick(['exc-1', { exceptions: [{ id: 'exc-1', message: 'boom', stack: [{ path: 'a.js', line: 3 }] }] }]);
    else if (r < 0.29)
      o.http = { request: { method: 'GET', url: '/x' }, response: { status: pick([200, 404, 429, 503, '500']) } };
    else if (r < 0.31) o.annotations = { k: pick(['v', 1, true, null]), [pick(['a', 'b'])]: 'z' };
    else if (r < 0.32) o.sql = { url: 'jdbc:postgresql://db/x' };
    else if (r < 0.33) o.links = [{ trace_id: t.Id, id: pick(ids) }, { bad: 1 }];
    else if (r < 0.34) o.inferred = true;
    else if (r < 0.35) o.type = 'subsegment';
    else if (r < 0.36) o.error = pick([true, false, 'yes']);
    else if (r < 0.37) o.namespace = pick(['aws', 'remote', 'local']);
    else if (r < 0.38)
      o.aws = { operation: 'Invoke', function_name: 'arn:aws:lambda:us-east-1:1:function:f', resource_names: ['r'] };
    else if (r < 0.39) o.id = pick(ids);
    if (Array.isArray(o.subsegments))
      for (const s of o.subsegments) if (typeof s === 'object' && s !== null) damage(s as Record<string, unknown>);
  };
  for (const d of docs) damage(d);
  // Parent cycles, duplicates (one in progress), a document given as an object instead of text.
  if (random() < 0.3 && docs.length > 2) {
    docs[1].parent_id = docs[2].id;
    docs[2].parent_id = docs[1].id;
  }
  const segments: unknown[] = docs.map((d) => ({ Id: d.id, Document: JSON.stringify(d) }));
  if (random() < 0.3)
    segments.push({ Id: 'dup', Document: JSON.stringify({ ...docs[0], in_progress: true, end_time: undefined }) });
  if (random() < 0.2) segments.push({ Id: 'obj', Document: { ...docs[docs.length - 1], id: 'objdoc' } });
  if (random() < 0.1) segments.push({ Id: 'bad', Document: '{not json' });
  if (random() < 0.1) segments.push({ Id: 'num', Document: '42' });
  const shape = random();
  const text =
    shape < 0.6
      ? JSON.stringify({
          Traces: [{ Id: t.Id, Duration: t.Duration, Segments: segments, LimitExceeded: random() < 0.1 }],
        })
      : shape < 0.8
        ? docs.map((d) => JSON.stringify(d)).join('\n')
        : JSON.stringify(docs);
  return { label: `random broken trace #${seed}`, files: [{ name: `broken-${seed}.json`, text }] };
}

function compareInput(before: Side, after: Side, input: Input, fail: (what: string) => void): number {
  const run = (s: Side) => {
    // Filters and searches first, on a load whose span records were never read (they read the columns).
    const fresh = s.load.loadXray(input.files as never) as { traces: { spans: unknown[] }[] };
    const filters = FILTERS.map((f) => {
      const r = s.filter.filterTraces(f as never, fresh.traces as never) as {
        traces: { id: string }[];
        error?: unknown;
      };
      return { ids: r.traces.map((t) => t.id), error: r.error };
    });
    const searches = fresh.traces
      .slice(0, 50)
      .map((t) => SEARCHES.map((q) => s.view.searchSpans(t as never, q as never)));
    const data = s.load.loadXray(input.files as never) as { traces: { spans: unknown[] }[] };
    const map = s.map.computeServiceMap(data.traces as never);
    const raw: (string | undefined)[] = [];
    for (const t of data.traces)
      for (let i = 0; i < t.spans.length; i++) {
        raw.push(s.trace.rawSegmentJson(t as never, i as never) as string | undefined);
        if (i < 50) raw.push(s.trace.rawSegmentJson(t as never, i as never, 2 as never) as string | undefined);
      }
    const rows = s.view.traceRows(data.traces as never);
    const timelines = data.traces.slice(0, 50).map((t) => shownTimeline(s, s.timeline.timelineData(t as never)));
    return { data, map, raw, rows, timelines, filters, searches };
  };
  const a = run(before);
  const b = run(after);
  let spans = 0;
  for (const t of b.data.traces) spans += t.spans.length;
  for (const key of ['data', 'map', 'raw', 'rows', 'timelines', 'filters', 'searches'] as const) {
    const x = canon(a[key]);
    const y = canon(b[key]);
    if (x !== y) {
      let at = 0;
      while (at < x.length && x[at] === y[at]) at++;
      fail(
        `${input.label}: ${key} differs at ${at}: before …${x.slice(Math.max(0, at - 80), at + 80)}… after …${y.slice(Math.max(0, at - 80), at + 80)}…`,
      );
    }
  }
  // What the worker posts must clone the same way (plain data only).
  if (canon(structuredClone(b.data)) !== canon(b.data))
    fail(`${input.label}: the model does not survive structuredClone`);
  return spans;
}

async function main(): Promise<void> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'xray-equivalence-'));
  try {
    const tar = execFileSync('git', ['archive', commit, 'shared', 'renderer/src/xray'], {
      cwd: REPO,
      maxBuffer: 1 << 28,
    });
    execFileSync('tar', ['-x', '-C', base], { input: tar });
    const before = await side(base);
    const after = await side(REPO);
    const inputs: Input[] = [
      ...fileInputs(),
      {
        label: 'generated 1 × 20,000 spans',
        files: [{ name: 'g1.json', text: JSON.stringify({ Traces: [generateTrace(20_000)] }) }],
      },
      {
        label: 'generated 200 × 100 spans',
        files: [{ name: 'g2.json', text: JSON.stringify(generateTraces(200, 100)) }],
      },
      {
        label: 'two files merged',
        files: [
          { name: 'a.json', text: JSON.stringify(generateTraces(5, 50, 3)) },
          { name: 'b.json', text: JSON.stringify(generateTraces(5, 50, 3)) },
        ],
      },
    ];
    for (let i = 0; i < RANDOM; i++) inputs.push(brokenTrace(1000 + i));
    const failures: string[] = [];
    let spans = 0;
    for (const input of inputs) spans += compareInput(before, after, input, (w) => failures.push(w));
    process.stdout.write(
      `${inputs.length} inputs (${inputs.length - RANDOM - 3} files, 3 generated, ${RANDOM} random broken traces), ${spans.toLocaleString('en')} spans, ${FILTERS.length} filters, ${SEARCHES.length} searches: ${failures.length === 0 ? `identical to ${commit}` : `${failures.length} difference(s) from ${commit}`}\n`,
    );
    for (const f of failures.slice(0, 10)) process.stdout.write(`  ${f.slice(0, 600)}\n`);
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

await main();
