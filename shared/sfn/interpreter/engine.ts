/**
 * The interpreter: runs a state machine definition offline, in virtual time, with Task results from mocks, and
 * records what happened as a GetExecutionHistory event list (so the history analysis and the overlay work on it
 * unchanged) plus, per state run, the value after each data-flow stage.
 *
 * Semantics follow the Amazon States Language spec and the Step Functions developer guide; the rule used is named
 * where a choice had to be made. Parallel branches and Map iterations run one after another (the outcome of a
 * machine does not depend on the order), each on its own virtual clock starting when its parent started, so
 * durations and MaxConcurrency behave as they would in parallel.
 */
import type { HistoryEvent } from '../aws-types.ts';
import { checkPayload, InterpreterStop, StatesError, TERMINAL_ERRORS } from './errors.ts';
import type { MockResponse } from './mocks.ts';
import {
  json,
  num,
  Retriable,
  Vars,
  type Attempt,
  type Json,
  type Outcome,
  type RunOptions,
  type RunResult,
  type Scope,
  type StageName,
  type StateHost,
  type StateStep,
  type Thread,
} from './model.ts';
import { executeJsonPath } from './jsonpath-states.ts';
import { executeJsonata } from './jsonata-states.ts';
import { catcherResult, matches, withStateInCause, type StateRun } from './retry-catch.ts';

export { Retriable, Vars } from './model.ts';
export type { RunOptions, RunResult, Stage, StageName, StateStep, Thread } from './model.ts';

const TASK_FAMILIES = { task: 'Task', lambda: 'LambdaFunction', activity: 'Activity' } as const;

function taskFamily(resource: string): keyof typeof TASK_FAMILIES {
  if (/^arn:[^:]+:lambda:/.test(resource)) return 'lambda';
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) return 'activity';
  return 'task';
}

function splitResource(resource: string): { resourceType: string; resource: string } {
  const m = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (!m) return { resourceType: 'unknown', resource };
  const parts = m[1]!.split(':');
  const action = parts.pop()!;
  return { resourceType: parts.join(':'), resource: action };
}

export class Interpreter implements StateHost {
  readonly events: HistoryEvent[] = [];
  readonly steps: StateStep[] = [];
  private calls = new Map<string, number>();
  private entries = 0;
  private rand: () => number;
  private readonly definition: Json;
  private readonly topLanguage: 'JSONPath' | 'JSONata';
  private contextBase: Json;

  constructor(
    definition: unknown,
    private readonly options: RunOptions = {},
  ) {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw new InterpreterStop('The definition is not a JSON object.');
    }
    this.definition = definition as Json;
    this.topLanguage = this.definition.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
    let s = (options.seed ?? 1) >>> 0;
    this.rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const machine = options.stateMachineName ?? 'LocalStateMachine';
    const name = options.executionName ?? 'local-execution';
    const start = options.startTime ?? Date.UTC(2024, 0, 1);
    this.contextBase = {
      ...(options.context ?? {}),
      Execution: {
        Id: `arn:aws:states:local:000000000000:execution:${machine}:${name}`,
        Input: 'input' in options ? options.input : {},
        Name: name,
        RoleArn: 'arn:aws:iam::000000000000:role/local',
        StartTime: new Date(start).toISOString(),
        RedriveCount: 0,
        ...((options.context?.Execution as Json | undefined) ?? {}),
      },
      StateMachine: { Id: `arn:aws:states:local:000000000000:stateMachine:${machine}`, Name: machine },
    };
  }

  emit(t: Thread, type: string, key?: string, details?: Json): number {
    if (!t.record) return t.last;
    const id = this.events.length + 1;
    const ev: HistoryEvent = { id, previousEventId: t.last, type, timestamp: new Date(t.clock).toISOString() };
    if (key) ev[key] = details ?? {};
    this.events.push(ev);
    t.last = id;
    return id;
  }

  /** Runs the whole machine. */
  async run(): Promise<RunResult> {
    const start = this.options.startTime ?? Date.UTC(2024, 0, 1);
    const vars = new Vars();
    for (const [k, v] of Object.entries(this.options.variables ?? {})) vars.set(k, v);
    const t: Thread = { clock: start, last: 0, vars, record: true, prefix: '' };
    const input = 'input' in this.options ? this.options.input : {};
    this.emit(t, 'ExecutionStarted', 'executionStartedEventDetails', {
      input: json(input),
      inputDetails: { truncated: false },
      roleArn: (this.contextBase.Execution as Json).RoleArn,
    });
    try {
      checkPayload(input, 'execution input');
      const output = await this.runScope(this.definition as unknown as Scope, input, t);
      this.emit(t, 'ExecutionSucceeded', 'executionSucceededEventDetails', {
        output: json(output),
        outputDetails: { truncated: false },
      });
      return { status: 'SUCCEEDED', output, events: this.events, steps: this.steps, durationMs: t.clock - start };
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      this.emit(t, 'ExecutionFailed', 'executionFailedEventDetails', { error: e.error, cause: e.causeText });
      return {
        status: 'FAILED',
        error: e.error,
        cause: e.causeText,
        events: this.events,
        steps: this.steps,
        durationMs: t.clock - start,
      };
    }
  }

  private checkScope(scope: unknown, where: string): Scope {
    const s = scope as Scope | undefined;
    if (!s || typeof s !== 'object' || typeof s.StartAt !== 'string' || !s.States || typeof s.States !== 'object') {
      throw new InterpreterStop(`${where} has no StartAt/States to run.`);
    }
    return s;
  }

  /** Runs one scope (the machine, a branch, an iteration) from StartAt to an end. */
  async runScope(scopeIn: unknown, input: unknown, t: Thread): Promise<unknown> {
    const scope = this.checkScope(scopeIn, t.prefix ? `"${t.prefix}"` : 'The definition');
    let name: string | undefined = scope.StartAt;
    let value = input;
    while (name !== undefined) {
      const state = scope.States[name];
      if (!state || typeof state !== 'object') {
        throw new StatesError(
          'States.Runtime',
          `The state '${name}' is not defined${t.prefix ? ` in ${t.prefix}` : ''}.`,
        );
      }
      if (++this.entries > (this.options.maxStates ?? 100_000)) {
        throw new InterpreterStop(
          `Stopped after ${this.entries - 1} state entries (a loop?). Raise the limit if the machine really runs this long.`,
          name,
        );
      }
      const out: Outcome = await this.runState(name, state, value, t);
      value = out.output;
      name = out.next;
    }
    return value;
  }

  private language(state: Json): 'JSONPath' | 'JSONata' {
    return state.QueryLanguage === 'JSONata'
      ? 'JSONata'
      : state.QueryLanguage === 'JSONPath'
        ? 'JSONPath'
        : this.topLanguage;
  }

  private context(t: Thread, name: string, entered: number, retryCount: number, token?: string, type?: string): Json {
    // RetryCount only where retries exist (Task, Parallel, Map): AWS gives a Pass state's $states.context.State as
    // just Name and EnteredTime (LocalStack parity history test_output BASE_EXPR, recorded against AWS).
    const retries = type === 'Task' || type === 'Parallel' || type === 'Map';
    const ctx: Json = {
      ...this.contextBase,
      State: {
        EnteredTime: new Date(entered).toISOString(),
        Name: name,
        ...(retries ? { RetryCount: retryCount } : {}),
      },
    };
    if (token) ctx.Task = { Token: token };
    if (t.map) ctx.Map = { Item: { Index: t.map.Index, Value: t.map.Value } };
    return ctx;
  }

  /** Runs one state: events, data flow, Retry/Catch. */
  async runState(name: string, state: Json, input: unknown, t: Thread): Promise<Outcome> {
    const type = String(state.Type);
    const step: StateStep = {
      name,
      type,
      path: t.prefix ? `${t.prefix} › ${name}` : name,
      input,
      stages: [{ stage: 'input', value: input }],
      retries: 0,
    };
    this.steps.push(step);
    const enteredAt = t.clock;
    const enteredId = this.emit(t, `${type}StateEntered`, 'stateEnteredEventDetails', {
      name,
      input: json(input),
      inputDetails: { truncated: false },
    });
    if (t.record) step.enteredEventId = enteredId;
    const run: StateRun = { name, state, input, t, type, step, enteredAt, enteredId, lang: this.language(state) };
    let retryCounts: number[] = [];
    for (;;) {
      try {
        const r = await this.execute(name, state, input, t, run.lang, step, enteredAt, step.retries);
        checkPayload(r.output, `output of the state '${name}'`);
        step.output = r.output;
        step.next = r.next;
        this.exit(t, type, name, r.output, step.assigned);
        return r;
      } catch (thrown) {
        if (!(thrown instanceof StatesError)) throw thrown;
        const { e, terminal } = this.catchableFailure(run, thrown);
        const counts = this.retry(run, e, terminal, retryCounts);
        if (counts) {
          retryCounts = counts;
          continue;
        }
        return this.catchError(run, e);
      }
    }
  }

  /**
   * Records a failed attempt on the step and returns the error as Retry/Catch see it (an evaluation error names
   * the state in its cause). Throws it when the state cannot catch it: only Task, Parallel and Map have
   * Retry/Catch, and a States.* error other than a task's is caught only when a retrier or catcher names it.
   */
  private catchableFailure(run: StateRun, thrown: StatesError): { e: StatesError; terminal: boolean } {
    const { step, state, type, name, t } = run;
    step.error = thrown.error;
    step.cause = thrown.causeText;
    step.failedStage ??= 'result';
    const named = (list: unknown): boolean =>
      Array.isArray(list) &&
      (list as Json[]).some((h) => Array.isArray(h.ErrorEquals) && h.ErrorEquals.includes(thrown.error));
    const terminal = TERMINAL_ERRORS.has(thrown.error) && !thrown.fromTask;
    const catchable =
      ['Task', 'Parallel', 'Map'].includes(type) &&
      (!terminal || (thrown.error !== 'States.Runtime' && (named(state.Retry) || named(state.Catch))));
    const e = withStateInCause(thrown, name, run.enteredId);
    if (catchable) return { e, terminal };
    if (e.error === 'States.QueryEvaluationError') {
      const location = /specified for the field '([^']+)'/.exec(e.causeText)?.[1];
      this.emit(t, 'EvaluationFailed', 'evaluationFailedEventDetails', {
        error: e.error,
        cause: e.causeText,
        ...(location ? { location } : {}),
        state: name,
      });
    }
    throw e;
  }

  /**
   * Applies the first retrier that matches `e`: waits its backoff on the virtual clock and returns the new retry
   * counts, or returns undefined when no retrier retries (none matches, or its attempts are used up). In
   * single-attempt mode (TestState) a retry is reported as `Retriable` instead.
   */
  private retry(run: StateRun, e: StatesError, terminal: boolean, retryCounts: number[]): number[] | undefined {
    const { state, type, step, t } = run;
    const retriers = Array.isArray(state.Retry) ? (state.Retry as Json[]) : [];
    const ri = retriers.findIndex((r) => matches(r.ErrorEquals, e));
    const willRetry =
      ri >= 0 && !this.options.singleAttempt && (retryCounts[ri] ?? 0) < num(retriers[ri]!.MaxAttempts, 3);
    // AWS records one ParallelStateFailed/MapStateFailed when the state gives up, not one per attempt.
    if (!willRetry && (type === 'Parallel' || type === 'Map') && !terminal) {
      this.emit(
        t,
        `${type}StateFailed`,
        type === 'Parallel' ? 'parallelStateFailedEventDetails' : undefined,
        type === 'Parallel' ? { error: e.error, cause: e.causeText } : undefined,
      );
    }
    if (ri < 0) return undefined;
    const r = retriers[ri]!;
    const count = retryCounts[ri] ?? 0;
    const single = this.options.singleAttempt;
    const done = single ? single.retrierRetryCount : count;
    if (done >= num(r.MaxAttempts, 3)) return undefined;
    let delay = num(r.IntervalSeconds, 1) * Math.pow(num(r.BackoffRate, 2), done);
    if (typeof r.MaxDelaySeconds === 'number') delay = Math.min(delay, r.MaxDelaySeconds);
    if (r.JitterStrategy === 'FULL') delay = this.rand() * delay;
    if (single) throw new Retriable(e, ri, delay);
    const counts = [...retryCounts];
    counts[ri] = count + 1;
    step.retries++;
    t.clock += Math.round(delay * 1000);
    step.stages = step.stages.filter((s) => s.stage === 'input');
    step.error = step.cause = step.failedStage = undefined;
    return counts;
  }

  /** The first catcher that matches `e` takes the state to its Next with the error output; else `e` is thrown. */
  private async catchError(run: StateRun, e: StatesError): Promise<Outcome> {
    const { state, step, t, type, name } = run;
    const catchers = Array.isArray(state.Catch) ? (state.Catch as Json[]) : [];
    const catcher = catchers.find((c) => matches(c.ErrorEquals, e));
    if (!catcher) throw e;
    const errorOutput = e.output();
    step.stages.push({ stage: 'errorOutput', value: errorOutput });
    const ctx = this.context(t, name, run.enteredAt, step.retries, undefined, type);
    const { output, assigned } = await catcherResult(run, catcher, errorOutput, ctx);
    this.assign(t, assigned, step);
    step.caught = true;
    step.output = output;
    step.stages.push({ stage: 'output', value: output });
    step.next = typeof catcher.Next === 'string' ? catcher.Next : undefined;
    this.exit(t, type, name, output, step.assigned);
    return { output, next: step.next };
  }

  private exit(t: Thread, type: string, name: string, output: unknown, assigned?: Record<string, unknown>): void {
    if (type === 'Fail') return;
    const details: Json = { name, output: json(output), outputDetails: { truncated: false } };
    if (assigned && Object.keys(assigned).length) {
      details.assignedVariables = Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, json(v)]));
      details.assignedVariablesDetails = { truncated: false };
    }
    this.emit(t, `${type}StateExited`, 'stateExitedEventDetails', details);
  }

  assign(t: Thread, values: Record<string, unknown>, step: StateStep): void {
    if (!Object.keys(values).length) return;
    for (const [k, v] of Object.entries(values)) {
      checkPayload(v, `variable $${k}`);
      t.vars.set(k, v);
    }
    step.assigned = { ...(step.assigned ?? {}), ...values };
    step.stages.push({ stage: 'assign', value: values });
  }

  /** One attempt of a state's work, from its input to its output (Retry/Catch are around it). */
  private async execute(
    name: string,
    state: Json,
    input: unknown,
    t: Thread,
    lang: 'JSONPath' | 'JSONata',
    step: StateStep,
    enteredAt: number,
    retryCount: number,
  ): Promise<Outcome> {
    const type = String(state.Type);
    // $$.Task.Token exists for callback (.waitForTaskToken) and job-run (.sync) integrations: AWS passed one to a
    // startExecution.sync Task (LocalStack parity history test_sync_with_task_token, recorded against AWS).
    const token =
      typeof state.Resource === 'string' && /\.(waitForTaskToken|sync(:2)?)$/.test(state.Resource)
        ? `local-token-${this.events.length + 1}`
        : undefined;
    const ctx = this.context(t, name, enteredAt, retryCount, token, type);
    const stage = (s: StageName, value: unknown): unknown => {
      step.stages.push({ stage: s, value });
      return value;
    };
    const guard = async <T>(s: StageName, fn: () => T | Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (e) {
        if (e instanceof StatesError) step.failedStage = s;
        throw e;
      }
    };

    const a: Attempt = { host: this, name, state, input, t, step, ctx, stage, guard };
    return lang === 'JSONata' ? executeJsonata(a) : executeJsonPath(a);
  }

  /** The next mocked response of a state, or a stop naming the state. */
  private nextMock(name: string, parameters?: unknown, what = 'Task state'): MockResponse {
    const resolved = this.options.resolveMock?.(name, parameters);
    if (resolved) return resolved;
    const list = this.options.mocks?.[name];
    if (!list || list.length === 0) {
      throw new InterpreterStop(
        `The ${what} "${name}" has no mocked response: add one for "${name}" to the mocks (nothing is called on AWS).`,
        name,
      );
    }
    const n = this.calls.get(name) ?? 0;
    this.calls.set(name, n + 1);
    const r = list[n];
    if (!r)
      throw new InterpreterStop(
        `The ${what} "${name}" was called ${n + 1} times but its mock has ${list.length} response(s).`,
        name,
      );
    return r;
  }

  readItems(name: string): unknown {
    // The items an ItemReader would read from S3 come from a mock of the Map state (its result is the item list).
    const r = this.nextMock(name, undefined, 'Map state (ItemReader)');
    if (r.kind === 'error') throw new StatesError(r.error ?? '', r.cause ?? '');
    return r.value;
  }

  async invoke(name: string, state: Json, params: unknown, t: Thread, timeoutSeconds?: number): Promise<unknown> {
    const resource = String(state.Resource ?? '');
    const family = taskFamily(resource);
    const prefix = TASK_FAMILIES[family];
    const { resourceType, resource: action } = splitResource(resource);
    const ident =
      family === 'task' ? { resourceType, resource: action } : family === 'lambda' ? { resource } : { resource };
    const lower = prefix.charAt(0).toLowerCase() + prefix.slice(1);
    if (family === 'task') {
      this.emit(t, 'TaskScheduled', 'taskScheduledEventDetails', {
        ...ident,
        region: 'local',
        parameters: json(params),
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
      });
      this.emit(t, 'TaskStarted', 'taskStartedEventDetails', ident);
    } else {
      this.emit(t, `${prefix}Scheduled`, `${lower}ScheduledEventDetails`, {
        resource,
        input: json(params),
        inputDetails: { truncated: false },
      });
      this.emit(
        t,
        `${prefix}Started`,
        family === 'activity' ? 'activityStartedEventDetails' : undefined,
        family === 'activity' ? { workerName: 'local' } : undefined,
      );
    }
    const r = this.nextMock(name, params);
    if (r.kind === 'error') {
      // A timeout is recorded as TaskTimedOut (LambdaFunctionTimedOut, ActivityTimedOut), as AWS does.
      const outcome = r.error === 'States.Timeout' ? 'TimedOut' : 'Failed';
      this.emit(t, `${prefix}${outcome}`, `${lower}${outcome}EventDetails`, {
        ...(family === 'task' ? ident : {}),
        ...(r.error !== null ? { error: r.error } : {}),
        ...(r.cause !== null ? { cause: r.cause } : {}),
      });
      const failure = new StatesError(r.error ?? '', r.cause ?? '');
      failure.fromTask = true;
      failure.nullError = r.error === null;
      failure.nullCause = r.cause === null;
      throw failure;
    }
    try {
      checkPayload(r.value, `result of the state '${name}'`);
    } catch {
      const e = new StatesError(
        'States.DataLimitExceeded',
        `The state/task '${family === 'task' ? resourceType : resource}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      );
      e.fromTask = true;
      this.emit(t, `${prefix}Failed`, `${lower}FailedEventDetails`, {
        ...(family === 'task' ? ident : {}),
        error: e.error,
        cause: e.causeText,
      });
      throw e;
    }
    this.emit(t, `${prefix}Succeeded`, `${lower}SucceededEventDetails`, {
      ...(family === 'task' ? ident : {}),
      output: json(r.value),
      outputDetails: { truncated: false },
    });
    return structuredClone(r.value);
  }
}

/** Runs a whole machine. Throws `InterpreterStop` when it cannot go on (a Task without a mock, a loop guard). */
export async function runMachine(definition: unknown, options: RunOptions = {}): Promise<RunResult> {
  return new Interpreter(definition, options).run();
}
