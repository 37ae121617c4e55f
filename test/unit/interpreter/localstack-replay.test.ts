/**
 * Conformance with real executions: the corpus's LocalStack execution histories were recorded against AWS. Each
 * is paired with a LocalStack definition from the corpus (see localstack-pairing.ts), replayed with its recorded
 * input and its recorded Task results/errors as mocks, and compared state by state (path, input, output) and at
 * the end (status, error, output).
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
  ambiguous: 'Several corpus templates fit the history equally well; the one picked is not the one the test ran.',
  parametrised: 'The test substitutes part of the template per parametrised case (the path, Items, the Condition, the ItemSelector), so the stored template is not the one that ran.',
  notInCorpus: "The test's template is not in the corpus; the closest one by content has other Parameters/Output, so the run departs.",
  normalised:
    'LocalStack normalised a recorded value the run depends on (timestamps stored as "date"/"<timestamp>", outputs as "stateExitedEventDetails.output" with their event links), so the replay cannot be driven by it.',
  serviceValidation:
    'AWS rejected the Parameters of an optimised integration against the service request shape (API Gateway Headers) before calling it; per-service request validation is not modelled.',
  resultWriter: 'ResultWriter writes the Map results to S3 and the state output becomes MapRunArn + ResultWriterDetails; writing results to S3 is not modelled.',
  concurrency:
    'AWS started all Map iterations before the first failed and aborted the rest; the local run takes iterations in order and stops at the first failure. Status and error agree; the path differs.',
  templateVersion: 'The corpus template is a later version than the one recorded (its Parameters name the fields differently).',
  namePairing: 'Two templates fit the history by content; the test id shares more words with the other one (data_limit_exceeded vs catch_all).',
} as const;

const KNOWN: Record<string, keyof typeof REASONS> = {
  test_apigetway_task_service__test_invoke_with_headers_singleStringHeader___get_execution_history: 'serviceValidation',
  test_array__test_array_unique__exec_hist_resp_0: 'notInCorpus',
  'test_base__test_json_path_array_access_.items_10___get_execution_history': 'parametrised',
  test_base__test_json_path_array_wildcard_or_slice_with_no_input___get_execution_history: 'parametrised',
  test_base__test_query_context_object_values__get_execution_history: 'templateVersion',
  test_base__test_state_pass_result_jsonpaths__get_execution_history: 'notInCorpus',
  test_base_evaluate_expressions__test_base_map_ITEMS___get_execution_history: 'parametrised',
  test_base_evaluate_expressions__test_base_map_from_input_ITEMS___get_execution_history: 'parametrised',
  test_base_scenarios__test_choice_condition_constant_jsonata__get_execution_history: 'parametrised',
  test_base_scenarios__test_map_state_item_selector_singleton__get_execution_history: 'parametrised',
  test_base_scenarios__test_map_state_result_writer__get_execution_history: 'resultWriter',
  test_base_scenarios__test_parallel_state_lambda__get_execution_history: 'normalised',
  test_base_scenarios__test_wait_timestamp_jsonata__get_execution_history: 'normalised',
  test_base_scenarios__test_wait_timestamp_path__get_execution_history: 'normalised',
  test_callback__test_sync_with_task_token__get_execution_history: 'notInCorpus',
  test_sfn_task_service__test_start_execution__get_execution_history: 'notInCorpus',
  test_sfn_task_service__test_start_execution_input_json__get_execution_history: 'notInCorpus',
  test_sns_task_service__test_publish_base_HelloWorld___get_execution_history: 'notInCorpus',
  test_sns_task_service__test_publish_base_error_topic_arn__get_execution_history: 'notInCorpus',
  test_states_errors__test_service_task_lambada_catch_state_all_data_limit_exceeded_on_large_utf8_response__get_execution_history: 'namePairing',
  test_timeouts__test_service_lambda_map_timeout__get_execution_history: 'concurrency',
  test_wait__test_wait_timestamppath_Z___get_execution_history: 'normalised',
};

const PLACEHOLDER = /_tbd_|__tbd__|%[A-Z_]+%|<%|"ErrorEquals":\s*\[\s*\]/;

function reason(r: PairResult): keyof typeof REASONS | undefined {
  const key = r.history.replace(/^.*\//, '').replace(/\.json$/, '');
  if (KNOWN[key]) return KNOWN[key];
  const text = r.definition ? fs.readFileSync(CORPUS + r.definition, 'utf8') : '';
  if (r.outcome === 'stopped' && text.includes('ItemReader')) return 'itemReader';
  if (PLACEHOLDER.test(text)) return 'placeholder';
  if (r.ambiguous) return 'ambiguous';
  return undefined;
}

describe('LocalStack parity histories (recorded against AWS)', () => {
  it('replays every pairable history; each disagreement is explained', async () => {
    const results = await replayCorpus();
    const paired = results.filter((r) => r.outcome !== 'unpaired');
    const agree = results.filter((r) => r.outcome === 'agree');
    const unambiguous = paired.filter((r) => !r.ambiguous);
    const unambiguousAgree = unambiguous.filter((r) => r.outcome === 'agree');
    const byReason: Record<string, number> = {};
    const unexplained: string[] = [];
    for (const r of paired) {
      if (r.outcome === 'agree') continue;
      const why = reason(r);
      if (!why) unexplained.push(`${r.history} (${r.definition}): ${JSON.stringify(r.differences[0] ?? r.message).slice(0, 300)}`);
      else byReason[why] = (byReason[why] ?? 0) + 1;
    }
    console.log(
      `LocalStack histories: ${results.length} histories, ${paired.length} paired (${unambiguous.length} unambiguously), ` +
        `${agree.length} agree (${unambiguousAgree.length}/${unambiguous.length} of the unambiguous pairs); the rest by reason: ${JSON.stringify(byReason)}`,
    );
    expect(unexplained, unexplained.join('\n')).toEqual([]);
    expect(results.length).toBe(590);
    expect(paired.length).toBeGreaterThanOrEqual(578);
    expect(agree.length).toBeGreaterThanOrEqual(494);
    // A stop always names the state that needs a mock.
    for (const s of results.filter((r) => r.outcome === 'stopped')) expect(s.message).toMatch(/^The Task state "[^"]+" (has no mocked response|was called)/);
  });
});
