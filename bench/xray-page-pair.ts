/**
 * Paired A/B of the X-Ray pipeline in a Chromium dedicated worker, where the page's X-Ray worker runs it:
 * `npx tsx bench/xray-page-pair.ts A_ROOT B_ROOT [--rounds N] [--runs K] [--many | --real]`.
 *
 * Each worktree's `loadXray` + `computeServiceMap` is bundled (esbuild, as the CLI's bundles are built) into a
 * worker script of its own. Each round starts a fresh worker of each build, in alternating order, hands it the
 * text (copied before its clock starts) and times text → traces + map inside it, `K` times (default 1), each after
 * a full garbage collection. The first run of a fresh worker is the code's first run, as a file opened in a fresh
 * page meets it; the last of `K` shows the same code warm. Prints the medians and the median of the per-round
 * ratios B ÷ A, for the first and (with K > 1) the last run. Node's own paired figure is bench/xray-pair.ts: the two
 * differ where Chromium costs differ from Node's (pointer compression, typed arrays' backing stores).
 */
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
import { pairInput } from './gen-xray.ts';
import { pairedSummary } from './stats.ts';
import { flag, option } from './args.ts';

const [aRoot, bRoot] = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!aRoot || !bRoot) {
  process.stderr.write(
    'usage: npx tsx bench/xray-page-pair.ts A_ROOT B_ROOT [--rounds N] [--runs K] [--many | --real]\n',
  );
  process.exit(2);
}
const rounds = Number(option('--rounds') ?? 11);
const runs = Math.max(1, Number(option('--runs') ?? 1));
const { label, text } = pairInput({ many: flag('--many'), real: flag('--real') });

/** The worktree's pipeline as a classic worker script: `{ text, runs }` in, each run's milliseconds out. */
async function workerScript(root: string): Promise<string> {
  const load = JSON.stringify(path.resolve(root, 'shared', 'xray', 'load.ts'));
  const map = JSON.stringify(path.resolve(root, 'shared', 'xray', 'service-map.ts'));
  const result = await build({
    stdin: {
      contents: `import { loadXray } from ${load};
import { computeServiceMap } from ${map};
self.onmessage = (e) => {
  const { text, runs } = e.data;
  const ms = [];
  for (let i = 0; i < runs; i++) {
    self.gc();
    const t0 = performance.now();
    computeServiceMap(loadXray([{ name: 'pair.json', text }]).traces);
    ms.push(performance.now() - t0);
  }
  self.postMessage(ms);
};`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

const scripts = [await workerScript(aRoot), await workerScript(bRoot)];
const browser = await chromium.launch({
  ...CHROMIUM_LAUNCH,
  args: [...CHROMIUM_LAUNCH.args, '--js-flags=--expose-gc'],
  headless: true,
});
try {
  const page = await browser.newPage();
  await page.goto('about:blank');
  await page.evaluate(
    ([t, s]) => {
      const w = window as unknown as { text: string; urls: string[] };
      w.text = t;
      w.urls = s.map((code) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    },
    [text, scripts] as const,
  );
  /** A fresh worker of build `which` (0: A, 1: B): its runs' milliseconds. */
  const inWorker = (which: number) =>
    page.evaluate(
      ([k, n]) =>
        new Promise<number[]>((resolve, reject) => {
          const w = window as unknown as { text: string; urls: string[] };
          const worker = new Worker(w.urls[k]!);
          worker.onmessage = (e: MessageEvent<number[]>) => {
            worker.terminate();
            resolve(e.data);
          };
          worker.onerror = (e) => {
            worker.terminate();
            reject(new Error(e.message));
          };
          worker.postMessage({ text: w.text, runs: n });
        }),
      [which, runs] as const,
    );
  // One unmeasured round: the page's and the browser's own first-time work.
  await inWorker(0);
  await inWorker(1);
  const a: number[][] = [];
  const b: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      a.push(await inWorker(0));
      b.push(await inWorker(1));
    } else {
      b.push(await inWorker(1));
      a.push(await inWorker(0));
    }
  }
  const line = (what: string, run: number) =>
    `  ${what}: ${pairedSummary(
      a.map((xs) => xs[run]!),
      b.map((xs) => xs[run]!),
    )}`;
  console.log(`${label}, ${rounds} rounds, a fresh worker each (Chromium ${browser.version()}):`);
  console.log(line("the worker's first run", 0));
  if (runs > 1) console.log(line(`its run ${runs}`, runs - 1));
} finally {
  await browser.close();
}
