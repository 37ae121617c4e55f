/**
 * Mocked Task responses, read from either of the two formats people already have:
 *
 * - the Step Functions Local mock configuration (`StateMachines.<machine>.TestCases.<case>.<state>` names a
 *   response in `MockedResponses`, whose keys are call numbers or ranges such as `"0-1"`, each `Return` or `Throw`);
 * - TestState-style mocks per state: `{ "<state>": { "result": "<json>" } | { "errorOutput": { "error", "cause" } } }`
 *   or a list of those, used in call order.
 *
 * The result is one list of responses per state name; the engine takes them in order, one per call.
 */
import { isObject as isRecord } from '../../json.ts';

export type MockResponse =
  | { kind: 'result'; value: unknown }
  /** `error`/`cause` null: the failure had no error name / no cause (SendTaskFailure without them). */
  | { kind: 'error'; error: string | null; cause: string | null };
export type MockSet = Record<string, MockResponse[]>;

export class MockFormatError extends Error {
  override name = 'MockFormatError';
}

/** True when the value looks like a Step Functions Local mock configuration file. */
export function isLocalMockConfig(v: unknown): boolean {
  return isRecord(v) && (isRecord(v.StateMachines) || isRecord(v.MockedResponses));
}

function localResponse(where: string, value: unknown): MockResponse {
  if (!isRecord(value)) throw new MockFormatError(`${where} must be an object with Return or Throw.`);
  if ('Return' in value) return { kind: 'result', value: value.Return };
  if (isRecord(value.Throw)) {
    return {
      kind: 'error',
      error: String(value.Throw.Error ?? 'States.TaskFailed'),
      cause: String(value.Throw.Cause ?? ''),
    };
  }
  throw new MockFormatError(`${where} must have Return or Throw.`);
}

/** Expands a MockedResponses entry (`{"0": …, "1-3": …}`) into responses by call number. */
export function expandLocalResponses(name: string, entry: unknown): MockResponse[] {
  if (!isRecord(entry)) throw new MockFormatError(`MockedResponses.${name} must be an object keyed by call number.`);
  const out: MockResponse[] = [];
  for (const [key, value] of Object.entries(entry)) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(key);
    if (!m) throw new MockFormatError(`MockedResponses.${name}: "${key}" is not a call number or a range like "0-1".`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || to - from > 100_000)
      throw new MockFormatError(`MockedResponses.${name}: the range "${key}" is not valid.`);
    const response = localResponse(`MockedResponses.${name}["${key}"]`, value);
    for (let i = from; i <= to; i++) out[i] = response;
  }
  for (let i = 0; i < out.length; i++) {
    if (!out[i])
      throw new MockFormatError(
        `MockedResponses.${name} has no response for call ${i} (calls are numbered from 0 without gaps).`,
      );
  }
  return out;
}

/** Reads a Step Functions Local mock configuration for one machine and test case. */
export function readLocalMockConfig(config: Record<string, unknown>, machine?: string, testCase?: string): MockSet {
  const machines = isRecord(config.StateMachines) ? config.StateMachines : {};
  const names = Object.keys(machines);
  const chosen = machine ?? (names.length === 1 ? names[0] : undefined);
  if (!chosen) {
    throw new MockFormatError(
      names.length
        ? `The mock file describes several state machines (${names.join(', ')}); choose one with --machine.`
        : 'The mock file has no StateMachines.',
    );
  }
  const m = machines[chosen];
  if (!isRecord(m) || !isRecord(m.TestCases))
    throw new MockFormatError(
      `The mock file has no test cases for the state machine "${chosen}" (known: ${names.join(', ') || 'none'}).`,
    );
  const cases = Object.keys(m.TestCases);
  const caseName = testCase ?? (cases.length === 1 ? cases[0] : undefined);
  if (!caseName)
    throw new MockFormatError(
      `The state machine "${chosen}" has several test cases (${cases.join(', ')}); choose one with --test-case.`,
    );
  const tc = m.TestCases[caseName];
  if (!isRecord(tc))
    throw new MockFormatError(`No test case "${caseName}" for "${chosen}" (known: ${cases.join(', ')}).`);
  const responses = isRecord(config.MockedResponses) ? config.MockedResponses : {};
  const out: MockSet = {};
  for (const [state, responseName] of Object.entries(tc)) {
    if (typeof responseName !== 'string' || !(responseName in responses)) {
      throw new MockFormatError(
        `Test case "${caseName}": state "${state}" refers to "${String(responseName)}", which is not in MockedResponses.`,
      );
    }
    out[state] = expandLocalResponses(responseName, responses[responseName]);
  }
  return out;
}

/** One TestState-style mock: `{result}` (a JSON string, or any other JSON value as is) or `{errorOutput}`. */
export function readTestStateMock(where: string, value: unknown): MockResponse {
  if (!isRecord(value)) throw new MockFormatError(`${where} must be an object with "result" or "errorOutput".`);
  if ('result' in value) {
    const r = value.result;
    if (typeof r === 'string') {
      try {
        return { kind: 'result', value: JSON.parse(r) };
      } catch {
        throw new MockFormatError(
          `${where}.result is a string but not JSON (TestState takes the result as a JSON string).`,
        );
      }
    }
    return { kind: 'result', value: r };
  }
  if (isRecord(value.errorOutput)) {
    return {
      kind: 'error',
      error: String(value.errorOutput.error ?? 'States.TaskFailed'),
      cause: String(value.errorOutput.cause ?? ''),
    };
  }
  if ('Return' in value || 'Throw' in value) return localResponse(where, value);
  throw new MockFormatError(`${where} must have "result" or "errorOutput".`);
}

/** Reads either format. `machine` and `testCase` choose inside a Step Functions Local file. */
export function readMocks(value: unknown, options: { machine?: string; testCase?: string } = {}): MockSet {
  if (isLocalMockConfig(value))
    return readLocalMockConfig(value as Record<string, unknown>, options.machine, options.testCase);
  const root = isRecord(value) && isRecord(value.mocks) ? value.mocks : value;
  if (!isRecord(root))
    throw new MockFormatError(
      'The mocks must be an object keyed by state name, or a Step Functions Local mock configuration.',
    );
  const out: MockSet = {};
  for (const [state, entry] of Object.entries(root)) {
    out[state] = Array.isArray(entry)
      ? entry.map((e, i) => readTestStateMock(`${state}[${i}]`, e))
      : [readTestStateMock(state, entry)];
  }
  return out;
}
