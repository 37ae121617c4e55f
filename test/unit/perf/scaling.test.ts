/**
 * Guards against accidental quadratic work, without timed thresholds (this machine is shared and noisy): each
 * step runs on a small and a 5× larger generated input, interleaved, and the ratio of the median CPU times must
 * stay well below 25 (what quadratic work gives at 5×) while leaving room above 5 (linear) for noise and for
 * ELK's mildly superlinear layered layout. The first test checks that the guard itself catches a quadratic loop.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { generateAsl } from '../../../bench/gen-asl.ts';
import { generateTrace } from '../../../bench/gen-xray.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import type { LoadedDocument } from '../../../shared/asl/types.ts';
import { validateDocument } from '../../../electron/host/asl-validate.ts';
import { layoutGraph, warmUpLayout } from '../../../shared/layout/layout.ts';
import { parseXrayFile } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import { buildTrace } from '../../../shared/xray/trace.ts';
import type { Trace, XrayDiagnostic } from '../../../shared/xray/types.ts';

/** Size factor between the small and the large input of every pair. */
const FACTOR = 5;
/** Above linear (5) with room for noise and n·log n; well below quadratic (25). */
const BOUND = 12;

v8.setFlagsFromString('--expose-gc');
/** A full collection before each sample, so one sample does not pay for the garbage of the one before. */
const gc = vm.runInNewContext('gc') as () => void;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * CPU time of `small` and `big`, alternated so a burst of load on the machine hits both; `repeat` calls per
 * sample lift cheap steps above the clock's resolution. Returns the ratio of the medians.
 */
async function scaling(small: () => unknown, big: () => unknown, options: { runs?: number; repeat?: number } = {}) {
  const runs = options.runs ?? 5;
  const repeat = options.repeat ?? 1;
  const sample = async (fn: () => unknown) => {
    gc();
    const t0 = cpuMs();
    for (let i = 0; i < repeat; i++) await fn();
    return cpuMs() - t0;
  };
  for (let i = 0; i < 2; i++) {
    await sample(small);
    await sample(big);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < runs; r++) {
    a.push(await sample(small));
    b.push(await sample(big));
  }
  const ratio = median(b) / Math.max(median(a), 0.01);
  return { ratio, small: median(a), big: median(b) };
}

/** The figures behind a ratio, printed so a CI log shows how close each step is to its bound. */
function describeRatio(name: string, r: { ratio: number; small: number; big: number }): string {
  const text = `${name}: ${r.small.toFixed(1)} ms → ${r.big.toFixed(1)} ms CPU, ratio ${r.ratio.toFixed(2)} (bound ${BOUND})`;
  console.log(text);
  return text;
}

async function aslInput(states: number): Promise<{ text: string; doc: LoadedDocument }> {
  const text = JSON.stringify(generateAsl(states), null, 2);
  const doc = await loadDocument(`scaling-${states}.asl.json`, text);
  expect(doc.machines).toHaveLength(1);
  return { text, doc };
}

function xrayText(spans: number): string {
  return JSON.stringify({ Traces: [generateTrace(spans)], UnprocessedTraceIds: [] });
}

function tracesOf(text: string): Trace[] {
  const parsed = parseXrayFile({ name: 'scaling.json', text });
  const diagnostics: XrayDiagnostic[] = [];
  return [...parsed.documents].map(([id, list]) => buildTrace(id, list, diagnostics));
}

describe('work grows about linearly with input size', () => {
  it('the guard itself flags quadratic work', async () => {
    // The accidental quadratic work of real code: a list searched once per item (Array.prototype.includes runs in
    // the engine's own code, so the ratio does not depend on how far the JIT has optimised a loop).
    const quadratic = (n: number) => {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) if (!seen.includes(i)) seen.push(i);
      return seen.length;
    };
    const linear = (n: number) => {
      let s = 0;
      for (let i = 0; i < n * 1000; i++) s += i & 1;
      return s;
    };
    const q = await scaling(
      () => quadratic(8000),
      () => quadratic(8000 * FACTOR),
    );
    const l = await scaling(
      () => linear(1000),
      () => linear(1000 * FACTOR),
      { repeat: 3 },
    );
    expect(q.ratio, describeRatio('quadratic loop', q)).toBeGreaterThan(BOUND);
    expect(l.ratio, describeRatio('linear loop', l)).toBeLessThan(BOUND);
  });

  it('loadDocument and buildGraph: 1,000 → 5,000 states', async () => {
    const small = await aslInput(1000);
    const big = await aslInput(5000);
    const load = await scaling(
      () => loadDocument('a.asl.json', small.text),
      () => loadDocument('b.asl.json', big.text),
      { runs: 5, repeat: 2 },
    );
    expect(load.ratio, describeRatio('loadDocument', load)).toBeLessThan(BOUND);
    const graph = await scaling(
      () => buildGraph(small.doc.machines[0]!),
      () => buildGraph(big.doc.machines[0]!),
      { runs: 7, repeat: 4 },
    );
    expect(graph.ratio, describeRatio('buildGraph', graph)).toBeLessThan(BOUND);
  });

  it('validateDocument: 400 → 2,000 states', async () => {
    const small = await aslInput(400);
    const big = await aslInput(2000);
    const r = await scaling(
      () => validateDocument(small.doc),
      () => validateDocument(big.doc),
      { runs: 3 },
    );
    expect(r.ratio, describeRatio('validateDocument', r)).toBeLessThan(BOUND);
  });

  // 1,000 → 5,000: at 200 states a layout takes a few milliseconds, where one burst of load on the machine can
  // triple a sample.
  it('layoutGraph (no cache): 1,000 → 5,000 states', async () => {
    await warmUpLayout();
    const small = buildGraph((await aslInput(1000)).doc.machines[0]!);
    const big = buildGraph((await aslInput(5000)).doc.machines[0]!);
    const r = await scaling(
      () => layoutGraph(small),
      () => layoutGraph(big),
      { runs: 5, repeat: 2 },
    );
    expect(r.ratio, describeRatio('layoutGraph', r)).toBeLessThan(BOUND);
  });

  it('X-Ray parse + span tree (2,000 → 10,000 spans) and service map (10,000 → 50,000)', async () => {
    const small = xrayText(2000);
    const big = xrayText(10_000);
    const parse = await scaling(
      () => parseXrayFile({ name: 'a.json', text: small }),
      () => parseXrayFile({ name: 'b.json', text: big }),
      { runs: 5, repeat: 3 },
    );
    expect(parse.ratio, describeRatio('X-Ray parse', parse)).toBeLessThan(BOUND);
    const tree = await scaling(
      () => tracesOf(small),
      () => tracesOf(big),
      { runs: 5, repeat: 2 },
    );
    expect(tree.ratio, describeRatio('X-Ray parse + tree', tree)).toBeLessThan(BOUND);
    // The service map takes well under a millisecond at 2,000 spans (all JIT and clock noise): 10k → 50k.
    const smallTraces = tracesOf(big);
    const bigTraces = tracesOf(xrayText(10_000 * FACTOR));
    const map = await scaling(
      () => computeServiceMap(smallTraces),
      () => computeServiceMap(bigTraces),
      { runs: 5, repeat: 3 },
    );
    expect(map.ratio, describeRatio('service map', map)).toBeLessThan(BOUND);
  });
});
