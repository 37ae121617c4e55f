/**
 * The typed model every view of a state machine is built from: the loader produces `LoadedDocument`, the graph
 * builder turns each machine into a `StateGraph`, layout adds positions. The CLI's `graph --json` output is a
 * projection of these types, so they are the public shape of Statescope's core.
 */
import type { Diagnostic } from '../diagnostics.ts';

export type DocumentFormat = 'asl-json' | 'asl-yaml' | 'template-json' | 'template-yaml';
export type QueryLanguage = 'JSONPath' | 'JSONata';
/** The eight state types of the States Language. */
export const STATE_TYPE_NAMES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPE_NAMES)[number];
/** The same, for membership tests on untyped input. */
export const STATE_TYPES: ReadonlySet<string> = new Set(STATE_TYPE_NAMES);

/** A character range in the source text, 0-based offsets, end exclusive. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** One state machine found in a file: the whole file for plain ASL, one resource for a template. */
export interface MachineSource {
  /** Template logical id, or the file's base name (without `.asl.json` etc.) for plain ASL. */
  name: string;
  /** `AWS::StepFunctions::StateMachine`, `AWS::Serverless::StateMachine`, or `asl` for a plain file. */
  resourceType: 'asl' | 'AWS::StepFunctions::StateMachine' | 'AWS::Serverless::StateMachine';
  /** The parsed definition object (CloudFormation expressions replaced by `${…}` placeholder strings). */
  definition: unknown;
  /** Where the definition text lives when it is not in the opened file (DefinitionUri / S3 location). */
  definitionFile?: string;
  /** Placeholders found (`${Name}`), with the substitution value from the template when there is one. */
  placeholders: { name: string; value?: string }[];
  /**
   * Source span of each state object in the opened text, when it can be known. Keyed by graph id: the state name,
   * or `Name#2` for a later duplicate of a name (see `walkScopes`), so it matches `GraphState.id`.
   */
  stateSpans: Record<string, SourceSpan>;
  /** Span of the definition itself in the opened text, when it is inline. */
  span?: SourceSpan;
  /** 1-based line/column of each state in the opened text (keyed like `stateSpans`), so diagnostics point at it. */
  stateLocations?: Record<string, { line: number; column: number }>;
  /** 1-based line/column in the opened file where this machine is declared (definition, or template resource). */
  location?: { line: number; column: number };
}

/** The result of loading one file: never throws, problems become diagnostics. */
export interface LoadedDocument {
  file: string;
  format: DocumentFormat;
  text: string;
  machines: MachineSource[];
  diagnostics: Diagnostic[];
}

/** Why a Task state matters to a reader: which service it calls and how it waits. */
export interface TaskIntegration {
  /** `lambda`, `sns`, `sqs`, `dynamodb`, `states`, `ecs`, `batch`, `glue`, `http`, `activity`, `events`, … */
  service: string;
  /** `invoke`, `publish`, `putItem`, `startExecution`, … (absent for a bare Lambda ARN or an activity). */
  action?: string;
  /** `request-response`, `sync`, `sync:2` or `wait-for-task-token`. */
  pattern: 'request-response' | 'sync' | 'sync:2' | 'wait-for-task-token';
  /** True for `arn:aws:states:::aws-sdk:<service>:<action>`. */
  sdk: boolean;
  /** A human label such as "Lambda · Invoke" or "DynamoDB · PutItem". */
  label: string;
}

export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitterStrategy?: string;
  comment?: string;
}

export interface Catcher {
  errorEquals: string[];
  next: string;
  resultPath?: string | null;
  comment?: string;
}

/** A state as drawn: `id` equals the state name so DOM lookups by name work. */
export interface GraphState {
  id: string;
  name: string;
  type: StateType;
  /** The Parallel or Map state this state sits in, or null at the top level. */
  parent: string | null;
  /** Index of the Parallel branch (0-based) for states inside a Parallel; 0 inside a Map; null at top level. */
  branch: number | null;
  /** Nesting depth: 0 at top level. */
  depth: number;
  queryLanguage: QueryLanguage;
  comment?: string;
  isStart: boolean;
  isEnd: boolean;
  resource?: string;
  integration?: TaskIntegration;
  timeoutSeconds?: number | string;
  heartbeatSeconds?: number | string;
  retry: Retrier[];
  catch: Catcher[];
  /** Variables assigned by this state (keys of `Assign`). */
  assigns: string[];
  /** For Map: INLINE or DISTRIBUTED, plus the distributed parts worth showing on the node. */
  map?: {
    mode: 'INLINE' | 'DISTRIBUTED';
    legacyIterator: boolean;
    executionType?: string;
    itemReader?: string;
    itemBatcher?: string;
    resultWriter?: string;
    maxConcurrency?: number | string;
    toleratedFailure?: string;
    label?: string;
  };
  /** For Parallel: number of branches. */
  branches?: number;
  /** The state's raw object from the definition, for the details panel. */
  raw: Record<string, unknown>;
}

export type EdgeKind = 'start' | 'next' | 'choice' | 'default' | 'catch' | 'end' | 'missing';

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** Text drawn on the edge (shortened for Choice rules; see `fullLabel`). */
  label?: string;
  /** The whole label when `label` had to be shortened to fit on the canvas (for tooltips and details). */
  fullLabel?: string;
}

/**
 * Synthetic nodes (Start/End markers per scope, missing targets) use ids that start with this prefix and a
 * character that cannot start an ordinary name typed in an editor, so they never clash with state names.
 */
export const SYNTHETIC_PREFIX = '\u2063';

export interface SyntheticNode {
  id: string;
  kind: 'start' | 'end' | 'missing';
  /** The container the marker belongs to (a Parallel/Map state), or null at top level. */
  parent: string | null;
  branch: number | null;
  /** For `missing`: the name that was referenced but does not exist. */
  label: string;
}

/** A whole machine, ready for layout and drawing. */
export interface StateGraph {
  name: string;
  queryLanguage: QueryLanguage;
  comment?: string;
  startAt: string;
  states: GraphState[];
  synthetic: SyntheticNode[];
  edges: GraphEdge[];
  diagnostics: Diagnostic[];
}
