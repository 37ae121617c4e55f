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
import { checkPayload, InterpreterStop, StatesError, TERMINAL_ERRORS, describe } from './errors.ts';
import { evaluateRule, isTimestamp } from './choice.ts';
import { evaluateExpression, evaluateTemplate, isJsonataExpression, type JsonataScope } from './jsonata-eval.ts';
import { applyPayloadTemplate, applyResultPath, resolveDynamic, resolvePath, type PathScope } from './jsonpath.ts';
import type { MockResponse, MockSet } from './mocks.ts';

type Json = Record<string, unknown>;

/** The data-flow stages, named as TestState's inspectionData names them where it has a name. */
export type StageName =
  | 'input'
  | 'afterInputPath'
  | 'afterParameters'
  | 'afterArguments'
  | 'afterItemsPath'
  | 'afterItemSelector'
  | 'afterItemBatcher'
  | 'result'
  | 'afterResultSelector'
  | 'afterResultPath'
  | 'output'
  | 'assign'
  | 'errorOutput';

export interface Stage {
  stage: StageName;
  value: unknown;
}

/** One run of one state. */
export interface StateStep {
  name: string;
  type: string;
  /** Where it ran: `Map State[2] › Inner`, `Parallel[1] › B`, or the name at top level. */
  path: string;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  /** The stage that raised the error (the value of the stages before it is known). */
  failedStage?: StageName | 'retry' | 'catch' | 'choice' | 'wait' | 'fail';
  stages: Stage[];
  assigned?: Record<string, unknown>;
  next?: string;
  retries: number;
  caught?: boolean;
  /** Id of its StateEntered event (absent inside a Distributed Map, whose iterations are not in the history). */
  enteredEventId?: number;
}

export interface RunOptions {
  input?: unknown;
  mocks?: MockSet;
  executionName?: string;
  stateMachineName?: string;
  /** Virtual start time (ms since epoch). Default 2024-01-01T00:00:00Z so runs repeat exactly. */
  startTime?: number;
  /** Stop after this many state entries (a loop guard). Default 100,000. */
  maxStates?: number;
  /** Consulted before `mocks`: a response for this call of the state with these parameters (replay uses it). */
  resolveMock?: (state: string, parameters: unknown) => MockResponse | undefined;
  /** Seed for FULL jitter. */
  seed?: number;
  /** Initial variables (TestState's `variables`). */
  variables?: Record<string, unknown>;
  /** Context object fields to use instead of the generated ones (TestState's `context`). */
  context?: Record<string, unknown>;
  /**
   * TestState mode: run one attempt only. A retriable error is reported (`Retriable`) instead of retried;
   * `retrierRetryCount` is how many retries already happened (TestState's stateConfiguration).
   */
  singleAttempt?: { retrierRetryCount: number };
}

/** Thrown in single-attempt mode when a retrier would retry the error. */
export class Retriable extends Error {
  override name = 'Retriable';
  constructor(
    readonly statesError: StatesError,
    readonly retryIndex: number,
    readonly backoffSeconds: number,
  ) {
    super(statesError.message);
  }
}

export interface RunResult {
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  steps: StateStep[];
  durationMs: number;
}

/** Workflow variables of one scope; inner scopes (branches, inline Map iterations) read the outer ones. */
export class Vars {
  private own = new Map<string, unknown>();
  constructor(private readonly parent: Vars | null = null) {}
  get(name: string): { found: boolean; value?: unknown } {
    if (this.own.has(name)) return { found: true, value: this.own.get(name) };
    return this.parent ? this.parent.get(name) : { found: false };
  }
  set(name: string, value: unknown): void {
    this.own.set(name, value);
  }
  all(): Record<string, unknown> {
    const base = this.parent ? this.parent.all() : {};
    for (const [k, v] of this.own) base[k] = v;
    return base;
  }
  child(): Vars {
    return new Vars(this);
  }
}

/** One line of execution: a clock, the last event id (for previousEventId), variables. */
export interface Thread {
  clock: number;
  last: number;
  vars: Vars;
  /** Record nested events (false inside a Distributed Map: its iterations are child executions). */
  record: boolean;
  prefix: string;
  map?: { Index: number; Value: unknown };
}

interface Scope {
  States: Record<string, Json>;
  StartAt: string;
}

interface Outcome {
  output: unknown;
  next?: string;
}

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

const json = (v: unknown): string => JSON.stringify(v === undefined ? null : v);

function matches(errorEquals: unknown, e: StatesError): boolean {
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

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export class Interpreter {
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

  private emit(t: Thread, type: string, key?: string, details?: Json): number {
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
    const lang = this.language(state);
    let retryCounts: number[] = [];
    for (;;) {
      try {
        const r = await this.execute(name, state, input, t, lang, step, enteredAt, step.retries);
        checkPayload(r.output, `output of the state '${name}'`);
        step.output = r.output;
        step.next = r.next;
        this.exit(t, type, name, r.output, step.assigned);
        return r;
      } catch (thrown) {
        if (!(thrown instanceof StatesError)) throw thrown;
        let e: StatesError = thrown;
        step.error = e.error;
        step.cause = e.causeText;
        step.failedStage ??= 'result';
        const named = (list: unknown): boolean =>
          Array.isArray(list) &&
          (list as Json[]).some((h) => Array.isArray(h.ErrorEquals) && h.ErrorEquals.includes(e.error));
        const terminal = TERMINAL_ERRORS.has(e.error) && !e.fromTask;
        const catchable =
          ['Task', 'Parallel', 'Map'].includes(type) &&
          (!terminal || (e.error !== 'States.Runtime' && (named(state.Retry) || named(state.Catch))));
        const evaluation = e.error === 'States.Runtime' || e.error === 'States.QueryEvaluationError';
        if (evaluation && !e.causeText.startsWith('An error occurred while executing the state')) {
          // AWS names the state and its entered event in the cause of evaluation errors.
          const fromTask = e.fromTask;
          e = new StatesError(
            e.error,
            `An error occurred while executing the state '${name}' (entered at the event id #${enteredId}). ${e.causeText}`,
          );
          e.fromTask = fromTask;
        }
        if (!catchable) {
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
        if (ri >= 0) {
          const r = retriers[ri]!;
          const count = retryCounts[ri] ?? 0;
          const single = this.options.singleAttempt;
          const done = single ? single.retrierRetryCount : count;
          if (done < num(r.MaxAttempts, 3)) {
            let delay = num(r.IntervalSeconds, 1) * Math.pow(num(r.BackoffRate, 2), done);
            if (typeof r.MaxDelaySeconds === 'number') delay = Math.min(delay, r.MaxDelaySeconds);
            if (r.JitterStrategy === 'FULL') delay = this.rand() * delay;
            if (single) throw new Retriable(e, ri, delay);
            retryCounts = [...retryCounts];
            retryCounts[ri] = count + 1;
            step.retries++;
            t.clock += Math.round(delay * 1000);
            step.stages = step.stages.filter((s) => s.stage === 'input');
            step.error = step.cause = step.failedStage = undefined;
            continue;
          }
        }
        const catchers = Array.isArray(state.Catch) ? (state.Catch as Json[]) : [];
        const catcher = catchers.find((c) => matches(c.ErrorEquals, e));
        if (!catcher) throw e;
        const errorOutput = e.output();
        step.stages.push({ stage: 'errorOutput', value: errorOutput });
        let output: unknown;
        const assigned: Record<string, unknown> = {};
        const ctx = this.context(t, name, enteredAt, step.retries, undefined, type);
        if (lang === 'JSONata') {
          const js: JsonataScope = { states: { input, errorOutput, context: ctx }, variables: t.vars.all() };
          output = catcher.Output !== undefined ? await evaluateTemplate(catcher.Output, 'Output', js) : errorOutput;
          if (catcher.Assign && typeof catcher.Assign === 'object') {
            for (const [k, v] of Object.entries(catcher.Assign as Json))
              assigned[k] = await evaluateTemplate(v, `Assign/${k}`, js);
          }
        } else {
          const ps: PathScope = { data: errorOutput, context: ctx, variables: (n) => t.vars.get(n) };
          if (catcher.Assign && typeof catcher.Assign === 'object')
            Object.assign(assigned, applyPayloadTemplate(catcher.Assign, ps));
          output = applyResultPath(
            input,
            catcher.ResultPath === undefined ? '$' : (catcher.ResultPath as string | null),
            errorOutput,
          );
        }
        this.assign(t, assigned, step);
        step.caught = true;
        step.output = output;
        step.stages.push({ stage: 'output', value: output });
        step.next = typeof catcher.Next === 'string' ? catcher.Next : undefined;
        this.exit(t, type, name, output, step.assigned);
        return { output, next: step.next };
      }
    }
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

  private assign(t: Thread, values: Record<string, unknown>, step: StateStep): void {
    if (!Object.keys(values).length) return;
    for (const [k, v] of Object.entries(values)) {
      checkPayload(v, `variable $${k}`);
      t.vars.set(k, v);
    }
    step.assigned = { ...(step.assigned ?? {}), ...values };
    step.stages.push({ stage: 'assign', value: values });
  }

  private nextOf(state: Json): string | undefined {
    return state.End === true ? undefined : typeof state.Next === 'string' ? state.Next : undefined;
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

    if (lang === 'JSONata') return this.executeJsonata(name, state, input, t, step, ctx, stage, guard);

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
        this.assign(t, values, step);
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
        return finishOutput(after, result, this.nextOf(state));
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
        const result = await this.invoke(name, state, params, t, timeout);
        const { selected, after } = await withResult(result);
        return finishOutput(after, selected, this.nextOf(state));
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
          this.assign(
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
        this.wait(t, name, step, seconds, timestamp);
        return finishOutput(effective, effective, this.nextOf(state));
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
        const result = await this.parallel(name, state, params, t);
        const { selected, after } = await withResult(result);
        return finishOutput(after, selected, this.nextOf(state));
      }
      case 'Map': {
        let items: unknown = await guard('afterItemsPath', async () =>
          state.ItemReader !== undefined
            ? this.readItems(name)
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
          this.batch(state, items as unknown[], (p) => resolvePath(p, pathScope(effective))),
        );
        if (batched !== items) stage('afterItemBatcher', batched);
        const counts = await guard('afterItemsPath', () =>
          this.mapLimits(state, (p) => resolvePath(p, pathScope(effective))),
        );
        const result = await this.map(name, state, batched as unknown[], t, counts);
        const { selected, after } = await withResult(result);
        return finishOutput(after, selected, this.nextOf(state));
      }
      default:
        throw new StatesError('States.Runtime', `The state '${name}' has an unknown Type '${type}'.`);
    }
  }

  private async executeJsonata(
    name: string,
    state: Json,
    input: unknown,
    t: Thread,
    step: StateStep,
    ctx: Json,
    stage: (s: StageName, v: unknown) => unknown,
    guard: <T>(s: StageName, fn: () => T | Promise<T>) => Promise<T>,
  ): Promise<Outcome> {
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
      this.assign(t, values, step);
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
        return finish(input, undefined, this.nextOf(state));
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
        const result = await this.invoke(name, state, a, t, typeof timeout === 'number' ? timeout : undefined);
        stage('result', result);
        return finish(result, result, this.nextOf(state));
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
          this.wait(t, name, step, seconds as number | undefined, timestamp as string | undefined);
        } catch (e) {
          // In JSONata a bad Seconds/Timestamp value is an expression result, so AWS reports a query evaluation error.
          if (e instanceof StatesError) throw new StatesError('States.QueryEvaluationError', e.causeText);
          throw e;
        }
        return finish(input, undefined, this.nextOf(state));
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
        const result = await this.parallel(name, state, a, t);
        stage('result', result);
        return finish(result, result, this.nextOf(state));
      }
      case 'Map': {
        let items: unknown =
          state.ItemReader !== undefined
            ? await guard('afterItemsPath', () => this.readItems(name))
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
          return this.batch({ ItemBatcher: resolved }, items as unknown[], () => undefined);
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
        const result = await this.map(name, state, batched, t, limits);
        stage('result', result);
        return finish(result, result, this.nextOf(state));
      }
      default:
        throw new StatesError('States.Runtime', `The state '${name}' has an unknown Type '${type}'.`);
    }
  }

  private wait(t: Thread, name: string, step: StateStep, seconds: unknown, timestamp: unknown): void {
    if (seconds !== undefined) {
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        step.failedStage = 'wait';
        throw new StatesError(
          'States.Runtime',
          `The Wait state '${name}' needs a non-negative integer number of seconds, got ${describe(seconds)}.`,
        );
      }
      t.clock += seconds * 1000;
    } else if (timestamp !== undefined) {
      if (!isTimestamp(timestamp)) {
        step.failedStage = 'wait';
        throw new StatesError(
          'States.Runtime',
          `The Wait state '${name}' got ${describe(timestamp)}, which is not an RFC 3339 timestamp.`,
        );
      }
      t.clock = Math.max(t.clock, Date.parse(timestamp));
    }
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

  private readItems(name: string): unknown {
    // The items an ItemReader would read from S3 come from a mock of the Map state (its result is the item list).
    const r = this.nextMock(name, undefined, 'Map state (ItemReader)');
    if (r.kind === 'error') throw new StatesError(r.error ?? '', r.cause ?? '');
    return r.value;
  }

  private async invoke(
    name: string,
    state: Json,
    params: unknown,
    t: Thread,
    timeoutSeconds?: number,
  ): Promise<unknown> {
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

  private async parallel(name: string, state: Json, input: unknown, t: Thread): Promise<unknown[]> {
    const branches = Array.isArray(state.Branches) ? state.Branches : [];
    this.emit(t, 'ParallelStateStarted');
    const startedId = t.last;
    const start = t.clock;
    let end = start;
    const results: unknown[] = [];
    try {
      for (let i = 0; i < branches.length; i++) {
        const bt: Thread = {
          clock: start,
          last: startedId,
          vars: t.vars.child(),
          record: t.record,
          prefix: `${t.prefix ? t.prefix + ' › ' : ''}${name}[${i}]`,
        };
        try {
          results.push(await this.runScope(branches[i], input, bt));
        } finally {
          end = Math.max(end, bt.clock);
          t.last = Math.max(t.last, bt.last);
        }
      }
    } catch (e) {
      t.clock = end;
      throw e;
    }
    t.clock = end;
    this.emit(t, 'ParallelStateSucceeded');
    return results;
  }

  private batch(state: Json, items: unknown[], path: (p: string) => unknown): unknown[] {
    const b = state.ItemBatcher as Json | undefined;
    if (!b || typeof b !== 'object') return items;
    const maxItems = num(
      b.MaxItemsPerBatch ?? (b.MaxItemsPerBatchPath ? path(String(b.MaxItemsPerBatchPath)) : undefined),
      Infinity,
    );
    const maxBytes = num(
      b.MaxInputBytesPerBatch ?? (b.MaxInputBytesPerBatchPath ? path(String(b.MaxInputBytesPerBatchPath)) : undefined),
      262_144,
    );
    const extra = b.BatchInput && typeof b.BatchInput === 'object' ? (b.BatchInput as Json) : undefined;
    const out: unknown[] = [];
    let cur: unknown[] = [];
    let bytes = 0;
    for (const item of items) {
      const size = json(item).length + 1;
      if (cur.length && (cur.length >= maxItems || bytes + size > maxBytes)) {
        out.push(extra ? { BatchInput: extra, Items: cur } : { Items: cur });
        cur = [];
        bytes = 0;
      }
      cur.push(item);
      bytes += size;
    }
    if (cur.length) out.push(extra ? { BatchInput: extra, Items: cur } : { Items: cur });
    return out;
  }

  private mapLimits(
    state: Json,
    path: (p: string) => unknown,
  ): { maxConcurrency: number; toleratedCount?: number; toleratedPercent?: number } {
    const checked = (field: string, max: number, integer: boolean): number | undefined => {
      const p = state[`${field}Path`];
      if (p === undefined) return undefined;
      let v = path(String(p));
      // A numeric string is accepted: AWS ran a Map whose MaxConcurrencyPath gave "1" (LocalStack parity history
      // MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH).
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) v = Number(v);
      if (typeof v !== 'number' || v < 0 || v > max || (integer && !Number.isInteger(v))) {
        throw new StatesError(
          'States.Runtime',
          `The value of ${field}Path '${String(p)}' must be ${integer ? 'a non-negative integer' : `a number between 0 and ${max}`}, got ${describe(v)}.`,
        );
      }
      return v;
    };
    const count = checked('ToleratedFailureCount', Number.MAX_SAFE_INTEGER, true);
    const percent = checked('ToleratedFailurePercentage', 100, false);
    const conc = checked('MaxConcurrency', Number.MAX_SAFE_INTEGER, true);
    return {
      maxConcurrency: conc ?? num(state.MaxConcurrency, 0),
      toleratedCount: count ?? (state.ToleratedFailureCount as number | undefined),
      toleratedPercent: percent ?? (state.ToleratedFailurePercentage as number | undefined),
    };
  }

  private async map(
    name: string,
    state: Json,
    items: unknown[],
    t: Thread,
    limits: { maxConcurrency: number; toleratedCount?: number; toleratedPercent?: number },
  ): Promise<unknown[]> {
    const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
    const distributed = (processor?.ProcessorConfig as Json | undefined)?.Mode === 'DISTRIBUTED';
    this.emit(t, 'MapStateStarted', 'mapStateStartedEventDetails', { length: items.length });
    if (distributed)
      this.emit(t, 'MapRunStarted', 'mapRunStartedEventDetails', {
        mapRunArn: `arn:aws:states:local:000000000000:mapRun:${name}`,
      });
    const startedId = t.last;
    const start = t.clock;
    const slots: number[] = limits.maxConcurrency > 0 ? new Array<number>(limits.maxConcurrency).fill(start) : [];
    let end = start;
    const results: unknown[] = [];
    let failures = 0;
    let firstError: StatesError | undefined;
    const tolerated = (): boolean => {
      if (!distributed) return false;
      if (limits.toleratedCount !== undefined && failures <= limits.toleratedCount) return true;
      if (
        limits.toleratedPercent !== undefined &&
        (failures / Math.max(1, items.length)) * 100 <= limits.toleratedPercent
      )
        return true;
      return false;
    };
    for (let i = 0; i < items.length; i++) {
      let slot = -1;
      let at = start;
      if (slots.length) {
        slot = slots.indexOf(Math.min(...slots));
        at = slots[slot]!;
      }
      const it: Thread = {
        clock: at,
        last: t.record && !distributed ? startedId : t.last,
        vars: distributed ? new Vars() : t.vars.child(),
        record: t.record && !distributed,
        prefix: `${t.prefix ? t.prefix + ' › ' : ''}${name}[${i}]`,
        map: { Index: i, Value: items[i] },
      };
      if (it.record) {
        it.last = t.last;
        this.emit(it, 'MapIterationStarted', 'mapIterationStartedEventDetails', { name, index: i });
      }
      try {
        results.push(await this.runScope(processor, items[i], it));
        this.emit(it, 'MapIterationSucceeded', 'mapIterationSucceededEventDetails', { name, index: i });
      } catch (e) {
        if (!(e instanceof StatesError)) throw e;
        this.emit(it, 'MapIterationFailed', 'mapIterationFailedEventDetails', { name, index: i });
        failures++;
        firstError ??= e;
        results.push(null);
        if (!tolerated()) {
          t.last = Math.max(t.last, it.last);
          t.clock = Math.max(end, it.clock);
          const err = distributed
            ? new StatesError(
                'States.ExceedToleratedFailureThreshold',
                `The specified tolerated failure threshold was exceeded (${failures} failed item(s)); first failure: ${e.error}: ${e.causeText}`,
              )
            : e;
          if (distributed)
            this.emit(t, 'MapRunFailed', 'mapRunFailedEventDetails', { error: err.error, cause: err.causeText });
          throw err;
        }
      } finally {
        if (slot >= 0) slots[slot] = it.clock;
        end = Math.max(end, it.clock);
        if (it.record) t.last = it.last;
      }
    }
    t.clock = end;
    if (distributed) this.emit(t, 'MapRunSucceeded');
    this.emit(t, 'MapStateSucceeded');
    return results;
  }
}

/** Runs a whole machine. Throws `InterpreterStop` when it cannot go on (a Task without a mock, a loop guard). */
export async function runMachine(definition: unknown, options: RunOptions = {}): Promise<RunResult> {
  return new Interpreter(definition, options).run();
}
