/**
 * A caught Parallel or Map names the error it caught. ParallelStateFailed and MapStateFailed carry no error, so it
 * comes from the failed run inside (TaskFailed and the like), or, for a Fail state inside (which records no error
 * in the history), from the `{"Error", "Cause"}` the Catch wrote into the output. Held against the real histories
 * in test/corpus/sfn-history (recorded by LocalStack's snapshot tests against AWS): every caught Parallel/Map
 * whose output holds the Catch's Error is named with it. The failed-child rule is checked on the order-processing
 * sample, where the child's TaskFailed error and the Catch output agree (an independent check of that rule).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHistory, findHistories } from '../../../shared/sfn/history.ts';
import { CORPUS } from '../../support/corpus.ts';

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.json') ? [path.join(dir, d.name)] : [],
    );
}

describe('caught Parallel and Map name the caught error (corpus)', () => {
  it('the failed run inside names it, and agrees with the Catch output', () => {
    const sample = JSON.parse(
      fs.readFileSync(
        new URL('../../../samples/history/order-processing-payment-declined.json', import.meta.url),
        'utf8',
      ),
    );
    const r = analyzeHistory(sample);
    const parallel = r.runs.find((x) => x.name === 'Process Order')!;
    expect(parallel).toMatchObject({ status: 'caught', error: 'PaymentDeclined' });
    expect(findErrorField(parallel.output)).toBe('PaymentDeclined');
    expect(r.states['Process Order']!.error).toBe('PaymentDeclined');
  });

  it('agrees with the Catch output wherever the output records it', () => {
    let caught = 0;
    let named = 0;
    let withOutputError = 0;
    let agree = 0;
    for (const file of files(path.join(CORPUS, 'sfn-history'))) {
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      for (const { history } of findHistories(json)) {
        let report;
        try {
          report = analyzeHistory(history);
        } catch {
          continue;
        }
        for (const run of report.runs) {
          if (run.status !== 'caught' || (run.type !== 'Parallel' && run.type !== 'Map')) continue;
          caught++;
          if (run.error !== undefined) named++;
          const out =
            typeof run.output === 'string'
              ? (() => {
                  try {
                    return JSON.parse(run.output as string);
                  } catch {
                    return undefined;
                  }
                })()
              : run.output;
          const recorded = findErrorField(out);
          if (recorded !== undefined) {
            withOutputError++;
            if (recorded === run.error) agree++;
          }
        }
      }
    }
    console.info(
      `caught Parallel/Map runs: ${caught}; error named: ${named}; Catch output with Error: ${withOutputError}; agreeing: ${agree}`,
    );
    expect(caught).toBeGreaterThan(0);
    expect(agree).toBe(withOutputError);
  });
});

/** The `Error` a Catch wrote into the output (`{"Error": …, "Cause": …}` at any depth up to 3). */
function findErrorField(v: unknown, depth = 0): string | undefined {
  if (!v || typeof v !== 'object' || depth > 3) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.Error === 'string' && 'Cause' in o) return o.Error;
  for (const x of Object.values(o)) {
    const found = findErrorField(x, depth + 1);
    if (found) return found;
  }
  return undefined;
}
