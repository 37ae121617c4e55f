/** The interpreter's shapes (steps, stages, threads, options) and what the state modules share with it. */
import type { HistoryEvent } from '../aws-types.ts';
import { StatesError, describe } from './errors.ts';
import { isTimestamp } from './choice.ts';
import type { MockResponse, MockSet } from './mocks.ts';

export type Json = Record<string, unknown>;

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

export interface Scope {
  States: Record<string, Json>;
  StartAt: string;
}

export interface Outcome {
  output: unknown;
  next?: string;
}

/** What the state modules (jsonpath-states.ts, jsonata-states.ts, containers.ts) call back into the interpreter. */
export interface StateHost {
  /** Records an event on the thread; returns its id (the thread's last id when the thread does not record). */
  emit(t: Thread, type: string, key?: string, details?: Json): number;
  /** Runs one scope (a branch, an iteration) from StartAt to an end. */
  runScope(scopeIn: unknown, input: unknown, t: Thread): Promise<unknown>;
  /** Sets workflow variables and records the assign stage. */
  assign(t: Thread, values: Record<string, unknown>, step: StateStep): void;
  /** Calls a Task's resource: its mock, with the Scheduled/Started/Succeeded/Failed events. */
  invoke(name: string, state: Json, params: unknown, t: Thread, timeoutSeconds?: number): Promise<unknown>;
  /** The item list an ItemReader would read (from a mock of the Map state). */
  readItems(name: string): unknown;
}

/** One attempt of one state's work: what the per-language state code reads and writes. */
export interface Attempt {
  host: StateHost;
  name: string;
  state: Json;
  input: unknown;
  t: Thread;
  step: StateStep;
  /** The context object ($$ / $states.context) of this attempt. */
  ctx: Json;
  /** Records the value after a data-flow stage and returns it. */
  stage: (s: StageName, value: unknown) => unknown;
  /** Runs `fn`, and marks the step as failed at stage `s` when it raises a States error. */
  guard: <T>(s: StageName, fn: () => T | Promise<T>) => Promise<T>;
}

export const json = (v: unknown): string => JSON.stringify(v === undefined ? null : v);

export function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function nextOf(state: Json): string | undefined {
  return state.End === true ? undefined : typeof state.Next === 'string' ? state.Next : undefined;
}

export function waitState(t: Thread, name: string, step: StateStep, seconds: unknown, timestamp: unknown): void {
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
