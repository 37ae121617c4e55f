/**
 * Floors measured as first runs: the same work as a Node floor of the ratio table, done once in a process of its
 * own, its modules loaded before the clock starts. The page's opens and the CLI are first runs of their code (a
 * fresh page, worker or process compiles and optimises every function as it goes), while the floors are
 * warm medians; on a machine that is slow at first runs the first kind grows far more than the second, and a
 * ratio can move with no change in code. These floors compare like with like. They are printed beside the issue's
 * ratios, for reading them; the ratios and targets stay as they are.
 *
 *   tsx bench/first-run.ts pipeline FILE    load + graph + layout of FILE's first machine (the asl…ScreenRatio floor)
 *   tsx bench/first-run.ts validate FILE    load + validateDocument (the cliValidate1000Ratio floor)
 * each prints {"ms": …}.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.ts';

export type FirstRunKind = 'pipeline' | 'validate';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The median of `runs` fresh processes each doing `kind` once on `text` (written to a temporary file). */
export function firstRunMs(kind: FirstRunKind, text: string, runs: number): { ms: number; samples: number[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-bench-first-run-'));
  try {
    const file = path.join(dir, 'first-run.asl.json');
    fs.writeFileSync(file, text);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, 'first-run.ts'), kind, file], {
        cwd: path.dirname(HERE),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 1 << 20,
      });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status !== 0 || !line.startsWith('{'))
        throw new Error(`first run of ${kind} exited ${r.status}: ${r.stderr}`);
      samples.push((JSON.parse(line) as { ms: number }).ms);
    }
    return { ms: median(samples), samples };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function child(kind: string, file: string): Promise<void> {
  const text = fs.readFileSync(file, 'utf8');
  if (kind === 'pipeline') {
    // The warm floor's own step (real.ts), here run once.
    const { nodePipelineOnce } = await import('./real.ts');
    const { pipelineMs } = await nodePipelineOnce(path.basename(file), text);
    process.stdout.write(JSON.stringify({ ms: pipelineMs }) + '\n');
  } else if (kind === 'validate') {
    const { loadDocument } = await import('../shared/asl/load.ts');
    const { validateDocument } = await import('../electron/host/asl-validate.ts');
    const t0 = performance.now();
    await validateDocument(await loadDocument(file, text));
    process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }) + '\n');
  } else throw new Error(`unknown first-run kind: ${kind}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await child(process.argv[2] ?? '', process.argv[3] ?? '');
  // validateDocument's checkers may keep threads; the figure is written, so end here.
  process.exit(0);
}
