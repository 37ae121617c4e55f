/** One attempt of a JSONata state: Arguments, the state's work, Assign and Output, all as JSONata templates. */
import { checkPayload, StatesError, describe } from './errors.ts';
import { evaluateExpression, evaluateTemplate, isJsonataExpression, type JsonataScope } from './jsonata-eval.ts';
import { runMap, runParallel, batchItems } from './containers.ts';
import { nextOf, num, waitState, type Attempt, type Json, type Outcome } from './model.ts';

export async function executeJsonata(a: Attempt): Promise<Outcome> {
  const { host, name, state, input, t, step, ctx, stage, guard } = a;
  const type = String(state.Type);
  const vars = t.vars.all();
  const js = (result?: unknown): JsonataScope => ({
    states: { input, ...(result !== undefined ? { result } : {}), context: ctx },
    variables: vars,
  });
  const finish = async (
    defaultOutput: unknown,
    result: unknown,
    next: string | undefined,
    spec: Json = state,
  ): Promise<Outcome> => {
    // Assign and Output see the variables as they were when the state was entered (evaluated "in parallel").
    const values: Record<string, unknown> = {};
    if (spec.Assign && typeof spec.Assign === 'object') {
      for (const [k, v] of Object.entries(spec.Assign as Json))
        values[k] = await guard('assign', () => evaluateTemplate(v, `Assign/${k}`, js(result)));
    }
    const output =
      spec.Output !== undefined
        ? await guard('output', () => evaluateTemplate(spec.Output, 'Output', js(result)))
        : defaultOutput;
    host.assign(t, values, step);
    stage('output', output);
    return { output, next };
  };
  const args = async (): Promise<unknown> => {
    if (state.Arguments === undefined) return input;
    const a = await guard('afterArguments', () => evaluateTemplate(state.Arguments, 'Arguments', js()));
    stage('afterArguments', a);
    return a;
  };
  switch (type) {
    case 'Pass':
      return finish(input, undefined, nextOf(state));
    case 'Succeed':
      return finish(input, undefined, undefined);
    case 'Task': {
      const a = await args();
      await guard('afterArguments', () => checkPayload(a, `input of the state '${name}' after Arguments`));
      const timeout = isJsonataExpression(state.TimeoutSeconds)
        ? await guard('afterArguments', () =>
            evaluateExpression(state.TimeoutSeconds as string, 'TimeoutSeconds', js()),
          )
        : state.TimeoutSeconds;
      const result = await host.invoke(name, state, a, t, typeof timeout === 'number' ? timeout : undefined);
      stage('result', result);
      return finish(result, result, nextOf(state));
    }
    case 'Choice': {
      const rules = Array.isArray(state.Choices) ? (state.Choices as Json[]) : [];
      let chosen: Json | undefined;
      for (const r of rules) {
        // A Condition is an expression or a literal boolean (AWS ran `"Condition": true`: LocalStack parity
        // history test_choice_condition_constant_jsonata).
        const ok =
          typeof r.Condition === 'boolean'
            ? r.Condition
            : await guard('output', () => evaluateExpression(String(r.Condition), 'Condition', js()));
        if (typeof ok !== 'boolean') {
          step.failedStage = 'choice';
          throw new StatesError(
            'States.QueryEvaluationError',
            `The Condition '${String(r.Condition)}' of the state '${name}' returned ${describe(ok)}, not a boolean.`,
          );
        }
        if (ok) {
          chosen = r;
          break;
        }
      }
      const next = chosen ? (chosen.Next as string) : (state.Default as string | undefined);
      if (next === undefined) {
        step.failedStage = 'choice';
        throw new StatesError(
          'States.NoChoiceMatched',
          `No Choice Rules matched and no Default was specified for the state '${name}'.`,
        );
      }
      const spec = chosen && (chosen.Output !== undefined || chosen.Assign !== undefined) ? chosen : state;
      return finish(input, undefined, next, spec);
    }
    case 'Wait': {
      const seconds =
        state.Seconds !== undefined
          ? await guard('input', () =>
              isJsonataExpression(state.Seconds) ? evaluateExpression(state.Seconds, 'Seconds', js()) : state.Seconds,
            )
          : undefined;
      const timestamp =
        state.Timestamp !== undefined
          ? await guard('input', () =>
              isJsonataExpression(state.Timestamp)
                ? evaluateExpression(state.Timestamp, 'Timestamp', js())
                : state.Timestamp,
            )
          : undefined;
      try {
        waitState(t, name, step, seconds as number | undefined, timestamp as string | undefined);
      } catch (e) {
        // In JSONata a bad Seconds/Timestamp value is an expression result, so AWS reports a query evaluation error.
        if (e instanceof StatesError) throw new StatesError('States.QueryEvaluationError', e.causeText);
        throw e;
      }
      return finish(input, undefined, nextOf(state));
    }
    case 'Fail': {
      const error =
        state.Error !== undefined ? await guard('input', () => evaluateTemplate(state.Error, 'Error', js())) : '';
      const cause =
        state.Cause !== undefined ? await guard('input', () => evaluateTemplate(state.Cause, 'Cause', js())) : '';
      step.failedStage = 'fail';
      throw new StatesError(String(error), String(cause));
    }
    case 'Parallel': {
      const a = await args();
      const result = await runParallel(host, name, state, a, t);
      stage('result', result);
      return finish(result, result, nextOf(state));
    }
    case 'Map': {
      let items: unknown =
        state.ItemReader !== undefined
          ? await guard('afterItemsPath', () => host.readItems(name))
          : state.Items !== undefined
            ? await guard('afterItemsPath', () => evaluateTemplate(state.Items, 'Items', js()))
            : input;
      stage('afterItemsPath', items);
      if (!Array.isArray(items)) {
        step.failedStage = 'afterItemsPath';
        throw new StatesError(
          'States.QueryEvaluationError',
          `The Items of the Map state '${name}' is not an array: ${describe(items)}`,
        );
      }
      if (state.ItemSelector !== undefined) {
        const out: unknown[] = [];
        for (let i = 0; i < items.length; i++) {
          const c = { ...ctx, Map: { Item: { Index: i, Value: items[i] } } };
          out.push(
            await guard('afterItemSelector', () =>
              evaluateTemplate(state.ItemSelector, 'ItemSelector', {
                states: { input, context: c },
                variables: vars,
              }),
            ),
          );
        }
        items = out;
        stage('afterItemSelector', items);
      }
      const evalField = async (v: unknown, field: string): Promise<unknown> =>
        isJsonataExpression(v) ? evaluateExpression(v, field, js()) : v;
      const batched = await guard('afterItemBatcher', async () => {
        const b = state.ItemBatcher as Json | undefined;
        if (!b || typeof b !== 'object') return items as unknown[];
        const resolved: Json = { ...b };
        for (const k of ['MaxItemsPerBatch', 'MaxInputBytesPerBatch', 'BatchInput'])
          if (b[k] !== undefined) resolved[k] = await evaluateTemplate(b[k], `ItemBatcher/${k}`, js());
        return batchItems({ ItemBatcher: resolved }, items as unknown[], () => undefined);
      });
      if (batched !== items) stage('afterItemBatcher', batched);
      const limits = await guard('afterItemsPath', async () => ({
        maxConcurrency: num(await evalField(state.MaxConcurrency, 'MaxConcurrency'), 0),
        toleratedCount:
          state.ToleratedFailureCount !== undefined
            ? num(await evalField(state.ToleratedFailureCount, 'ToleratedFailureCount'), 0)
            : undefined,
        toleratedPercent:
          state.ToleratedFailurePercentage !== undefined
            ? num(await evalField(state.ToleratedFailurePercentage, 'ToleratedFailurePercentage'), 0)
            : undefined,
      }));
      const result = await runMap(host, name, state, batched, t, limits);
      stage('result', result);
      return finish(result, result, nextOf(state));
    }
    default:
      throw new StatesError('States.Runtime', `The state '${name}' has an unknown Type '${type}'.`);
  }
}
