/**
 * One attempt of a JSONPath state: InputPath, then the state type's own work (Parameters, the Task call, the
 * Choice rules, the Wait, the branches or iterations), then ResultSelector, ResultPath, Assign and OutputPath.
 * One function per state type, looked up in `JSONPATH_STATES`.
 */
import { checkPayload, StatesError, describe } from './errors.ts';
import { evaluateRule } from './choice.ts';
import { applyPayloadTemplate, applyResultPath, resolveDynamic, resolvePath, type PathScope } from './jsonpath.ts';
import { batchItems, mapLimits, runMap, runParallel } from './containers.ts';
import { nextOf, waitState, type Attempt, type Json, type Outcome } from './model.ts';

/** An attempt of a JSONPath state, once its InputPath is applied. */
interface PathAttempt extends Attempt {
  /** The input after InputPath (the raw input for Fail, which has no InputPath). */
  effective: unknown;
  scope: (data: unknown) => PathScope;
}

/** Parameters applied to the effective input (Pass, Task, Parallel). */
async function parameters(a: PathAttempt): Promise<unknown> {
  const { state, effective, guard, stage } = a;
  let params = effective;
  if (state.Parameters !== undefined)
    params = await guard('afterParameters', () => applyPayloadTemplate(state.Parameters, a.scope(effective)));
  stage('afterParameters', params);
  return params;
}

/** ResultSelector then ResultPath on a state's result: the selected result and the state's output so far. */
async function withResult(a: PathAttempt, result: unknown): Promise<{ selected: unknown; after: unknown }> {
  const { state, input, guard, stage } = a;
  stage('result', result);
  let selected = result;
  if (state.ResultSelector !== undefined) {
    selected = await guard('afterResultSelector', () => applyPayloadTemplate(state.ResultSelector, a.scope(result)));
  }
  stage('afterResultSelector', selected);
  const after = await guard('afterResultPath', () =>
    applyResultPath(input, state.ResultPath as string | null | undefined, selected),
  );
  stage('afterResultPath', after);
  return { selected, after };
}

/** OutputPath (null gives {}) on `data`, recorded as the output stage. */
async function outputPath(a: PathAttempt, data: unknown): Promise<unknown> {
  const { state } = a;
  const output = await a.guard('output', () =>
    state.OutputPath === null ? {} : resolvePath((state.OutputPath as string) ?? '$', a.scope(data)),
  );
  a.stage('output', output);
  return output;
}

/** Assign (evaluated on `assignScope`), then OutputPath on `afterResultPath`. */
async function finishOutput(
  a: PathAttempt,
  afterResultPath: unknown,
  assignScope: unknown,
  next: string | undefined,
): Promise<Outcome> {
  const { state } = a;
  if (state.Assign && typeof state.Assign === 'object') {
    const values = (await a.guard('assign', () => applyPayloadTemplate(state.Assign, a.scope(assignScope)))) as Record<
      string,
      unknown
    >;
    a.host.assign(a.t, values, a.step);
  }
  return { output: await outputPath(a, afterResultPath), next };
}

/** TimeoutSecondsPath/HeartbeatSecondsPath read the effective input; a missing path is States.Runtime. */
function taskTimeout(a: PathAttempt): number | undefined {
  const { state } = a;
  for (const field of ['TimeoutSecondsPath', 'HeartbeatSecondsPath']) {
    if (state[field] === undefined) continue;
    const v = resolvePath(String(state[field]), a.scope(a.effective));
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new StatesError(
        'States.Runtime',
        `The ${field} '${String(state[field])}' must give a positive integer, got ${describe(v)}.`,
      );
    }
    if (field === 'TimeoutSecondsPath') return v;
  }
  return typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
}

async function passState(a: PathAttempt): Promise<Outcome> {
  const params = await parameters(a);
  const result = a.state.Result !== undefined ? a.state.Result : params;
  const { after } = await withResult(a, result);
  return finishOutput(a, after, result, nextOf(a.state));
}

async function taskState(a: PathAttempt): Promise<Outcome> {
  const { name, guard } = a;
  const params = await parameters(a);
  await guard('afterParameters', () => checkPayload(params, `input of the state '${name}' after Parameters`));
  const timeout = await guard('afterParameters', () => taskTimeout(a));
  const result = await a.host.invoke(name, a.state, params, a.t, timeout);
  const { selected, after } = await withResult(a, result);
  return finishOutput(a, after, selected, nextOf(a.state));
}

async function choiceState(a: PathAttempt): Promise<Outcome> {
  const { name, state, step, guard } = a;
  const rules = Array.isArray(state.Choices) ? (state.Choices as Json[]) : [];
  const scope = a.scope(a.effective);
  const rule = await guard('output', () => rules.find((r) => evaluateRule(r, scope)));
  const next = rule ? (rule.Next as string) : (state.Default as string | undefined);
  if (next === undefined) {
    step.failedStage = 'choice';
    throw new StatesError(
      'States.NoChoiceMatched',
      `No Choice Rules matched and no Default was specified for the state '${name}'.`,
    );
  }
  const assign = rule?.Assign ?? state.Assign;
  if (assign && typeof assign === 'object')
    a.host.assign(
      a.t,
      (await guard('assign', () => applyPayloadTemplate(assign, scope))) as Record<string, unknown>,
      step,
    );
  return { output: await outputPath(a, a.effective), next };
}

async function waitStateJsonPath(a: PathAttempt): Promise<Outcome> {
  const { state } = a;
  const scope = a.scope(a.effective);
  let seconds: number | undefined;
  let timestamp: string | undefined;
  await a.guard('afterInputPath', () => {
    if (state.SecondsPath !== undefined) seconds = resolvePath(String(state.SecondsPath), scope) as number;
    else if (state.Seconds !== undefined) seconds = state.Seconds as number;
    if (state.TimestampPath !== undefined) timestamp = resolvePath(String(state.TimestampPath), scope) as string;
    else if (state.Timestamp !== undefined) timestamp = state.Timestamp as string;
  });
  waitState(a.t, a.name, a.step, seconds, timestamp);
  return finishOutput(a, a.effective, a.effective, nextOf(state));
}

async function succeedState(a: PathAttempt): Promise<Outcome> {
  return finishOutput(a, a.effective, a.effective, undefined);
}

async function failState(a: PathAttempt): Promise<Outcome> {
  const { state, guard } = a;
  const scope = a.scope(a.input);
  const error =
    state.ErrorPath !== undefined
      ? await guard('input', () => resolveDynamic(state.ErrorPath, 'ErrorPath', scope))
      : state.Error;
  const cause =
    state.CausePath !== undefined
      ? await guard('input', () => resolveDynamic(state.CausePath, 'CausePath', scope))
      : state.Cause;
  a.step.failedStage = 'fail';
  throw new StatesError(typeof error === 'string' ? error : '', typeof cause === 'string' ? cause : '');
}

async function parallelState(a: PathAttempt): Promise<Outcome> {
  const params = await parameters(a);
  const result = await runParallel(a.host, a.name, a.state, params, a.t);
  const { selected, after } = await withResult(a, result);
  return finishOutput(a, after, selected, nextOf(a.state));
}

/** ItemReader or ItemsPath: the Map's items, which must be an array. */
async function mapItems(a: PathAttempt): Promise<unknown[]> {
  const { name, state, step } = a;
  const items: unknown = await a.guard('afterItemsPath', async () =>
    state.ItemReader !== undefined
      ? a.host.readItems(name)
      : resolvePath((state.ItemsPath as string) ?? '$', a.scope(a.effective)),
  );
  a.stage('afterItemsPath', items);
  if (!Array.isArray(items)) {
    step.failedStage = 'afterItemsPath';
    throw new StatesError(
      'States.Runtime',
      `The ItemsPath of the Map state '${name}' did not select an array: ${describe(items)}`,
    );
  }
  return items;
}

/** ItemSelector (or the older Parameters) applied to each item, with the item in `$$.Map.Item`. */
async function selectItems(a: PathAttempt, items: unknown[]): Promise<unknown[]> {
  const { state, ctx, t, effective } = a;
  const selector = state.ItemSelector ?? state.Parameters;
  if (selector === undefined) return items;
  const selected = await a.guard('afterItemSelector', () =>
    items.map((value, index) =>
      applyPayloadTemplate(selector, {
        data: effective,
        context: { ...ctx, Map: { Item: { Index: index, Value: value } } },
        variables: (n) => t.vars.get(n),
      }),
    ),
  );
  a.stage('afterItemSelector', selected);
  return selected;
}

async function mapState(a: PathAttempt): Promise<Outcome> {
  const { state, guard } = a;
  const items = await selectItems(a, await mapItems(a));
  const path = (p: string): unknown => resolvePath(p, a.scope(a.effective));
  const batched = await guard('afterItemBatcher', () => batchItems(state, items, path));
  if (batched !== items) a.stage('afterItemBatcher', batched);
  const counts = await guard('afterItemsPath', () => mapLimits(state, path));
  const result = await runMap(a.host, a.name, state, batched, a.t, counts);
  const { selected, after } = await withResult(a, result);
  return finishOutput(a, after, selected, nextOf(state));
}

const JSONPATH_STATES: Record<string, (a: PathAttempt) => Promise<Outcome>> = {
  Pass: passState,
  Task: taskState,
  Choice: choiceState,
  Wait: waitStateJsonPath,
  Succeed: succeedState,
  Fail: failState,
  Parallel: parallelState,
  Map: mapState,
};

export async function executeJsonPath(attempt: Attempt): Promise<Outcome> {
  const { name, state, input, t, ctx } = attempt;
  const type = String(state.Type);
  const scope = (data: unknown): PathScope => ({ data, context: ctx, variables: (n) => t.vars.get(n) });
  // Fail has no InputPath; every other state applies it first (null discards the input: {}).
  const effective =
    type === 'Fail'
      ? input
      : await attempt.guard('afterInputPath', () =>
          state.InputPath === null ? {} : resolvePath((state.InputPath as string) ?? '$', scope(input)),
        );
  if (type !== 'Fail') attempt.stage('afterInputPath', effective);
  const run = Object.prototype.hasOwnProperty.call(JSONPATH_STATES, type) ? JSONPATH_STATES[type] : undefined;
  if (!run) throw new StatesError('States.Runtime', `The state '${name}' has an unknown Type '${type}'.`);
  return run({ ...attempt, effective, scope });
}
