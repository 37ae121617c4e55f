/**
 * The prebuilt CLI as a pipeline runs it: wall time of whole processes, each next to its floor measured in the same
 * run — `node` starting an empty script (the least any Node CLI can cost), and for validation of a large file the
 * same validation called in this process. Medians of fresh processes.
 *
 * The CLI turns on Node's on-disk compile cache (bin.mjs, checker-worker.ts: `module.enableCompileCache()`), so a
 * process's cost depends on what an earlier one left there. Both cases are measured, each with a cache directory of
 * its own (NODE_COMPILE_CACHE, which the CLI's call honours): the usual case, a cache written by an earlier run of
 * the same build (`cliValidate1000Ms`, the figure `cliValidate1000Ratio` uses), and the first run after installing
 * or rebuilding, with an empty cache directory each time, whose compiling and writing of the cache it pays
 * (`cliValidate1000FirstRunMs`).
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
  /** `statescope validate` of a generated 1,000-state file, compile cache written by an earlier run. */
  cliValidate1000Ms: number;
  /** The same with an empty compile-cache directory: the first run after an install or a rebuild. */
  cliValidate1000FirstRunMs: number;
  /** The same 1,000-state validation in this (warm) process: load + validate. */
  inProcessValidate1000Ms: number;
  cliStartRatio: number;
  /** Warm compile cache ÷ in process. */
  cliValidate1000Ratio: number;
  /** Empty compile cache ÷ in process. */
  cliValidate1000FirstRunRatio: number;
  /**
   * CPU time of the same: the whole process (every thread) for the CLI, the measuring thread in process; null
   * where the system does not tell it (the CLI's from Linux's /proc). Steadier than wall time on a loaded machine.
   */
  cliValidate1000CpuMs: number | null;
  cliValidate1000FirstRunCpuMs: number | null;
  inProcessValidate1000CpuMs: number | null;
  runs: number;
}

/** The environment of a CLI process whose compile cache is `cacheDir` (`() => string`: a new one for each run). */
function cacheEnv(cacheDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: cacheDir };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  return env;
}

/**
 * CPU time (user + system, ms) of the child processes this process has waited for: Linux's /proc/self/stat
 * (cutime, cstime, in clock ticks of 10 ms); undefined where there is none. On a loaded machine a process's CPU
 * time moves far less than its wall time.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Median wall time of `runs` fresh processes, and their median CPU time where the system tells it. */
function timed(args: string[], runs: number, cacheDir: string | (() => string)): { ms: number; cpuMs: number | null } {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const env = cacheEnv(typeof cacheDir === 'string' ? cacheDir : cacheDir());
    const cpu0 = childrenCpuMs();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    times.push(performance.now() - t0);
    const cpu1 = childrenCpuMs();
    if (cpu0 !== undefined && cpu1 !== undefined) cpu.push(cpu1 - cpu0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { ms: median(times), cpuMs: cpu.length === runs ? median(cpu) : null };
}

function wall(args: string[], runs: number, cacheDir: string | (() => string)): number {
  return timed(args, runs, cacheDir).ms;
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
    const cache = path.join(dir, 'compile-cache');
    // One unmeasured run of each command fills the cache the warm figures read.
    wall([BUNDLE, '--help'], 1, cache);
    wall([BUNDLE, 'validate', small], 1, cache);
    wall([BUNDLE, 'validate', big], 1, cache);
    const nodeFloorMs = wall(['-e', ''], runs, cache);
    const cliStartMs = wall([BUNDLE, '--help'], runs, cache);
    const cliValidateSmallMs = wall([BUNDLE, 'validate', small], runs, cache);
    const bigRuns = Math.max(3, Math.ceil(runs / 2));
    const warm = timed([BUNDLE, 'validate', big], bigRuns, cache);
    let firstRuns = 0;
    const first = timed([BUNDLE, 'validate', big], bigRuns, () => path.join(dir, `empty-cache-${firstRuns++}`));
    const inProcess: number[] = [];
    const inProcessCpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cpu0 = process.threadCpuUsage?.();
      const t0 = performance.now();
      await validateDocument(await loadDocument(big, bigText));
      inProcess.push(performance.now() - t0);
      const cpu = cpu0 && process.threadCpuUsage(cpu0);
      if (cpu) inProcessCpu.push((cpu.user + cpu.system) / 1000);
    }
    const inProcessValidate1000Ms = median(inProcess.slice(1));
    const cliValidate1000Ms = warm.ms;
    const cliValidate1000FirstRunMs = first.ms;
    return {
      nodeFloorMs,
      cliStartMs,
      cliValidateSmallMs,
      cliValidate1000Ms,
      cliValidate1000FirstRunMs,
      inProcessValidate1000Ms,
      cliValidate1000CpuMs: warm.cpuMs,
      cliValidate1000FirstRunCpuMs: first.cpuMs,
      inProcessValidate1000CpuMs: inProcessCpu.length === runs ? median(inProcessCpu.slice(1)) : null,
      cliStartRatio: cliStartMs / nodeFloorMs,
      cliValidate1000Ratio: cliValidate1000Ms / inProcessValidate1000Ms,
      cliValidate1000FirstRunRatio: cliValidate1000FirstRunMs / inProcessValidate1000Ms,
      runs,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx bench/cli.ts`: these figures alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const f = await benchCli();
  for (const [k, v] of Object.entries(f))
    console.log(`${k}: ${v === null ? 'not measured' : Math.round(v * 100) / 100}`);
}
