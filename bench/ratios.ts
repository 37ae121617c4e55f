/**
 * The benchmark's ratios to floors (issue: targets that hold on any machine of this class): each figure of ours
 * divided by the least any implementation must do on the same input in the same run, printed with both absolute
 * figures and the target. Names end in `Ratio` (or `Ms` for the few absolute targets) and go into `headline`.
 */
import type { BrowserFigures } from './browser.ts';
import type { RealNodeFigure } from './real.ts';
import { median } from './stats.ts';

export interface RatioRow {
  name: string;
  value: number | null;
  target: string;
  ours: string;
  floor: string;
}

interface Inputs {
  browser: BrowserFigures | null;
  /** `pipelineOverFloor`: the median of the rounds' own ratios (xray-steps.ts `pipelineAndFloor`). */
  xray: readonly {
    spans: number;
    traces: number;
    pipeline: { median: number };
    floor: { median: number };
    pipelineOverFloor: number;
  }[];
  serviceMapSet: { spans: number; pipeline: { median: number } };
  memory: readonly { input: string; inputBytes: number; retainedHeap: number }[];
  mapTraces: number;
  validation: { oursMs: number; librariesMs: number; ratio: number };
  validationSize: number;
  bigAsl: { states: number; pipeline: { median: number } } | null;
  realNode: readonly RealNodeFigure[];
  /** Node load + graph + layout medians of the generated machines. */
  asl: readonly { states: number; pipeline: number }[];
}

const msText = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : v >= 1000
      ? `${(v / 1000).toFixed(2)} s`
      : `${v.toFixed(0)} ms`;
const mbText = (v: number) => `${(v / 1048576).toFixed(1)} MB`;
const div = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined || !(b > 0) ? null : a / b;

/** The page's fixed cost of an open: the median one-state open over the real definitions' settled pages. */
export function oneStateOpenMs(b: BrowserFigures | null): number | null {
  const v = (b?.realOpen ?? []).flatMap((r) => (r.oneStateOpenMs === null ? [] : [r.oneStateOpenMs]));
  return v.length ? median(v) : null;
}

/** The worst real definition by `f` (the worst file of the 20 judges a ratio), with its Node figure. */
function worstReal(b: BrowserFigures | null, realNode: readonly RealNodeFigure[]) {
  const real = (b?.realOpen ?? []).map((r) => ({ r, n: realNode.find((f) => f.path === r.path) })).filter((p) => p.n);
  return (f: (p: (typeof real)[number]) => number | null) => {
    let best: { v: number; p: (typeof real)[number] } | null = null;
    for (const p of real) {
      const v = f(p);
      if (v !== null && (best === null || v > best.v)) best = { v, p };
    }
    return best;
  };
}

/**
 * The two start-up ratios (also printed alone by `npm run bench -- --only start`): navigation → first node over a
 * blank page of the same bundle, and navigation with a real definition → its stable graph over that blank page
 * plus Node's load + graph + layout of the same file (the worst of the real definitions).
 */
export function startRatios(
  b: BrowserFigures | null,
  realNode: readonly RealNodeFigure[],
): { start: RatioRow; cold: RatioRow } {
  const cold = worstReal(
    b,
    realNode,
  )((p) => div(p.r.coldMs, b?.blankPageMs == null ? null : b.blankPageMs + p.n!.pipelineMs));
  return {
    start: {
      name: 'startRatio',
      value: div(b?.startToInteractiveMs, b?.blankPageMs),
      target: '≤ 1.5×',
      ours: `${msText(b?.startToInteractiveMs)} start → first node`,
      floor: `${msText(b?.blankPageMs)} blank page, same bundle`,
    },
    cold: {
      name: 'realColdMaxRatio',
      value: cold?.v ?? null,
      target: '≤ 1.5×',
      ours: cold ? `${msText(cold.p.r.coldMs)} navigation → stable graph (${cold.p.r.path})` : '—',
      floor: cold ? `${msText((b?.blankPageMs ?? 0) + cold.p.n!.pipelineMs)} blank page + Node pipeline` : '—',
    },
  };
}

export function floorRatios(x: Inputs): { rows: RatioRow[]; headline: Record<string, number | null> } {
  const b = x.browser;
  const rows: RatioRow[] = [];
  const add = (
    name: string,
    ours: number | null | undefined,
    floor: number | null | undefined,
    target: string,
    oursLabel: string,
    floorLabel: string,
    /** The ratio when it is not ours ÷ floor of the medians (the median of paired rounds' ratios). */
    value: number | null = div(ours, floor),
  ) =>
    rows.push({
      name,
      value,
      target,
      ours: `${msText(ours)} ${oursLabel}`,
      floor: `${msText(floor)} ${floorLabel}`,
    });

  const start = startRatios(b, x.realNode);
  rows.push(start.start);
  add(
    `validate${x.validationSize}Ratio`,
    x.validation.oursMs,
    x.validation.librariesMs,
    '≤ 1.3×',
    'validateDocument',
    'ASLS + asl-validator alone',
  );
  const screen = (n: number) => b?.aslOpen.find((o) => o.states === n)?.ms ?? null;
  const node = (n: number) =>
    n === x.bigAsl?.states ? x.bigAsl.pipeline.median : (x.asl.find((r) => r.states === n)?.pipeline ?? null);
  for (const [n, target] of [
    [1000, '≤ 1.5×'],
    [5000, '≤ 2×'],
    [20_000, '≤ 2×'],
  ] as const)
    add(`asl${n}ScreenRatio`, screen(n), node(n), target, 'file → graph on screen', 'Node load+graph+layout');
  const one = x.xray.find((r) => r.traces === 1 && r.spans === 100_000);
  const paired = 'JSON.parse (median ratio of paired rounds)';
  add(
    'xray100kNodeRatio',
    one?.pipeline.median,
    one?.floor.median,
    '≤ 2×',
    'text → traces + map',
    paired,
    one ? one.pipelineOverFloor : null,
  );
  const map = x.xray.find((r) => r === x.serviceMapSet);
  add(
    'xrayMap100kNodeRatio',
    map?.pipeline.median,
    map?.floor.median,
    '≤ 2×',
    'text → traces + map',
    paired,
    map ? map.pipelineOverFloor : null,
  );
  add(
    'xrayMap100kPageRatio',
    b?.serviceMap100kMs,
    b?.pageJsonFloor100kMs,
    '≤ 2.5×',
    'file → map on screen',
    'JSON.parse in the page',
  );
  const mem = (prefix: string) => x.memory.find((m) => m.input.startsWith(prefix));
  for (const [name, m] of [
    ['xray100kMemoryRatio', mem('1 trace × 100,000 spans')],
    ['xrayMap100kMemoryRatio', mem(`${x.mapTraces.toLocaleString('en')} traces`)],
  ] as const) {
    rows.push({
      name,
      value: m ? m.retainedHeap / m.inputBytes : null,
      target: '≤ 2.5×',
      ours: m ? `${mbText(m.retainedHeap)} heap retained` : '—',
      floor: m ? `${mbText(m.inputBytes)} input text` : '—',
    });
  }
  // Real definitions: the worst file of the 20 judges the ratio.
  const worst = worstReal(b, x.realNode);
  const open = worst((p) => div(p.r.openMs, p.n!.pipelineMs));
  rows.push({
    name: 'realOpenMaxRatio',
    value: open?.v ?? null,
    target: '≤ 1.5×',
    ours: open ? `${msText(open.p.r.openMs)} file → stable graph (${open.p.r.path})` : '—',
    floor: open ? `${msText(open.p.n!.pipelineMs)} Node load+graph+layout` : '—',
  });
  // The same open in a page that has settled, judged against the page's fixed cost of any open (a one-state
  // machine, median over the files' pages) plus Node's pipeline of the file: Node lays most real files out in
  // 1–2 ms, so the ratio above mostly measures the page's fixed cost (file read, worker round trip, first render).
  const fixed = oneStateOpenMs(b);
  const settledOpen = worst((p) => div(p.r.settledOpenMs, fixed === null ? null : fixed + p.n!.pipelineMs));
  rows.push({
    name: 'realOpenPageMaxRatio',
    value: settledOpen?.v ?? null,
    target: '≤ 1.5×',
    ours: settledOpen
      ? `${msText(settledOpen.p.r.settledOpenMs)} file → stable graph, settled page (${settledOpen.p.r.path})`
      : '—',
    floor: settledOpen
      ? `${msText((fixed ?? 0) + settledOpen.p.n!.pipelineMs)} one-state open in the page + Node load+graph+layout`
      : '—',
  });
  rows.push(start.cold);
  const pageLayout = worst((p) => p.r.layoutMs);
  const nodeLayout = x.realNode.reduce<RealNodeFigure | null>(
    (m, f) => (m === null || f.layoutMs > m.layoutMs ? f : m),
    null,
  );
  const headline: Record<string, number | null> = {};
  for (const r of rows) headline[r.name] = r.value;
  headline.realLayoutMaxMs = pageLayout?.v ?? null;
  headline.realLayoutNodeMaxMs = nodeLayout?.layoutMs ?? null;
  rows.push({
    name: 'realLayoutMaxMs (absolute)',
    value: null,
    target: '≤ 100 ms',
    ours: pageLayout
      ? `${msText(pageLayout.v)} status bar, median of the opens right after start (${pageLayout.p.r.path})`
      : '—',
    floor: nodeLayout ? `${msText(nodeLayout.layoutMs)} Node layout (${nodeLayout.path})` : '—',
  });
  return { rows, headline };
}
