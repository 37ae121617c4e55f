/** Retry and Catch around a state's attempts: which retrier or catcher matches an error, and what a catcher yields. */
import { StatesError, TERMINAL_ERRORS } from './errors.ts';
import { evaluateTemplate, type JsonataScope } from './jsonata-eval.ts';
import { applyPayloadTemplate, applyResultPath, type PathScope } from './jsonpath.ts';
import type { Json, StateStep, Thread } from './model.ts';

/** Whether a retrier's or catcher's ErrorEquals matches the error. */
export function matches(errorEquals: unknown, e: StatesError): boolean {
  const error = e.error;
  if (!Array.isArray(errorEquals)) return false;
  if (errorEquals.includes(error)) return true;
  if (TERMINAL_ERRORS.has(error) && !e.fromTask) return false;
  if (errorEquals.includes('States.ALL')) return true;
  // The spec: States.TaskFailed used in Retry/Catch matches any known error name except States.Timeout.
  return errorEquals.includes('States.TaskFailed') && error !== 'States.Timeout' && !error.startsWith('States.')
    ? true
    : false;
}

/** One state being run: what Retry and Catch need about it. */
export interface StateRun {
  name: string;
  state: Json;
  input: unknown;
  t: Thread;
  type: string;
  step: StateStep;
  enteredAt: number;
  enteredId: number;
  lang: 'JSONPath' | 'JSONata';
}

/** AWS names the state and its entered event in the cause of evaluation errors. */
export function withStateInCause(e: StatesError, name: string, enteredId: number): StatesError {
  const evaluation = e.error === 'States.Runtime' || e.error === 'States.QueryEvaluationError';
  if (!evaluation || e.causeText.startsWith('An error occurred while executing the state')) return e;
  const named = new StatesError(
    e.error,
    `An error occurred while executing the state '${name}' (entered at the event id #${enteredId}). ${e.causeText}`,
  );
  named.fromTask = e.fromTask;
  return named;
}

/**
 * A catcher's output and assigned variables, from the error output: Output and Assign in JSONata, ResultPath and
 * Assign in JSONPath.
 */
export async function catcherResult(
  run: StateRun,
  catcher: Json,
  errorOutput: unknown,
  ctx: Json,
): Promise<{ output: unknown; assigned: Record<string, unknown> }> {
  const { input, t } = run;
  const assigned: Record<string, unknown> = {};
  if (run.lang === 'JSONata') {
    const js: JsonataScope = { states: { input, errorOutput, context: ctx }, variables: t.vars.all() };
    const output = catcher.Output !== undefined ? await evaluateTemplate(catcher.Output, 'Output', js) : errorOutput;
    if (catcher.Assign && typeof catcher.Assign === 'object') {
      for (const [k, v] of Object.entries(catcher.Assign as Json))
        assigned[k] = await evaluateTemplate(v, `Assign/${k}`, js);
    }
    return { output, assigned };
  }
  const ps: PathScope = { data: errorOutput, context: ctx, variables: (n) => t.vars.get(n) };
  if (catcher.Assign && typeof catcher.Assign === 'object')
    Object.assign(assigned, applyPayloadTemplate(catcher.Assign, ps));
  const output = applyResultPath(
    input,
    catcher.ResultPath === undefined ? '$' : (catcher.ResultPath as string | null),
    errorOutput,
  );
  return { output, assigned };
}
