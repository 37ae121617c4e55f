/**
 * Paired A/B of cold opens from a link: two web-mode hosts in this process, one per worktree (each serving its own
 * out/renderer), the same browser; for each of the 20 largest real definitions a page of each host, in random
 * order, one right after the other, so the machine's load weighs on both alike. Prints each pair and the paired
 * differences. `npx tsx bench/cold-pair.ts A_ROOT B_ROOT [--rounds N]`, each root a worktree with its renderer built.
 * On a shared machine whose load moves by a factor of two within minutes, runs of `npm run bench -- --only start`
 * taken one after the other could not tell a change from the load; adjacent pages of the two builds can.
 */
import os from 'node:os';
import path from 'node:path';
import { coldReal, launchBenchBrowser, startWorktreeWeb } from './browser.ts';
import { median } from './stats.ts';
import { largestRealDefinitions } from './real.ts';
import { option } from './args.ts';

const [aRoot, bRoot] = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const rounds = Number(option('--rounds') ?? 2);
const CORPUS = path.join(aRoot!, 'test', 'corpus');

const defs = await largestRealDefinitions(20);
const hosts = {
  a: await startWorktreeWeb('statescope-pair-', aRoot!, CORPUS),
  b: await startWorktreeWeb('statescope-pair-', bRoot!, CORPUS),
};
const browser = await launchBenchBrowser();
/** One cold open from a link on host `which`, measured as the benchmark measures it (`coldReal`). */
const cold = (which: 'a' | 'b', file: string) => coldReal(browser, hosts[which].web.url, file);
const diffs: number[] = [];
const all = { a: [] as number[], b: [] as number[] };
try {
  // One warm-up page each (OS file cache, the hosts' first layouts).
  await cold('a', path.join(CORPUS, defs[0]!.path));
  await cold('b', path.join(CORPUS, defs[0]!.path));
  for (let r = 0; r < rounds; r++) {
    for (const def of defs) {
      const file = path.join(CORPUS, def.path);
      const order: ('a' | 'b')[] = Math.random() < 0.5 ? ['a', 'b'] : ['b', 'a'];
      const got: Record<string, number> = {};
      for (const w of order) got[w] = await cold(w, file);
      all.a.push(got.a!);
      all.b.push(got.b!);
      diffs.push(got.b! - got.a!);
      console.log(
        `${String(Math.round(got.a!)).padStart(6)} ${String(Math.round(got.b!)).padStart(6)}  ${order.join('')}  ${path.basename(def.path)}  load ${os.loadavg()[0].toFixed(1)}`,
      );
    }
  }
} finally {
  await browser.close();
  for (const h of Object.values(hosts)) await h.close();
}
const q = (xs: number[], p: number) =>
  [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
console.log(
  `A ${aRoot}: median ${median(all.a).toFixed(0)} p90 ${q(all.a, 0.9).toFixed(0)} max ${Math.max(...all.a).toFixed(0)}`,
);
console.log(
  `B ${bRoot}: median ${median(all.b).toFixed(0)} p90 ${q(all.b, 0.9).toFixed(0)} max ${Math.max(...all.b).toFixed(0)}`,
);
console.log(
  `B - A paired: median ${median(diffs).toFixed(0)} ms; B faster in ${diffs.filter((d) => d < 0).length} of ${diffs.length} pairs`,
);
process.exit(0);
