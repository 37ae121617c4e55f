/**
 * `statescope graph DEF --execution HISTORY.json --json`: each state carries the status and time the history
 * gives it, and validation findings travel in the same report.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const BIN = path.join(ROOT, 'electron', 'cli', 'bin.mjs');

function cli(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('graph --execution', () => {
  it('adds status and durationMs from a declined-payment history', () => {
    const run = cli([
      'graph',
      'samples/asl/order-processing.asl.json',
      '--execution',
      'samples/history/order-processing-payment-declined.json',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const states = new Map<string, { status?: string; durationMs?: number }>(
      report.stateMachines[0].states.map((s: { name: string }) => [s.name, s]),
    );
    expect(report.execution.status).toBe('failed');
    expect(states.get('Validate Order')?.status).toBe('succeeded');
    expect(typeof states.get('Validate Order')?.durationMs).toBe('number');
    expect(states.get('Process Order')?.status).toBe('caught');
    expect(states.get('Done')?.status).toBe('not-run');
    for (const s of states.values()) expect(s.status).toBeDefined();
  });

  it('refuses a file that is not a history, with exit 2', () => {
    const run = cli([
      'graph',
      'samples/asl/order-processing.asl.json',
      '--execution',
      'samples/asl/order-processing.asl.json',
      '--json',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not an execution history/);
  });

  it('carries validator findings in the report and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-graph-'));
    const file = path.join(dir, 'no-end.asl.json');
    fs.writeFileSync(file, '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}');
    const run = cli(['graph', file, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const messages = report.stateMachines[0].diagnostics.map((d: { message: string }) => d.message).join('\n');
    expect(messages).toMatch(/never finish|terminal/i);
    const skipped = cli(['graph', file, '--json', '--no-validate']);
    expect(JSON.parse(skipped.stdout).stateMachines[0].diagnostics).toEqual([]);
  });
});
