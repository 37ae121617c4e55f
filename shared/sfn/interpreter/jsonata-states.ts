/**
 * One attempt of a JSONata state: Arguments, the state type's own work, then Assign and Output, all as JSONata
 * templates. One function per state type, looked up in `JSONATA_STATES`.
 */
import { checkPayload, StatesError, describe } from './errors.ts';
import { evaluateExpression, evaluateTemplate, isJsonataExpression, type JsonataScope } from './jsonata-eval.ts';
import { runMap, runParallel, batchItems } from './containers.ts';
import { nextOf, num, waitState, type Attempt, type Json, type Outcome } from './model.ts';

/** An attempt of a JSONata state, with the variables as they were when the state was entered. */
interface JsonataAttempt extends Attempt {
  vars: Record<string, unknown>;
}

/** The `$states` and variables an expression of this attempt sees (`result` once the state has one). */
function scopeOf(a: JsonataAttempt, result?: unknown): JsonataScope {
  return {
    states: { input: a.input, ...(result !== undefined ? { result } : {}), context: a.ctx },
    variables: a.vars,
  };
}

/** Evaluates `v` when it is a JSONata expression (`{% … %}`), else takes it as it is. */
async function fieldValue(a: JsonataAttempt, v: unknown, field: string): Promise<unknown> {
  return isJsonataExpression(v) ? evaluateExpression(v, field, scopeOf(a)) : v;
}

/**
 * Assign and Output of `spec` (the state, or the Choice rule that matched); without Output the output is
 * `defaultOutput`. Both see the variables as they were when the state was entered (evaluated "in parallel").
 */
async function finish(
  a: JsonataAttempt,
  defaultOutput: unknown,
  result: unknown,
  next: string | undefined,
  spec: Json = a.state,
): Promise<Outcome> {
  const { guard } = a;
  const values: Record<string, unknown> = {};
  if (spec.Assign && typeof spec.Assign === 'object') {
    for (const [k, v] of Object.entries(spec.Assign as Json))
      values[k] = await guard('assign', () => evaluateTemplate(v, `Assign/${k}`, scopeOf(a, result)));
  }
  const output =
    spec.Output !== undefined
      ? await guard('output', () => evaluateTemplate(spec.Output, 'Output', scopeOf(a, result)))
      : defaultOutput;
  a.host.assign(a.t, values, a.step);
  a.stage('output', output);
  return { output, next };
}

/** Arguments (Task, Parallel): the template evaluated, or the input when there are none. */
async function args(a: JsonataAttempt): Promise<unknown> {
  if (a.state.Arguments === undefined) return a.input;
  const v = await a.guard('afterArguments', () => evaluateTemplate(a.state.Arguments, 'Arguments', scopeOf(a)));
  a.stage('afterArguments', v);
  return v;
}

async function passState(a: JsonataAttempt): Promise<Outcome> {
  return finish(a, a.input, undefined, nextOf(a.state));
}

async function succeedState(a: JsonataAttempt): Promise<Outcome> {
  return finish(a, a.input, undefined, undefined);
}

async function taskState(a: JsonataAttempt): Promise<Outcome> {
  const { name, state, guard } = a;
  const params = await args(a);
  await guard('afterArguments', () => checkPayload(params, `input of the state '${name}' after Arguments`));
  const timeout = isJsonataExpression(state.TimeoutSeconds)
    ? await guard('afterArguments', () =>
        evaluateExpression(state.TimeoutSeconds as string, 'TimeoutSeconds', scopeOf(a)),
      )
    : state.TimeoutSeconds;
  const result = await a.host.invoke(name, state, params, a.t, typeof timeout === 'number' ? timeout : undefined);
  a.stage('result', result);
  return finish(a, result, result, nextOf(state));
}

/** The first Choice rule whose Condition holds. */
async function firstMatchingRule(a: JsonataAttempt): Promise<Json | undefined> {
  const rules = Array.isArray(a.state.Choices) ? (a.state.Choices as Json[]) : [];
  for (const r of rules) {
    // A Condition is an expression or a literal boolean (AWS ran `"Condition": true`: LocalStack parity
    // history test_choice_condition_constant_jsonata).
    const ok =
      typeof r.Condition === 'boolean'
        ? r.Condition
        : await a.guard('output', () => evaluateExpression(String(r.Condition), 'Condition', scopeOf(a)));
    if (typeof ok !== 'boolean') {
      a.step.failedStage = 'choice';
      throw new StatesError(
        'States.QueryEvaluationError',
        `The Condition '${String(r.Condition)}' of the state '${a.name}' returned ${describe(ok)}, not a boolean.`,
      );
    }
    if (ok) return r;
  }
  return undefined;
}

async function choiceState(a: JsonataAttempt): Promise<Outcome> {
  const { state } = a;
  const chosen = await firstMatchingRule(a);
  const next = chosen ? (chosen.Next as string) : (state.Default as string | undefined);
  if (next === undefined) {
    a.step.failedStage = 'choice';
    throw new StatesError(
      'States.NoChoiceMatched',
      `No Choice Rules matched and no Default was specified for the state '${a.name}'.`,
    );
  }
  const spec = chosen && (chosen.Output !== undefined || chosen.Assign !== undefined) ? chosen : state;
  return finish(a, a.input, undefined, next, spec);
}

async function waitStateJsonata(a: JsonataAttempt): Promise<Outcome> {
  const { state, guard } = a;
  const seconds =
    state.Seconds !== undefined ? await guard('input', () => fieldValue(a, state.Seconds, 'Seconds')) : undefined;
  const timestamp =
    state.Timestamp !== undefined ? await guard('input', () => fieldValue(a, state.Timestamp, 'Timestamp')) : undefined;
  try {
    waitState(a.t, a.name, a.step, seconds as number | undefined, timestamp as string | undefined);
  } catch (e) {
    // In JSONata a bad Seconds/Timestamp value is an expression result, so AWS reports a query evaluation error.
    if (e instanceof StatesError) throw new StatesError('States.QueryEvaluationError', e.causeText);
    throw e;
  }
  return finish(a, a.input, undefined, nextOf(state));
}

async function failState(a: JsonataAttempt): Promise<Outcome> {
  const { state, guard } = a;
  const error =
    state.Error !== undefined ? await guard('input', () => evaluateTemplate(state.Error, 'Error', scopeOf(a))) : '';
  const cause =
    state.Cause !== undefined ? await guard('input', () => evaluateTemplate(state.Cause, 'Cause', scopeOf(a))) : '';
  a.step.failedStage = 'fail';
  throw new StatesError(String(error), String(cause));
}

async function parallelState(a: JsonataAttempt): Promise<Outcome> {
  const params = await args(a);
  const result = await runParallel(a.host, a.name, a.state, params, a.t);
  a.stage('result', result);
  return finish(a, result, result, nextOf(a.state));
}

/** ItemReader, Items or the input: the Map's items, which must be an array. */
async function mapItems(a: JsonataAttempt): Promise<unknown[]> {
  const { name, state, guard } = a;
  const items: unknown =
    state.ItemReader !== undefined
      ? await guard('afterItemsPath', () => a.host.readItems(name))
      : state.Items !== undefined
        ? await guard('afterItemsPath', () => evaluateTemplate(state.Items, 'Items', scopeOf(a)))
        : a.input;
  a.stage('afterItemsPath', items);
  if (!Array.isArray(items)) {
    a.step.failedStage = 'afterItemsPath';
    throw new StatesError(
      'States.QueryEvaluationError',
      `The Items of the Map state '${name}' is not an array: ${describe(items)}`,
    );
  }
  return items;
}

/** ItemSelector evaluated for each item, with the item in `$states.context.Map.Item`. */
async function selectItems(a: JsonataAttempt, items: unknown[]): Promise<unknown[]> {
  const { state } = a;
  if (state.ItemSelector === undefined) return items;
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const c = { ...a.ctx, Map: { Item: { Index: i, Value: items[i] } } };
    out.push(
      await a.guard('afterItemSelector', () =>
        evaluateTemplate(state.ItemSelector, 'ItemSelector', {
          states: { input: a.input, context: c },
          variables: a.vars,
        }),
      ),
    );
  }
  a.stage('afterItemSelector', out);
  return out;
}

/** ItemBatcher with its fields evaluated. */
async function batchOf(a: JsonataAttempt, items: unknown[]): Promise<unknown[]> {
  const b = a.state.ItemBatcher as Json | undefined;
  if (!b || typeof b !== 'object') return items;
  const resolved: Json = { ...b };
  for (const k of ['MaxItemsPerBatch', 'MaxInputBytesPerBatch', 'BatchInput'])
    if (b[k] !== undefined) resolved[k] = await evaluateTemplate(b[k], `ItemBatcher/${k}`, scopeOf(a));
  return batchItems({ ItemBatcher: resolved }, items, () => undefined);
}

/** MaxConcurrency and the tolerated failures, evaluated. */
async function limitsOf(a: JsonataAttempt) {
  const { state } = a;
  return {
    maxConcurrency: num(await fieldValue(a, state.MaxConcurrency, 'MaxConcurrency'), 0),
    toleratedCount:
      state.ToleratedFailureCount !== undefined
        ? num(await fieldValue(a, state.ToleratedFailureCount, 'ToleratedFailureCount'), 0)
        : undefined,
    toleratedPercent:
      state.ToleratedFailurePercentage !== undefined
        ? num(await fieldValue(a, state.ToleratedFailurePercentage, 'ToleratedFailurePercentage'), 0)
        : undefined,
  };
}

async function mapState(a: JsonataAttempt): Promise<Outcome> {
  const items = await selectItems(a, await mapItems(a));
  const batched = await a.guard('afterItemBatcher', () => batchOf(a, items));
  if (batched !== items) a.stage('afterItemBatcher', batched);
  const limits = await a.guard('afterItemsPath', () => limitsOf(a));
  const result = await runMap(a.host, a.name, a.state, batched, a.t, limits);
  a.stage('result', result);
  return finish(a, result, result, nextOf(a.state));
}

const JSONATA_STATES: Record<string, (a: JsonataAttempt) => Promise<Outcome>> = {
  Pass: passState,
  Succeed: succeedState,
  Task: taskState,
  Choice: choiceState,
  Wait: waitStateJsonata,
  Fail: failState,
  Parallel: parallelState,
  Map: mapState,
};

export async function executeJsonata(attempt: Attempt): Promise<Outcome> {
  const type = String(attempt.state.Type);
  const vars = attempt.t.vars.all();
  const run = Object.prototype.hasOwnProperty.call(JSONATA_STATES, type) ? JSONATA_STATES[type] : undefined;
  if (!run) throw new StatesError('States.Runtime', `The state '${attempt.name}' has an unknown Type '${type}'.`);
  return run({ ...attempt, vars });
}
