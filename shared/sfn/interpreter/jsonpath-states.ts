/** One attempt of a JSONPath state: InputPath, Parameters, the state's work, ResultSelector, ResultPath, OutputPath. */
import { checkPayload, StatesError, describe } from './errors.ts';
import { evaluateRule } from './choice.ts';
import { applyPayloadTemplate, applyResultPath, resolveDynamic, resolvePath, type PathScope } from './jsonpath.ts';
import { batchItems, mapLimits, runMap, runParallel } from './containers.ts';
import { nextOf, waitState, type Attempt, type Json, type Outcome } from './model.ts';

export async function executeJsonPath(a: Attempt): Promise<Outcome> {
  const { host, name, state, input, t, step, ctx, stage, guard } = a;
  const type = String(state.Type);
  const pathScope = (data: unknown): PathScope => ({ data, context: ctx, variables: (n) => t.vars.get(n) });
  // Fail has no InputPath; every other state applies it first (null discards the input: {}).
  const effective =
    type === 'Fail'
      ? input
      : await guard('afterInputPath', () =>
          state.InputPath === null ? {} : resolvePath((state.InputPath as string) ?? '$', pathScope(input)),
        );
  if (type !== 'Fail') stage('afterInputPath', effective);
  const finishOutput = async (
    afterResultPath: unknown,
    assignScope: unknown,
    next: string | undefined,
  ): Promise<Outcome> => {
    if (state.Assign && typeof state.Assign === 'object') {
      const values = (await guard('assign', () =>
        applyPayloadTemplate(state.Assign, pathScope(assignScope)),
      )) as Record<string, unknown>;
      host.assign(t, values, step);
    }
    const output = await guard('output', () =>
      state.OutputPath === null ? {} : resolvePath((state.OutputPath as string) ?? '$', pathScope(afterResultPath)),
    );
    stage('output', output);
    return { output, next };
  };
  const withResult = async (result: unknown): Promise<{ selected: unknown; after: unknown }> => {
    stage('result', result);
    let selected = result;
    if (state.ResultSelector !== undefined) {
      selected = await guard('afterResultSelector', () =>
        applyPayloadTemplate(state.ResultSelector, pathScope(result)),
      );
    }
    stage('afterResultSelector', selected);
    const after = await guard('afterResultPath', () =>
      applyResultPath(input, state.ResultPath as string | null | undefined, selected),
    );
    stage('afterResultPath', after);
    return { selected, after };
  };

  switch (type) {
    case 'Pass': {
      let params = effective;
      if (state.Parameters !== undefined)
        params = await guard('afterParameters', () => applyPayloadTemplate(state.Parameters, pathScope(effective)));
      stage('afterParameters', params);
      const result = state.Result !== undefined ? state.Result : params;
      const { after } = await withResult(result);
      return finishOutput(after, result, nextOf(state));
    }
    case 'Task': {
      let params = effective;
      if (state.Parameters !== undefined)
        params = await guard('afterParameters', () => applyPayloadTemplate(state.Parameters, pathScope(effective)));
      stage('afterParameters', params);
      await guard('afterParameters', () => checkPayload(params, `input of the state '${name}' after Parameters`));
      const timeout = await guard('afterParameters', () => {
        // TimeoutSecondsPath/HeartbeatSecondsPath read the effective input; a missing path is States.Runtime.
        for (const field of ['TimeoutSecondsPath', 'HeartbeatSecondsPath']) {
          if (state[field] === undefined) continue;
          const v = resolvePath(String(state[field]), pathScope(effective));
          if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
            throw new StatesError(
              'States.Runtime',
              `The ${field} '${String(state[field])}' must give a positive integer, got ${describe(v)}.`,
            );
          }
          if (field === 'TimeoutSecondsPath') return v;
        }
        return typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
      });
      const result = await host.invoke(name, state, params, t, timeout);
      const { selected, after } = await withResult(result);
      return finishOutput(after, selected, nextOf(state));
    }
    case 'Choice': {
      const rules = Array.isArray(state.Choices) ? (state.Choices as Json[]) : [];
      const scope = pathScope(effective);
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
        host.assign(
          t,
          (await guard('assign', () => applyPayloadTemplate(assign, scope))) as Record<string, unknown>,
          step,
        );
      const output = await guard('output', () =>
        state.OutputPath === null ? {} : resolvePath((state.OutputPath as string) ?? '$', pathScope(effective)),
      );
      stage('output', output);
      return { output, next };
    }
    case 'Wait': {
      const scope = pathScope(effective);
      let seconds: number | undefined;
      let timestamp: string | undefined;
      await guard('afterInputPath', () => {
        if (state.SecondsPath !== undefined) seconds = resolvePath(String(state.SecondsPath), scope) as number;
        else if (state.Seconds !== undefined) seconds = state.Seconds as number;
        if (state.TimestampPath !== undefined) timestamp = resolvePath(String(state.TimestampPath), scope) as string;
        else if (state.Timestamp !== undefined) timestamp = state.Timestamp as string;
      });
      waitState(t, name, step, seconds, timestamp);
      return finishOutput(effective, effective, nextOf(state));
    }
    case 'Succeed':
      return finishOutput(effective, effective, undefined);
    case 'Fail': {
      const scope = pathScope(input);
      const error =
        state.ErrorPath !== undefined
          ? await guard('input', () => resolveDynamic(state.ErrorPath, 'ErrorPath', scope))
          : state.Error;
      const cause =
        state.CausePath !== undefined
          ? await guard('input', () => resolveDynamic(state.CausePath, 'CausePath', scope))
          : state.Cause;
      step.failedStage = 'fail';
      throw new StatesError(typeof error === 'string' ? error : '', typeof cause === 'string' ? cause : '');
    }
    case 'Parallel': {
      let params = effective;
      if (state.Parameters !== undefined)
        params = await guard('afterParameters', () => applyPayloadTemplate(state.Parameters, pathScope(effective)));
      stage('afterParameters', params);
      const result = await runParallel(host, name, state, params, t);
      const { selected, after } = await withResult(result);
      return finishOutput(after, selected, nextOf(state));
    }
    case 'Map': {
      let items: unknown = await guard('afterItemsPath', async () =>
        state.ItemReader !== undefined
          ? host.readItems(name)
          : resolvePath((state.ItemsPath as string) ?? '$', pathScope(effective)),
      );
      stage('afterItemsPath', items);
      if (!Array.isArray(items)) {
        step.failedStage = 'afterItemsPath';
        throw new StatesError(
          'States.Runtime',
          `The ItemsPath of the Map state '${name}' did not select an array: ${describe(items)}`,
        );
      }
      const selector = state.ItemSelector ?? state.Parameters;
      const arr = items;
      if (selector !== undefined) {
        items = await guard('afterItemSelector', () =>
          arr.map((value, index) =>
            applyPayloadTemplate(selector, {
              data: effective,
              context: { ...ctx, Map: { Item: { Index: index, Value: value } } },
              variables: (n) => t.vars.get(n),
            }),
          ),
        );
        stage('afterItemSelector', items);
      }
      const batched = await guard('afterItemBatcher', () =>
        batchItems(state, items as unknown[], (p) => resolvePath(p, pathScope(effective))),
      );
      if (batched !== items) stage('afterItemBatcher', batched);
      const counts = await guard('afterItemsPath', () => mapLimits(state, (p) => resolvePath(p, pathScope(effective))));
      const result = await runMap(host, name, state, batched as unknown[], t, counts);
      const { selected, after } = await withResult(result);
      return finishOutput(after, selected, nextOf(state));
    }
    default:
      throw new StatesError('States.Runtime', `The state '${name}' has an unknown Type '${type}'.`);
  }
}
