/**
 * Paired A/B of the Node X-Ray pipeline (text → traces + service map, as bench/xray-node.ts times it) between two
 * worktrees, in one process: `npx tsx bench/xray-pair.ts A_ROOT B_ROOT [--rounds N] [--many]`. Each round runs both
 * on the same text, in alternating order, so the machine's load weighs on both alike; prints the medians and the
 * median of the per-round ratios B ÷ A; each run after a full garbage collection (xray-steps.ts). One trace of
 * 100,000 spans, (`--many`) 1,000 traces × 100 spans, or (`--real`) one trace of about 100,000 spans made of the
 * X-Ray developer guide's example documents (gen-xray.ts `devGuideTrace`).
 * Runs of bench/xray-node.ts taken one after the other moved by a third between themselves on a shared machine.
 */
import path from 'node:path';
import { pairInput } from './gen-xray.ts';
import { collect } from './xray-steps.ts';
import { pairedSummary } from './stats.ts';
import { flag, option } from './args.ts';

const [aRoot, bRoot] = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!aRoot || !bRoot) {
  process.stderr.write('usage: npx tsx bench/xray-pair.ts A_ROOT B_ROOT [--rounds N] [--many | --real]\n');
  process.exit(2);
}
const rounds = Number(option('--rounds') ?? 15);
const { label, text } = pairInput({ many: flag('--many'), real: flag('--real') });

type Pipeline = (text: string) => number;

/** The worktree's own loadXray and computeServiceMap, timed together. */
async function pipeline(root: string): Promise<Pipeline> {
  const { loadXray } = (await import(
    path.resolve(root, 'shared', 'xray', 'load.ts')
  )) as typeof import('../shared/xray/load.ts');
  const { computeServiceMap } = (await import(
    path.resolve(root, 'shared', 'xray', 'service-map.ts')
  )) as typeof import('../shared/xray/service-map.ts');
  return (text) => {
    collect();
    const t0 = performance.now();
    computeServiceMap(loadXray([{ name: 'pair.json', text }]).traces);
    return performance.now() - t0;
  };
}

const a = await pipeline(aRoot);
const b = await pipeline(bRoot);
// Two warm-up rounds each, not counted.
for (let i = 0; i < 2; i++) {
  a(text);
  b(text);
}
const as: number[] = [];
const bs: number[] = [];
for (let r = 0; r < rounds; r++) {
  let ax: number;
  let by: number;
  if (r % 2 === 0) {
    ax = a(text);
    by = b(text);
  } else {
    by = b(text);
    ax = a(text);
  }
  as.push(ax);
  bs.push(by);
}
console.log(`${label}, ${rounds} rounds: ${pairedSummary(as, bs)}`);
