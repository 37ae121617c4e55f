/**
 * The prebuilt CLI as a pipeline runs it: wall time of whole processes, each next to its floor measured in the same
 * run — `node` starting an empty script (the least any Node CLI can cost), and for validation of a large file the
 * same validation called in this process. Medians of fresh processes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDocument } from '../electron/host/asl-validate.ts';
import { loadDocument } from '../shared/asl/load.ts';
import { generateAsl } from './gen-asl.ts';
import { median } from './stats.ts';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
/** What `statescope` runs: bin.mjs, which loads the prebuilt bundle (built just before measuring). */
const BUNDLE = path.join(ROOT, 'electron', 'cli', 'bin.mjs');

export interface CliFigures {
  /** `node -e ''`: starting Node itself. */
  nodeFloorMs: number;
  /** `statescope --help`. */
  cliStartMs: number;
  /** `statescope validate` of the 17-state sample. */
  cliValidateSmallMs: number;
  /** `statescope validate` of a generated 1,000-state file. */
  cliValidate1000Ms: number;
  /** The same 1,000-state validation in this (warm) process: load + validate. */
  inProcessValidate1000Ms: number;
  cliStartRatio: number;
  cliValidate1000Ratio: number;
  runs: number;
}

function wall(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

export async function benchCli(runs = 7): Promise<CliFigures> {
  {
    const built = spawnSync(process.execPath, ['electron/build.mjs', 'cli'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the CLI failed');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-bench-cli-'));
  try {
    const big = path.join(dir, 'big.asl.json');
    const bigText = JSON.stringify(generateAsl(1000), null, 2);
    fs.writeFileSync(big, bigText);
    const small = path.join(ROOT, 'samples', 'asl', 'order-processing.asl.json');
    const nodeFloorMs = wall(['-e', ''], runs);
    const cliStartMs = wall([BUNDLE, '--help'], runs);
    const cliValidateSmallMs = wall([BUNDLE, 'validate', small], runs);
    const cliValidate1000Ms = wall([BUNDLE, 'validate', big], Math.max(3, Math.ceil(runs / 2)));
    const inProcess: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await validateDocument(await loadDocument(big, bigText));
      inProcess.push(performance.now() - t0);
    }
    const inProcessValidate1000Ms = median(inProcess.slice(1));
    return {
      nodeFloorMs,
      cliStartMs,
      cliValidateSmallMs,
      cliValidate1000Ms,
      inProcessValidate1000Ms,
      cliStartRatio: cliStartMs / nodeFloorMs,
      cliValidate1000Ratio: cliValidate1000Ms / inProcessValidate1000Ms,
      runs,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx bench/cli.ts`: these figures alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const f = await benchCli();
  for (const [k, v] of Object.entries(f)) console.log(`${k}: ${Math.round(v * 100) / 100}`);
}
