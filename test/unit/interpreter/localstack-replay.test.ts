/**
 * Conformance with real executions: the corpus's LocalStack execution histories were recorded against AWS. Each
 * is paired with a LocalStack definition from the corpus (by LocalStack's test code where it names one, see
 * localstack-pairing.ts and localstack-templates.json), replayed with its recorded input and its recorded Task
 * results/errors as mocks, and compared state by state (path, input, output) and at the end (status, error,
 * output).
 *
 * Every pair that does not agree is explained here, either by a rule (checked on the definition) or by name in
 * KNOWN; a new disagreement makes the test fail until it is fixed or explained.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../support/corpus.ts';
import { replayCorpus, type PairResult } from './localstack-pairing.ts';

const REASONS = {
  itemReader:
    'The Map reads its items from S3 (ItemReader), and the objects are not in the history; the run stops asking for a mock of the Map state, as TestState needs one for a state that calls a service.',
  placeholder:
    'The stored template has placeholders (_tbd_, __tbd__, %…%, <%…%>, an empty ErrorEquals) that the LocalStack test replaces before running, so the stored definition is not the one that ran.',
  testEdits:
    "LocalStack's test code edits the template before running it (template[…] = …, .update(…), .replace(…)), so the stored definition is not the one that ran.",
  ambiguous: 'Paired by content (the test code names no template), and several corpus templates fit equally well.',
  normalised:
    'LocalStack normalised a recorded value the run depends on (timestamps stored as "date"/"<timestamp>", Task outputs as "stateExitedEventDetails.output" with their event links), so the replay cannot be driven by it.',
  serviceValidation:
    'AWS rejected the Parameters of an optimised integration against the service request shape (API Gateway Headers) before calling it; per-service request validation is not modelled.',
  resultWriter:
    'ResultWriter writes the Map results to S3 and the state output becomes MapRunArn + ResultWriterDetails; writing results to S3 is not modelled.',
  concurrency:
    'AWS started all Map iterations before the first failed and aborted the rest; the local run takes iterations in order and stops at the first failure. Status and error agree; the path differs.',
  stoppedByTest:
    'The test called StopExecution while the machine was waiting; the recorded run ends aborted, the local run goes on.',
} as const;

const KNOWN: Record<string, keyof typeof REASONS> = {
  test_apigetway_task_service__test_invoke_with_headers_singleStringHeader___get_execution_history: 'serviceValidation',
  test_base_scenarios__test_map_state_result_writer__get_execution_history: 'resultWriter',
  test_base_scenarios__test_parallel_state_lambda__get_execution_history: 'normalised',
  test_base_scenarios__test_wait_timestamp_jsonata__get_execution_history: 'normalised',
  test_base_scenarios__test_wait_timestamp_path__get_execution_history: 'normalised',
  test_wait__test_wait_timestamppath_Z___get_execution_history: 'normalised',
  test_sfn_api__test_stop_execution__exec_hist_resp: 'stoppedByTest',
  test_timeouts__test_service_lambda_map_timeout__get_execution_history: 'concurrency',
};

const PLACEHOLDER = /_tbd_|__tbd__|%[A-Z_]+%|<%|"ErrorEquals":\s*\[\s*\]/;

function reason(r: PairResult): keyof typeof REASONS | undefined {
  const key = r.history.replace(/^.*\//, '').replace(/\.json$/, '');
  if (KNOWN[key]) return KNOWN[key];
  const text = r.definition ? fs.readFileSync(CORPUS + r.definition, 'utf8') : '';
  if (r.outcome === 'stopped' && text.includes('ItemReader')) return 'itemReader';
  if (PLACEHOLDER.test(text)) return 'placeholder';
  if (r.testEditsTemplate) return 'testEdits';
  if (r.ambiguous) return 'ambiguous';
  return undefined;
}

describe('LocalStack parity histories (recorded against AWS)', () => {
  it('replays every pairable history; each disagreement is explained', async () => {
    const results = await replayCorpus();
    const paired = results.filter((r) => r.outcome !== 'unpaired');
    const agree = results.filter((r) => r.outcome === 'agree');
    const byTestCode = paired.filter((r) => r.pairedBy === 'test-code');
    const byTestCodeAgree = byTestCode.filter((r) => r.outcome === 'agree');
    const byReason: Record<string, number> = {};
    const unexplained: string[] = [];
    for (const r of paired) {
      if (r.outcome === 'agree') continue;
      const why = reason(r);
      if (!why)
        unexplained.push(
          `${r.history} (${r.definition}): ${JSON.stringify(r.differences[0] ?? r.message).slice(0, 300)}`,
        );
      else byReason[why] = (byReason[why] ?? 0) + 1;
    }
    console.log(
      `LocalStack histories: ${results.length} histories, ${paired.length} paired (${byTestCode.length} by the test code), ` +
        `${agree.length} agree (${byTestCodeAgree.length}/${byTestCode.length} of those paired by the test code); the rest by reason:\n` +
        Object.entries(byReason)
          .map(([why, n]) => `  ${n} × ${why}: ${REASONS[why as keyof typeof REASONS]}`)
          .join('\n'),
    );
    expect(unexplained, unexplained.join('\n')).toEqual([]);
    expect(results.length).toBe(590);
    expect(paired.length).toBeGreaterThanOrEqual(578);
    expect(byTestCode.length).toBeGreaterThanOrEqual(570);
    expect(agree.length).toBeGreaterThanOrEqual(512);
    // A stop always names the state that needs a mock.
    for (const s of results.filter((r) => r.outcome === 'stopped'))
      expect(s.message).toMatch(
        /^The (Task state|Map state \(ItemReader\)) "[^"]+" (has no mocked response|was called)/,
      );
  });
});
