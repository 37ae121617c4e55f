/**
 * A TestState-shaped API over the interpreter: the same inputs as AWS's TestState (a state or a machine with
 * `stateName`, input, variables, context, a mock, stateConfiguration.retrierRetryCount) and the same outputs
 * (`status`, `output`, `error`, `cause`, `nextState`, `inspectionData` with JSON strings), so a local result can be
 * compared field for field with a real TestState call.
 */
import { InterpreterStop, StatesError } from './errors.ts';
import { Interpreter, Retriable, Vars, type StateStep } from './engine.ts';
import { readTestStateMock, type MockSet } from './mocks.ts';
import { isObject as isRecord } from '../../json.ts';

export interface TestStateInput {
  /** A single state's definition, or a whole machine (then `stateName` says which state). */
  definition: unknown;
  stateName?: string;
  input?: unknown;
  /** Workflow variables in scope when the state runs. */
  variables?: Record<string, unknown>;
  /** Context object fields (Execution, State, Map, Task …). */
  context?: Record<string, unknown>;
  /** `{ result }` or `{ errorOutput: { error, cause } }`, as TestState takes it. */
  mock?: unknown;
  /** Mocks for Tasks nested in a Map or Parallel state (state name → responses). */
  mocks?: MockSet;
  inspectionLevel?: 'INFO' | 'DEBUG' | 'TRACE';
  stateConfiguration?: { retrierRetryCount?: number };
}

export type TestStateStatus = 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';

export interface InspectionData {
  input?: string;
  afterInputPath?: string;
  afterParameters?: string;
  afterArguments?: string;
  result?: string;
  afterResultSelector?: string;
  afterResultPath?: string;
  afterItemsPath?: string;
  afterItemSelector?: string;
  afterItemBatcher?: string;
  variables?: string;
  errorDetails?: { retryBackoffIntervalSeconds?: number; retryIndex?: number; catchIndex?: number };
}

export interface TestStateOutput {
  status: TestStateStatus;
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: InspectionData;
  /** Not in TestState: the stages in order, and the stage that failed, for the data-flow view. */
  step?: StateStep;
}

/** Picks the state to test: `stateName` in a machine (searching nested scopes), or the definition itself. */
export function findState(
  definition: unknown,
  stateName?: string,
): { name: string; state: Record<string, unknown>; queryLanguage?: string } {
  if (!isRecord(definition)) throw new InterpreterStop('The definition is not a JSON object.');
  if (!isRecord(definition.States)) {
    if (typeof definition.Type !== 'string')
      throw new InterpreterStop('The definition is neither a state machine nor a state (no States, no Type).');
    return { name: stateName ?? 'State', state: definition };
  }
  const top = typeof definition.QueryLanguage === 'string' ? definition.QueryLanguage : undefined;
  const name = stateName ?? (typeof definition.StartAt === 'string' ? definition.StartAt : undefined);
  if (!name) throw new InterpreterStop('Say which state to test (stateName).');
  const search = (scope: Record<string, unknown>): Record<string, unknown> | undefined => {
    const states = isRecord(scope.States) ? scope.States : {};
    if (isRecord(states[name])) return states[name] as Record<string, unknown>;
    for (const s of Object.values(states)) {
      if (!isRecord(s)) continue;
      const kids = [...(Array.isArray(s.Branches) ? s.Branches : []), s.ItemProcessor, s.Iterator].filter(isRecord);
      for (const k of kids) {
        const found = search(k);
        if (found) return found;
      }
    }
    return undefined;
  };
  const state = search(definition);
  if (!state) throw new InterpreterStop(`There is no state named "${name}" in the definition.`);
  return { name, state, queryLanguage: top };
}

const str = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v));

function parseMaybe(v: unknown, what: string): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new InterpreterStop(`The ${what} is a string but not JSON (TestState takes it as a JSON string).`);
  }
}

/** Runs one state as TestState would. Throws `InterpreterStop` for bad requests (no such state, no mock …). */
export async function testState(req: TestStateInput): Promise<TestStateOutput> {
  const { name, state, queryLanguage } = findState(req.definition, req.stateName);
  const input = req.input === undefined ? {} : parseMaybe(req.input, 'input');
  const mocks: MockSet = { ...(req.mocks ?? {}) };
  if (req.mock !== undefined) mocks[name] = [readTestStateMock('mock', req.mock)];
  const machine = { QueryLanguage: queryLanguage ?? 'JSONPath', StartAt: name, States: { [name]: state } };
  const variables = isRecord(req.variables)
    ? req.variables
    : (parseMaybe(req.variables ?? {}, 'variables') as Record<string, unknown>);
  const context = isRecord(req.context)
    ? req.context
    : (parseMaybe(req.context ?? {}, 'context') as Record<string, unknown>);
  const interp = new Interpreter(machine, {
    input,
    mocks,
    variables,
    context,
    singleAttempt: { retrierRetryCount: req.stateConfiguration?.retrierRetryCount ?? 0 },
  });
  const vars = (): Record<string, unknown> => ({ ...variables, ...(interp.steps[0]?.assigned ?? {}) });
  const inspection = (step: StateStep | undefined): InspectionData => {
    const d: InspectionData = {};
    for (const s of step?.stages ?? []) {
      if (s.stage === 'output' || s.stage === 'assign' || s.stage === 'errorOutput') continue;
      (d as Record<string, unknown>)[s.stage] = str(s.value);
    }
    d.variables = str(vars());
    return d;
  };
  const seeded = new Vars();
  for (const [k, v] of Object.entries(variables)) seeded.set(k, v);
  try {
    const out = await interp.runState(name, state, input, {
      clock: Date.UTC(2024, 0, 1),
      last: 0,
      vars: seeded,
      record: true,
      prefix: '',
    });
    const step = interp.steps[0];
    const caught = step?.caught === true;
    const data = inspection(step);
    if (caught) {
      const catchers = Array.isArray(state.Catch) ? state.Catch : [];
      data.errorDetails = { catchIndex: catchers.findIndex((c) => isRecord(c) && c.Next === out.next) };
    }
    return {
      status: caught ? 'CAUGHT_ERROR' : 'SUCCEEDED',
      output: str(out.output),
      ...(caught ? { error: step?.error, cause: step?.cause } : {}),
      ...(out.next !== undefined ? { nextState: out.next } : {}),
      inspectionData: data,
      step,
    };
  } catch (e) {
    const step = interp.steps[0];
    if (e instanceof Retriable) {
      const data = inspection(step);
      data.errorDetails = { retryBackoffIntervalSeconds: e.backoffSeconds, retryIndex: e.retryIndex };
      return {
        status: 'RETRIABLE',
        error: e.statesError.error,
        cause: e.statesError.causeText,
        inspectionData: data,
        step,
      };
    }
    if (e instanceof StatesError)
      return { status: 'FAILED', error: e.error, cause: e.causeText, inspectionData: inspection(step), step };
    throw e;
  }
}
