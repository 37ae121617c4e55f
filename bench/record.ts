/**
 * Turns one benchmark result into a RESULTS.md section: date, machine, load average, the targets with
 * pass / fail / not measured, then the run's tables. `bench/run.ts` appends it after every full run; to append a
 * saved `--json` output by hand: `tsx bench/record.ts saved-output.txt` (its last line is the JSON object).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

/** The parts of run.ts's JSON object the section reads. */
export interface RecordInput {
  machine: {
    date: string;
    nproc: number;
    cpu: string;
    node: string;
    loadAverage: number[];
    loadAverageAtEnd?: number[];
    /** Writing fresh memory once, ms per MB (run.ts `freshMemoryMsPerMb`); absent in older runs. */
    freshMemoryMsPerMb?: number;
    quick: boolean;
  };
  headline: Record<string, number | null>;
  elk1000Ms: number | null;
  xray100kPipelineMs: number | null;
  /** One trace of 100,000 spans in the app (null when not measured). */
  trace100k?: {
    listMs: number;
    firstPaintMs: number;
    maxFrameMs: number;
    longestTaskAfterListMs: number;
    runs: number;
  } | null;
  serviceMapMemoryRatio: number | null;
  notes: string[];
  tables: string;
}

type Verdict = 'pass' | 'FAIL' | 'not measured';

const fmtMs = (v: number | null) =>
  v === null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`;

/** The targets of issue 8, each with the figure that decides it. */
export function targetRows(r: RecordInput): { target: string; value: string; verdict: Verdict }[] {
  const h = r.headline;
  const atMost = (v: number | null, max: number): Verdict => (v === null ? 'not measured' : v <= max ? 'pass' : 'FAIL');
  const atLeast = (v: number | null, min: number): Verdict =>
    v === null ? 'not measured' : v >= min ? 'pass' : 'FAIL';
  const gz = h.rendererGzipBytes ?? null;
  return [
    {
      target: '1,000-state file → laid-out graph on screen ≤ 500 ms',
      value: fmtMs(h.asl1000ScreenMs ?? null),
      verdict: atMost(h.asl1000ScreenMs ?? null, 500),
    },
    {
      target: '… and ≥ 3.5× faster than elkjs one-shot compound layout on the same input',
      value: h.asl1000VsElkRatio == null ? '—' : `${h.asl1000VsElkRatio.toFixed(2)}× (ELK ${fmtMs(r.elk1000Ms)})`,
      verdict: atLeast(h.asl1000VsElkRatio ?? null, 3.5),
    },
    {
      target: '5,000 states ≤ 3 s',
      value: fmtMs(h.asl5000ScreenMs ?? null),
      verdict: atMost(h.asl5000ScreenMs ?? null, 3000),
    },
    {
      target: 'after a one-state edit, the new layout ≤ 100 ms',
      value: fmtMs(h.editRelayoutMs ?? null),
      verdict: atMost(h.editRelayoutMs ?? null, 100),
    },
    {
      target: '10,000-span trace: timeline first paint ≤ 300 ms',
      value: fmtMs(h.trace10kFirstPaintMs ?? null),
      verdict: atMost(h.trace10kFirstPaintMs ?? null, 300),
    },
    {
      target: '… no frame over 50 ms while scrolling',
      value: fmtMs(h.trace10kMaxFrameMs ?? null),
      verdict: atMost(h.trace10kMaxFrameMs ?? null, 50),
    },
    {
      // "Usable", as this project reads it: the same scrolling bar as at 10,000 spans (no frame over 50 ms) and no
      // main-thread task over 200 ms once the trace list is on screen.
      target: '100,000 spans load and stay usable',
      value: r.trace100k
        ? `file → list ${fmtMs(r.trace100k.listMs)}, row click → timeline ${fmtMs(r.trace100k.firstPaintMs)}, scroll max frame ${fmtMs(r.trace100k.maxFrameMs)}, longest task after the list ${r.trace100k.longestTaskAfterListMs > 0 ? fmtMs(r.trace100k.longestTaskAfterListMs) : 'none of 50 ms or more'}`
        : r.xray100kPipelineMs === null
          ? '—'
          : `in Node: text → service map ${fmtMs(r.xray100kPipelineMs)}; in the app: —`,
      verdict: r.trace100k
        ? r.trace100k.maxFrameMs <= 50 && r.trace100k.longestTaskAfterListMs <= 200
          ? 'pass'
          : 'FAIL'
        : 'not measured',
    },
    {
      target: '100,000 spans over 1,000 traces → service map ≤ 1 s',
      value: fmtMs(h.serviceMap100kMs ?? null),
      verdict: atMost(h.serviceMap100kMs ?? null, 1000),
    },
    {
      target: '… memory ≤ 3× the input size',
      value:
        r.serviceMapMemoryRatio === null ? '—' : `${r.serviceMapMemoryRatio.toFixed(2)}× (heap retained ÷ input text)`,
      verdict: atMost(r.serviceMapMemoryRatio, 3),
    },
    {
      target: 'app start to interactive sample ≤ 1.5 s',
      value: fmtMs(h.startToInteractiveMs ?? null),
      verdict: atMost(h.startToInteractiveMs ?? null, 1500),
    },
    {
      target: 'renderer bundle ≤ 2 MB gzip',
      value: gz === null ? '—' : `${(gz / 1048576).toFixed(2)} MB`,
      verdict: atMost(gz, 2 * 1048576),
    },
  ];
}

/** One RESULTS.md section for a run. */
export function resultsSection(r: RecordInput): string {
  const m = r.machine;
  const lines = [
    `## ${m.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}${m.quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${m.nproc} × ${m.cpu}, Node ${m.node}. Load average (1 / 5 / 15 min) at start ${m.loadAverage.join(' / ')}` +
      (m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.join(' / ')}` : '') +
      ' — the machine is shared: figures move with the load.' +
      (m.freshMemoryMsPerMb === undefined
        ? ''
        : ` Writing fresh memory costs ${m.freshMemoryMsPerMb.toFixed(2)} ms per MB here: every heap a fresh page, worker or process grows pays it, warm floors do not.`),
    '',
    '| target (issue 8) | measured | verdict |',
    '|---|---|---|',
    ...targetRows(r).map((t) => `| ${t.target} | ${t.value} | ${t.verdict} |`),
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
    r.tables.trim(),
    '',
  ];
  return lines.join('\n') + '\n';
}

/** Appends a section, creating the file with its header the first time. */
export function appendResults(r: RecordInput, file = RESULTS_FILE): void {
  if (!fs.existsSync(file)) {
    fs.writeFileSync(
      file,
      '# Benchmark results\n\nEvery full `npm run bench` appends its figures here (newest last). How the figures are taken: see ' +
        'the header of `bench/run.ts` and `bench/browser.ts`.\n\n',
    );
  }
  fs.appendFileSync(file, resultsSection(r));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = process.argv[2];
  if (!source) {
    process.stderr.write('usage: tsx bench/record.ts FILE (the saved output of npm run bench -- --json)\n');
    process.exit(2);
  }
  const last = fs.readFileSync(source, 'utf8').trim().split('\n').pop() ?? '';
  const result = JSON.parse(last) as { record?: RecordInput };
  if (!result.record) {
    process.stderr.write(`${source}: the last line has no "record" object\n`);
    process.exit(2);
  }
  appendResults(result.record);
  process.stdout.write(`appended to ${RESULTS_FILE}\n`);
}
