import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main.ts';
import { analyzeHistory } from '../../../shared/sfn/history.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEF = 'samples/asl/order-processing.asl.json';
const INPUT = 'samples/mocks/order-processing.input.json';
const MOCKS = 'samples/mocks/order-processing.mocks.json';
let dir: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await main(args, { stdout, stderr, cwd: ROOT, env: process.env });
  return { code, stdout: out, stderr: err };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-run-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('statescope run', () => {
  it('runs the sample with a Step Functions Local mock file and prints an analysable history', async () => {
    const r = await cli(['run', DEF, '--input', INPUT, '--mocks', MOCKS, '--test-case', 'ValidationRetried', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; path: string[]; events: unknown[] };
    expect(out.status).toBe('SUCCEEDED');
    expect(out.path).toContain('Process Order[2] › Pack Items[1] › Print Label');
    const report = analyzeHistory({ events: out.events });
    expect(report.status).toBe('succeeded');
    expect(report.states['Validate Order']?.retries).toBe(2);
  });
  it('exit 2 naming the Task without a mock; 2 on bad usage; 1 when the execution fails', async () => {
    const none = await cli(['run', DEF, '--input', INPUT]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/"Validate Order" has no mocked response/);
    expect((await cli(['run'])).code).toBe(2);
    expect((await cli(['run', DEF, '--mocks', MOCKS])).stderr).toMatch(
      /several test cases \(HappyPath, ValidationRetried\)/,
    );
    const mocks = path.join(dir, 'fail.json');
    fs.writeFileSync(
      mocks,
      JSON.stringify({ 'Validate Order': { errorOutput: { error: 'ValidationError', cause: 'no items' } } }),
    );
    const failed = await cli(['run', DEF, '--input', INPUT, '--mocks', mocks]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/FAILED: /);
  });
  it('--replay re-runs a recorded history and says whether it departs', async () => {
    const history = path.join(dir, 'history.json');
    expect(
      (await cli(['run', DEF, '--input', INPUT, '--mocks', MOCKS, '--test-case', 'HappyPath', '--history', history]))
        .code,
    ).toBe(0);
    expect(analyzeHistory(JSON.parse(fs.readFileSync(history, 'utf8'))).status).toBe('succeeded');
    const same = await cli(['run', DEF, '--replay', history]);
    expect(same.stdout).toMatch(/Agrees with the recorded execution/);
    expect(same.code).toBe(0);
    const edited = JSON.parse(fs.readFileSync(path.join(ROOT, DEF), 'utf8')) as {
      States: Record<string, Record<string, unknown>>;
    };
    edited.States['Notify Customer']!.ResultPath = '$.notified';
    const def2 = path.join(dir, 'edited.asl.json');
    fs.writeFileSync(def2, JSON.stringify(edited));
    const departs = await cli(['run', def2, '--replay', history]);
    expect(departs.code).toBe(1);
    expect(departs.stdout).toMatch(/Departs from the recorded execution/);
  });
});

describe('statescope dataflow', () => {
  it('prints each stage and the TestState-shaped result', async () => {
    const result = path.join(dir, 'r.json');
    fs.writeFileSync(result, JSON.stringify({ StatusCode: 200, Payload: { valid: true, total: 9 } }));
    const r = await cli(['dataflow', DEF, '--state', 'Validate Order', '--input', INPUT, '--result', result, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      status: string;
      nextState: string;
      inspectionData: Record<string, string>;
      stages: { stage: string }[];
    };
    expect(out).toMatchObject({ status: 'SUCCEEDED', nextState: 'Check Inventory' });
    expect(JSON.parse(out.inspectionData.afterResultSelector!)).toEqual({ valid: true, total: 9 });
    expect(out.stages.map((s) => s.stage)).toEqual([
      'input',
      'afterInputPath',
      'afterParameters',
      'result',
      'afterResultSelector',
      'afterResultPath',
      'output',
    ]);
  });
  it('names the stage that fails', async () => {
    const r = await cli([
      'dataflow',
      DEF,
      '--state',
      'Reserve Stock',
      '--input',
      path.relative(ROOT, path.join(ROOT, 'samples/mocks/order-processing.mocks.json')),
      '--result',
      INPUT,
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { status: string; error: string; failedStage: string };
    expect(out).toMatchObject({ status: 'FAILED', error: 'States.Runtime', failedStage: 'afterParameters' });
  });
});
