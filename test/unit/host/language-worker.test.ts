/**
 * The host's language worker: validation answers as in-process validation does, while the host's event loop stays
 * free; a run over the limit terminates the worker and a fresh one answers the next request; a crash is a
 * warning; a newer request for a document replaces its queued older one; completion does not wait behind a
 * validation; the bundled worker (out/electron/language-worker.cjs) answers the same.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAsl } from '../../../bench/gen-asl.ts';
import { completeAt } from '../../../electron/host/language.ts';
import { bundledWorkerPath, type LanguageWorkerClient } from '../../../electron/host/language-worker-client.ts';
import { validateNow } from '../../../electron/host/language-worker-tasks.ts';
import { createValidator, validateText } from '../../../electron/host/validate.ts';
import { CORPUS } from '../../support/corpus.ts';

const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const CORPUS_FILES = [
  'asl/invalid/amazon-states-language-service/json-documentChoiceInvalidDefault.asl.json',
  'asl/invalid/amazon-states-language-service/json-documentChoiceInvalidNext.asl.json',
  'asl/valid/amazon-states-language-service/yaml-documentParametersNull.asl.yaml',
  'asl/valid/amazon-states-language-service/json-documentTaskInvalidArn.asl.json',
  'asl/templates/aws-stepfunctions-examples/app-business-rules-orchestration__template.yaml',
];
const BIG = JSON.stringify(generateAsl(5000), null, 2);
const SMALL_BAD = JSON.stringify(
  { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Succeed' } } },
  null,
  2,
);

const clients: LanguageWorkerClient[] = [];
function validator(options: Parameters<typeof createValidator>[0] = {}) {
  const made = createValidator(options);
  clients.push(made.client);
  return made;
}
afterAll(() => {
  for (const client of clients) client.close();
});

function codes(list: { code?: string }[]): (string | undefined)[] {
  return list.map((d) => d.code);
}

describe('language worker: validation', () => {
  it('answers exactly what in-process validation gives, on corpus files (JSON, YAML, a template)', async () => {
    const { validate } = validator();
    for (const rel of CORPUS_FILES) {
      const text = fs.readFileSync(path.join(CORPUS, rel), 'utf8');
      const name = path.basename(rel);
      const expected = await validateNow(name, text);
      const { diagnostics } = await validate(name, text);
      expect(diagnostics, rel).toEqual(expected);
    }
    // The invalid ones really have findings, so the comparison is not between two empty lists.
    const first = await validate('a.asl.json', fs.readFileSync(path.join(CORPUS, CORPUS_FILES[0]), 'utf8'));
    expect(first.diagnostics.length).toBeGreaterThan(0);
  }, 60_000);

  it('keeps the host event loop free while a 5,000-state machine validates', async () => {
    const { validate } = validator({ timeoutMs: 50_000 }); // the loop's freedom is the point, not the speed
    await validate('warm.asl.json', SMALL_BAD); // the worker is started and its libraries loaded
    // Event-loop utilisation: the share of the time the host's loop was busy rather than waiting. In-process this
    // validation keeps the loop busy for its whole run (utilisation near 1); in the worker the loop only waits for
    // the answer. Unlike the longest gap between timer ticks, this does not grow when other processes take the CPU.
    const before = performance.eventLoopUtilization();
    const started = performance.now();
    const { diagnostics } = await validate('big.asl.json', BIG);
    const took = performance.now() - started;
    const busy = performance.eventLoopUtilization(before);
    expect(codes(diagnostics)).not.toContain('validate-timeout');
    expect(codes(diagnostics)).not.toContain('validator-crashed');
    expect(took).toBeGreaterThan(300);
    expect(busy.utilization).toBeLessThan(0.25);
  }, 60_000);

  it('stops a real validation that runs over the limit and answers with the gave-up warning at the limit', async () => {
    // A 20,000-state machine takes several seconds to validate; the limit here is one second.
    const { validate, client } = validator({ timeoutMs: 1000 });
    await validate('warm.asl.json', SMALL_BAD);
    expect(client.started).toBe(1);
    const huge = JSON.stringify(generateAsl(20_000), null, 2);
    const started = performance.now();
    const slow = await validate('huge.asl.json', huge);
    expect(performance.now() - started).toBeLessThan(2500);
    expect(slow.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'validate-timeout',
        message: 'Validation gave up after 1 s.',
      }),
    ]);
  }, 60_000);

  it('terminates a worker that hangs (a synchronous endless loop) and serves the next request from a fresh worker', async () => {
    let spawned = 0;
    const { validate, client } = validator({
      timeoutMs: 2000,
      spawn: () =>
        ++spawned === 1
          ? new Worker(
              "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ type: 'ready' });" +
                "parentPort.on('message', () => { for (;;) {} });",
              { eval: true },
            )
          : new Worker(fileURLToPath(new URL('../../../electron/host/language-worker-boot.mjs', import.meta.url))),
    });
    const hung = await validate('a.asl.json', SMALL_BAD);
    expect(hung.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'validate-timeout',
        message: 'Validation gave up after 2 s.',
      }),
    ]);
    const next = await validate('a.asl.json', SMALL_BAD);
    expect(client.started).toBe(2);
    expect(next.diagnostics).toEqual(await validateNow('a.asl.json', SMALL_BAD));
    expect(next.diagnostics.length).toBeGreaterThan(0);
  }, 60_000);

  it('turns a worker crash into the validator-crashed warning and recovers with a fresh worker', async () => {
    // A worker that starts, then dies on its first request; the second worker it is replaced with is the real one.
    let spawned = 0;
    const { validate, client } = validator({
      spawn: () =>
        ++spawned === 1
          ? new Worker(
              "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ type: 'ready' });" +
                "parentPort.on('message', () => { throw new Error('boom in the validator'); });",
              { eval: true },
            )
          : new Worker(fileURLToPath(new URL('../../../electron/host/language-worker-boot.mjs', import.meta.url))),
    });
    const crashed = await validate('a.asl.json', SMALL_BAD);
    expect(crashed.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'validator-crashed' })]);
    expect(crashed.diagnostics[0].message).toContain('boom in the validator');
    const next = await validate('a.asl.json', SMALL_BAD);
    expect(client.started).toBe(2);
    expect(next.diagnostics).toEqual(await validateNow('a.asl.json', SMALL_BAD));
  }, 60_000);

  it('a worker that cannot start is a warning too, not an unhandled error', async () => {
    const { validate } = validator({ spawn: () => new Worker(path.join(ROOT, 'no-such-language-worker.cjs')) });
    const { diagnostics } = await validate('a.asl.json', SMALL_BAD);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'validator-crashed' })]);
  });

  it('a newer request for a document replaces its queued older one; other documents keep their place', async () => {
    const { validate } = validator();
    await validate('warm.asl.json', SMALL_BAD);
    const older = SMALL_BAD.replaceAll('"B"', '"C"');
    const running = validate('big.asl.json', BIG); // occupies the worker, so the rest queue up
    const stale = validate('doc.asl.json', older);
    const other = validate('other.asl.json', SMALL_BAD);
    const newest = validate('doc.asl.json', SMALL_BAD);
    const order: string[] = [];
    for (const [name, p] of [
      ['running', running],
      ['stale', stale],
      ['other', other],
      ['newest', newest],
    ] as const) {
      void p.then(() => order.push(name));
    }
    const [r, s, o, n] = await Promise.all([running, stale, other, newest]);
    expect(s.diagnostics).toEqual([expect.objectContaining({ severity: 'info', code: 'validate-superseded' })]);
    expect(order[0]).toBe('stale'); // answered at once, not after the long run
    expect(n.diagnostics).toEqual(await validateNow('doc.asl.json', SMALL_BAD));
    expect(n.diagnostics.map((d) => d.state)).toEqual(['B']); // the newest text's finding, not the older one's "C"
    expect(o.diagnostics).toEqual(await validateNow('other.asl.json', SMALL_BAD));
    expect(codes(r.diagnostics)).not.toContain('validate-timeout');
  }, 60_000);
});

describe('language worker: completion beside validation', () => {
  it('answers a completion while a long validation is still running', async () => {
    await validateText('warm.asl.json', SMALL_BAD);
    await completeAt('warm.asl.json', SMALL_BAD, 1);
    const events: string[] = [];
    const validation = validateText('big.asl.json', BIG).then(() => events.push('validated'));
    const cut = SMALL_BAD.indexOf('"Next": "') + '"Next": "'.length;
    const completion = completeAt('m.asl.json', SMALL_BAD, cut).then((result) => {
      events.push('completed');
      return result;
    });
    const result = await completion;
    await validation;
    expect(result.items.map((i) => i.label)).toContain('B');
    expect(events).toEqual(['completed', 'validated']);
  }, 60_000);
});

describe('language worker: the Electron bundle', () => {
  it('finds the worker beside main.cjs, unpacked when main.cjs is inside app.asar', () => {
    expect(bundledWorkerPath('/opt/Statescope/resources/app.asar/out/electron/main.cjs')).toBe(
      '/opt/Statescope/resources/app.asar.unpacked/out/electron/language-worker.cjs',
    );
    expect(bundledWorkerPath('/opt/app/out/electron/main.cjs')).toBe('/opt/app/out/electron/language-worker.cjs');
  });

  it('out/electron/language-worker.cjs (built by electron/build.mjs) answers as the source worker does', async () => {
    const built = spawnSync(process.execPath, ['electron/build.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(built.status, built.stderr).toBe(0);
    const bundle = path.join(ROOT, 'out', 'electron', 'language-worker.cjs');
    const { validate } = validator({ spawn: () => new Worker(bundle) });
    const text = fs.readFileSync(path.join(CORPUS, CORPUS_FILES[0]), 'utf8');
    const { diagnostics } = await validate('a.asl.json', text);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics).toEqual(await validateNow('a.asl.json', text));
    // The main bundle no longer carries the validators: they live in the worker bundle only.
    // (esbuild marks each bundled module with its path in a comment.)
    const validators = /node_modules\/(yaml-language-server|amazon-states-language-service|asl-validator)\//;
    expect(fs.readFileSync(path.join(ROOT, 'out', 'electron', 'main.cjs'), 'utf8')).not.toMatch(validators);
    expect(fs.readFileSync(bundle, 'utf8')).toMatch(validators);
  }, 150_000);
});
