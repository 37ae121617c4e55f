/**
 * A third oracle: moto's execute mode tests (getmoto/moto tests/test_stepfunctions/parser/, the corpus commit),
 * several of them verified against AWS (`@aws_verified`). Each row is a template from the corpus, the input the
 * test starts the execution with, and what the test asserts about the execution (status, output, error, cause,
 * number of history events, event types present), transcribed by hand from the test function named in `source`.
 */
import fs from 'node:fs';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../support/corpus.ts';
import { runMachine } from '../../../shared/sfn/interpreter/engine.ts';

interface Case {
  source: string;
  template: string;
  input: unknown;
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  /** Only some fields of the output are asserted by the test. */
  outputFields?: Record<string, unknown>;
  error?: string;
  cause?: string;
  eventCount?: number;
  eventTypes?: string[];
  /** The exact event types, in order. */
  eventSequence?: string[];
}

const CASES: Case[] = [
  {
    source: 'test_stepfunctions.py::test_state_machine_with_simple_failure_state (aws_verified)',
    template: 'asl/valid/moto/failure.json',
    input: {},
    status: 'FAILED',
    error: 'DefaultStateError',
    cause: 'No Matches!',
    eventSequence: ['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed'],
  },
  {
    source: 'test_stepfunctions.py::test_state_machine_with_json_regex (aws_verified)',
    template: 'asl/valid/moto/json_regex.json',
    input: { Parameters: [{ Name: '/eggs/cooked/like', Value: 'poached' }] },
    status: 'SUCCEEDED',
    output: {
      Parameters: [{ Name: '/eggs/cooked/like', Value: 'poached' }],
      parameterTransforms: { eggs: ['poached'] },
    },
  },
  {
    source: 'test_parallel_states.py::test_state_machine_with_parallel_states',
    template: 'asl/valid/moto/parallel_states.json',
    input: {},
    status: 'SUCCEEDED',
    output: [
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ],
    eventCount: 20,
    eventTypes: ['ParallelStateEntered', 'ParallelStateStarted', 'PassStateExited'],
  },
  {
    source: 'test_parallel_states.py::test_state_machine_with_parallel_states_catch_error',
    template: 'asl/valid/moto/parallel_states_catch.json',
    input: {},
    status: 'SUCCEEDED',
    outputFields: { Cause: 'Cause description' },
    eventCount: 9,
    eventTypes: ['ParallelStateEntered', 'ParallelStateStarted', 'ParallelStateFailed'],
  },
  {
    source: 'test_parallel_states.py::test_state_machine_with_parallel_states_error',
    template: 'asl/valid/moto/parallel_fail.json',
    input: {},
    status: 'FAILED',
    error: 'FailureType',
  },
  {
    source: 'test_parallel_states.py::test_state_machine_with_parallel_states_order',
    template: 'asl/valid/moto/parallel_states_order.json',
    input: {},
    status: 'SUCCEEDED',
    output: [{ branch: 0 }, { branch: 1 }, { branch: 2 }, { branch: 3 }],
  },
  {
    // moto's choice_state_singleton.json is stored once in the corpus, under LocalStack's name (same bytes).
    source: 'test_choice_state.py::test_state_machine_with_choice',
    template: 'asl/valid/localstack/scenarios__choice_state_singleton_composite.json5',
    input: { type: 'Public' },
    status: 'SUCCEEDED',
  },
  {
    source: 'test_choice_state.py::test_state_machine_with_choice_miss (aws_verified)',
    template: 'asl/valid/localstack/scenarios__choice_state_singleton_composite.json5',
    input: { type: 'Private' },
    status: 'FAILED',
    cause: 'No Matches!',
  },
  {
    source: 'test_stepfunctions_idempotency.py (wait_1: the execution finishes)',
    template: 'asl/valid/moto/wait_1.json',
    input: {},
    status: 'SUCCEEDED',
  },
];

describe("moto's execute mode (third oracle)", () => {
  const agree: boolean[] = [];
  it.each(CASES)('$source', async (c) => {
    const def = JSON5.parse(fs.readFileSync(CORPUS + c.template, 'utf8')) as unknown;
    const r = await runMachine(def, { input: c.input });
    const checks: [string, unknown, unknown][] = [['status', r.status, c.status]];
    if (c.output !== undefined) checks.push(['output', r.output, c.output]);
    if (c.outputFields)
      for (const [k, v] of Object.entries(c.outputFields))
        checks.push([`output.${k}`, (r.output as Record<string, unknown>)?.[k], v]);
    if (c.error !== undefined) checks.push(['error', r.error, c.error]);
    if (c.cause !== undefined) checks.push(['cause', r.cause, c.cause]);
    if (c.eventCount !== undefined) checks.push(['event count', r.events.length, c.eventCount]);
    for (const type of c.eventTypes ?? []) checks.push([`has ${type}`, r.events.some((e) => e.type === type), true]);
    if (c.eventSequence) checks.push(['event types', r.events.map((e) => e.type), c.eventSequence]);
    const ok = checks.every(([, a, b]) => JSON.stringify(a) === JSON.stringify(b));
    agree.push(ok);
    for (const [what, actual, expected] of checks) expect(actual, what).toEqual(expected);
  });
  it('reports the agreement', () => {
    console.log(`moto execute-mode cases: ${agree.filter(Boolean).length}/${CASES.length} agree`);
    expect(agree.filter(Boolean).length).toBe(CASES.length);
  });
});
