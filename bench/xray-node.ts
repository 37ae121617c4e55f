/**
 * The Node X-Ray figures alone, for work on the X-Ray model: text → traces + service map against JSON.parse of the
 * same text (and of each embedded segment document), measured in turn, each after a full garbage collection
 * (bench/xray-steps.ts `pipelineAndFloor`, as the full benchmark measures them).
 *   tsx bench/xray-node.ts            one trace of 100,000 spans, 1,000 traces × 100 spans, and one trace of
 *                                     100,000 spans made of the X-Ray developer guide's documents (gen-xray.ts)
 *   tsx bench/xray-node.ts --quick    the same with 10,000 spans and 100 traces × 100 spans
 *   tsx bench/xray-node.ts --cpu      CPU time instead of wall-clock time (steadier on a loaded machine)
 *   tsx bench/xray-node.ts --thread   CPU time of the main thread alone: what wall time is on a quiet machine, without
 *                                     the garbage collector's helper threads and without waiting for a core
 *   tsx bench/xray-node.ts --rounds=N measured rounds (default 7) after one first round
 * Prints one line per input: pipeline (`loadXray` + `computeServiceMap`, as the app and the CLI run them) and floor
 * medians, the median of the rounds' ratios, and the steps (`parseXrayFile`, `buildTrace` of every trace,
 * `computeServiceMap`). For the first input, also its first round: the process's first run of the code, as the
 * page's X-Ray worker runs it for a file opened in a fresh page (code not yet optimised, heap not yet grown),
 * against the medians.
 *   tsx bench/xray-node.ts --many     only the traces × 100 spans input (so its first round is the first run)
 */
import { parseXrayFile } from '../shared/xray/load.ts';
import { computeServiceMap } from '../shared/xray/service-map.ts';
import type { Trace } from '../shared/xray/types.ts';
import { devGuideTrace, generateTrace, generateTraces } from './gen-xray.ts';
import { buildAll, pipelineAndFloor } from './xray-steps.ts';
import { median } from './stats.ts';

const QUICK = process.argv.includes('--quick');
const MANY_ONLY = process.argv.includes('--many');
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 7);

/**
 * Wall-clock ms, or with `--cpu` the process's CPU time (all threads, GC helpers included) in ms, or with
 * `--thread` the main thread's CPU time.
 */
const THREAD = process.argv.includes('--thread');
const CPU = THREAD || process.argv.includes('--cpu');
function time(fn: () => unknown): number {
  if (THREAD) {
    const c0 = process.threadCpuUsage();
    fn();
    const c = process.threadCpuUsage(c0);
    return (c.user + c.system) / 1000;
  }
  if (CPU) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  }
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** True until the first input has run: its first round is then the process's first run of the code. */
let firstInput = true;

function run(label: string, data: unknown): void {
  const text = JSON.stringify(data);
  const input = { name: `${label}.json`, text };
  const both = pipelineAndFloor(input, ROUNDS, time);
  // The steps, each round after the pipeline's own: parse, build every trace, map.
  const parse: number[] = [];
  const tree: number[] = [];
  const map: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let parsed: ReturnType<typeof parseXrayFile> | undefined;
    parse.push(time(() => (parsed = parseXrayFile(input))));
    let traces: Trace[] = [];
    tree.push(time(() => (traces = buildAll(parsed!))));
    map.push(time(() => computeServiceMap(traces)));
  }
  const m = (xs: number[]) => median(xs).toFixed(0);
  process.stdout.write(
    `${label}: pipeline ${m(both.pipeline)} ms, floor ${m(both.floor)} ms, ${THREAD ? 'main-thread CPU ' : CPU ? 'CPU ' : ''}ratio ${both.ratio.toFixed(2)}× ` +
      `(median of per-round ratios ${Math.min(...both.ratios).toFixed(2)}–${Math.max(...both.ratios).toFixed(2)}); parse ${m(parse)} ms, tree ${m(tree)} ms, map ${m(map)} ms; ${ROUNDS} rounds\n`,
  );
  if (firstInput)
    process.stdout.write(
      `  first round (the first run of the code): pipeline ${both.first.pipeline.toFixed(0)} ms ` +
        `(${(both.first.pipeline / median(both.pipeline)).toFixed(2)}× the median), floor ${both.first.floor.toFixed(0)} ms ` +
        `(${(both.first.floor / median(both.floor)).toFixed(2)}×)\n`,
    );
  firstInput = false;
}

const spans = QUICK ? 10_000 : 100_000;
const many = QUICK ? 100 : 1000;
if (!MANY_ONLY)
  run(`1 trace × ${spans.toLocaleString('en')} spans`, { Traces: [generateTrace(spans)], UnprocessedTraceIds: [] });
run(`${many.toLocaleString('en')} traces × 100 spans`, generateTraces(many, 100));
if (!MANY_ONLY)
  run(`1 trace × ${spans.toLocaleString('en')} spans of the developer guide's documents`, {
    Traces: [devGuideTrace(spans)],
    UnprocessedTraceIds: [],
  });
