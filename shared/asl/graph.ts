/**
 * Definition → graph: every state (including those inside Parallel branches and Map processors) as a node whose
 * id is the state name, every transition as a typed edge, and synthetic Start/End markers per scope plus
 * "missing" nodes for transitions to states that do not exist. Layout and drawing work only from this, so
 * anything a reader should see about a state (integration, retries, catchers, map details) is resolved here.
 * Bad shapes never throw: they become diagnostics on the graph. Linear in the number of states.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { renderIntrinsic, isIntrinsic } from './cfn.ts';
import { choiceRuleText, distinctChoiceLabels, truncateLabel } from './choice-label.ts';
import { parseResource } from './resource.ts';
import {
  STATE_TYPES,
  SYNTHETIC_PREFIX,
  type Catcher,
  type EdgeKind,
  type GraphEdge,
  type GraphState,
  type MachineSource,
  type QueryLanguage,
  type Retrier,
  type StateGraph,
  type StateType,
  type SyntheticNode,
  type TaskIntegration,
} from './types.ts';
import { isRecord, walkScopes, type ScopeVisit } from './walk.ts';

/** Retry defaults from the ASL specification, shown when a retrier leaves a field out. */
export const RETRY_DEFAULTS = { intervalSeconds: 1, maxAttempts: 3, backoffRate: 2 } as const;

function scopeSuffix(parent: string | null, branch: number | null): string {
  return parent === null ? '' : `:${parent}:${branch ?? 0}`;
}

/** Id of the Start marker of a scope: `⁣start` at top level, `⁣start:<parent>:<branch>` inside a Parallel/Map. */
export function startId(parent: string | null = null, branch: number | null = null): string {
  return `${SYNTHETIC_PREFIX}start${scopeSuffix(parent, branch)}`;
}

/** Id of the End marker of a scope (same scheme as `startId`). */
export function endId(parent: string | null = null, branch: number | null = null): string {
  return `${SYNTHETIC_PREFIX}end${scopeSuffix(parent, branch)}`;
}

/** Id of the node standing for a missing transition target `name` in a scope. */
export function missingId(parent: string | null, branch: number | null, name: string): string {
  return `${SYNTHETIC_PREFIX}missing${scopeSuffix(parent, branch)}:${name}`;
}

/** True for ids of Start/End markers and missing targets, which are not states. */
export function isSyntheticId(id: string): boolean {
  return id.startsWith(SYNTHETIC_PREFIX);
}

/** Which kind of synthetic node an id names, or undefined for a state id. */
export function syntheticKind(id: string): SyntheticNode['kind'] | undefined {
  if (!isSyntheticId(id)) return undefined;
  const rest = id.slice(SYNTHETIC_PREFIX.length);
  if (rest.startsWith('start')) return 'start';
  if (rest.startsWith('end')) return 'end';
  if (rest.startsWith('missing')) return 'missing';
  return undefined;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function numOrText(value: unknown): number | string | undefined {
  if (typeof value === 'number' || typeof value === 'string') return value;
  return undefined;
}

function retriers(value: unknown): Retrier[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((r) => {
    const out: Retrier = {
      errorEquals: strings(r.ErrorEquals),
      intervalSeconds: num(r.IntervalSeconds, RETRY_DEFAULTS.intervalSeconds),
      maxAttempts: num(r.MaxAttempts, RETRY_DEFAULTS.maxAttempts),
      backoffRate: num(r.BackoffRate, RETRY_DEFAULTS.backoffRate),
    };
    if (typeof r.MaxDelaySeconds === 'number') out.maxDelaySeconds = r.MaxDelaySeconds;
    if (typeof r.JitterStrategy === 'string') out.jitterStrategy = r.JitterStrategy;
    if (typeof r.Comment === 'string') out.comment = r.Comment;
    return out;
  });
}

function catchers(value: unknown): Catcher[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((c) => {
    const out: Catcher = { errorEquals: strings(c.ErrorEquals), next: typeof c.Next === 'string' ? c.Next : '' };
    if (typeof c.ResultPath === 'string' || c.ResultPath === null) out.resultPath = c.ResultPath;
    if (typeof c.Comment === 'string') out.comment = c.Comment;
    return out;
  });
}

function resourceText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isIntrinsic(value)) return renderIntrinsic(value);
  return undefined;
}

function describeResource(value: unknown): string | undefined {
  const text = resourceText(value);
  if (text === undefined) return undefined;
  return parseResource(text)?.label ?? text;
}

function mapInfo(state: Record<string, unknown>): NonNullable<GraphState['map']> {
  const processor = isRecord(state.ItemProcessor) ? state.ItemProcessor : undefined;
  const config = processor && isRecord(processor.ProcessorConfig) ? processor.ProcessorConfig : undefined;
  const info: NonNullable<GraphState['map']> = {
    mode: config?.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE',
    legacyIterator: processor === undefined && isRecord(state.Iterator),
  };
  if (typeof config?.ExecutionType === 'string') info.executionType = config.ExecutionType;
  if (isRecord(state.ItemReader)) {
    const reader = state.ItemReader;
    const what = describeResource(reader.Resource) ?? 'ItemReader';
    const cfg = isRecord(reader.ReaderConfig) ? reader.ReaderConfig : undefined;
    info.itemReader = typeof cfg?.InputType === 'string' ? `${what} (${cfg.InputType})` : what;
  }
  if (isRecord(state.ItemBatcher)) {
    const b = state.ItemBatcher;
    const parts: string[] = [];
    const items = b.MaxItemsPerBatch ?? b.MaxItemsPerBatchPath;
    const bytes = b.MaxInputBytesPerBatch ?? b.MaxInputBytesPerBatchPath;
    if (items !== undefined) parts.push(`≤ ${String(items)} items`);
    if (bytes !== undefined) parts.push(`≤ ${String(bytes)} bytes`);
    info.itemBatcher = parts.length ? parts.join(', ') : 'batches';
  }
  if (isRecord(state.ResultWriter)) {
    const w = state.ResultWriter;
    const what = describeResource(w.Resource) ?? 'ResultWriter';
    const params = isRecord(w.Parameters) ? w.Parameters : isRecord(w.Arguments) ? w.Arguments : undefined;
    const bucket = params ? (params.Bucket ?? params['Bucket.$']) : undefined;
    info.resultWriter = typeof bucket === 'string' ? `${what} → ${bucket}` : what;
  }
  const concurrency = numOrText(state.MaxConcurrency ?? state.MaxConcurrencyPath);
  if (concurrency !== undefined) info.maxConcurrency = concurrency;
  const pct = state.ToleratedFailurePercentage ?? state.ToleratedFailurePercentagePath;
  const count = state.ToleratedFailureCount ?? state.ToleratedFailureCountPath;
  const tolerated: string[] = [];
  if (pct !== undefined) tolerated.push(typeof pct === 'number' ? `${pct}%` : String(pct));
  if (count !== undefined)
    tolerated.push(typeof count === 'number' ? `${count} item${count === 1 ? '' : 's'}` : String(count));
  if (tolerated.length) info.toleratedFailure = tolerated.join(' or ');
  if (typeof state.Label === 'string') info.label = state.Label;
  return info;
}

/** Variables a state may assign: its own `Assign`, and those of its Choice rules and catchers, in order. */
function assignedVariables(state: Record<string, unknown>): string[] {
  const names = new Set<string>();
  const add = (assign: unknown) => {
    if (isRecord(assign)) for (const k of Object.keys(assign)) names.add(k);
  };
  add(state.Assign);
  if (Array.isArray(state.Choices)) for (const rule of state.Choices) if (isRecord(rule)) add(rule.Assign);
  if (Array.isArray(state.Catch)) for (const c of state.Catch) if (isRecord(c)) add(c.Assign);
  return [...names];
}

/** Builds the graph of one machine. Never throws; problems are in `diagnostics`. */
export function buildGraph(machine: MachineSource): StateGraph {
  const b = new GraphBuilder(machine);
  const def = machine.definition;
  if (isRecord(def) && typeof def.Comment === 'string') b.graph.comment = def.Comment;
  if (!isRecord(def)) {
    b.report('error', 'The definition is not an object.', undefined, 'bad-definition');
    return b.graph;
  }
  // Every state name of the machine, to tell a target in another scope from one that does not exist.
  walkScopes(def, ({ states: scopeStates }) => {
    for (const s of scopeStates) b.allNames.add(s.name);
  });
  walkScopes(def, (visit) => b.scope(visit), {
    onTooDeep: (parent) =>
      b.report(
        'error',
        `Parallel/Map nesting is too deep below "${parent}"; deeper states are not shown.`,
        parent,
        'too-deep',
      ),
  });
  shortenChoiceLabels(b.graph.edges);
  return b.graph;
}

/** One scope being drawn: its Start and End markers and how its transitions resolve. */
interface ScopeDrawing {
  visit: ScopeVisit;
  ql: QueryLanguage;
  /** "The state machine" or "Branch 1 of "P"", for diagnostics. */
  name: string;
  end: string;
}

/** The graph under construction, with the bookkeeping that keeps node and edge ids unique. */
class GraphBuilder {
  readonly graph: StateGraph;
  readonly allNames = new Set<string>();
  private readonly edgeIds = new Set<string>();
  private readonly syntheticIds = new Set<string>();
  private readonly stateQl = new Map<string, QueryLanguage>();
  private readonly placeholderValues: Map<string, string>;
  private readonly topQl: QueryLanguage;

  constructor(private readonly machine: MachineSource) {
    const def = machine.definition;
    this.placeholderValues = new Map(
      machine.placeholders.filter((p) => p.value !== undefined).map((p) => [p.name, p.value!]),
    );
    this.topQl = isRecord(def) && def.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
    this.graph = {
      name: machine.name,
      queryLanguage: this.topQl,
      startAt: isRecord(def) && typeof def.StartAt === 'string' ? def.StartAt : '',
      states: [],
      synthetic: [],
      edges: [],
      diagnostics: [],
    };
  }

  report(severity: Diagnostic['severity'], message: string, state?: string, code?: string): void {
    const fallback = this.machine.location ?? { line: 1, column: 1 };
    const where = (state !== undefined ? this.machine.stateLocations?.[state] : undefined) ?? fallback;
    const d: Diagnostic = { severity, message, ...where, source: 'graph', machine: this.machine.name };
    if (state !== undefined) d.state = state;
    if (code !== undefined) d.code = code;
    this.graph.diagnostics.push(d);
  }

  private addSynthetic(node: SyntheticNode): void {
    if (this.syntheticIds.has(node.id)) return;
    this.syntheticIds.add(node.id);
    this.graph.synthetic.push(node);
  }

  private addEdge(from: string, to: string, kind: EdgeKind, label?: string): void {
    let id = `${kind}:${from}->${to}`;
    if (this.edgeIds.has(id)) {
      let i = 2;
      while (this.edgeIds.has(`${id}#${i}`)) i++;
      id = `${id}#${i}`;
    }
    this.edgeIds.add(id);
    const edge: GraphEdge = { id, from, to, kind };
    if (label !== undefined) {
      const short = truncateLabel(label);
      edge.label = short;
      if (short !== label) edge.fullLabel = label;
    }
    this.graph.edges.push(edge);
  }

  /** Draws one scope: its Start marker, every state, every transition. */
  scope(visit: ScopeVisit): void {
    const { scope, parent, branch } = visit;
    const ql: QueryLanguage =
      scope.QueryLanguage === 'JSONata' || scope.QueryLanguage === 'JSONPath'
        ? scope.QueryLanguage
        : parent !== null
          ? (this.stateQl.get(parent) ?? this.topQl)
          : this.topQl;
    const name = parent === null ? 'The state machine' : `Branch ${branch ?? 0} of "${parent}"`;
    const start = startId(parent, branch);
    this.addSynthetic({ id: start, kind: 'start', parent, branch, label: 'Start' });
    const s: ScopeDrawing = { visit, ql, name, end: endId(parent, branch) };
    if (!isRecord(scope.States)) {
      this.report('error', `${name} has no "States" object.`, parent ?? undefined, 'no-states');
    }
    if (typeof scope.StartAt === 'string') {
      this.target(s, start, scope.StartAt, 'start');
    } else {
      this.report('error', `${name} has no "StartAt".`, parent ?? undefined, 'no-start');
    }
    for (const entry of visit.states) {
      const node = this.state(s, entry);
      this.transitions(s, node);
    }
  }

  /** Resolves a transition target inside the scope, drawing a missing node when it does not exist. */
  private target(s: ScopeDrawing, from: string, name: string, kind: EdgeKind, label?: string): void {
    const { parent, branch, local } = s.visit;
    const id = local.get(name);
    if (id !== undefined) {
      this.addEdge(from, id, kind, label);
      return;
    }
    const mid = missingId(parent, branch, name);
    this.addSynthetic({ id: mid, kind: 'missing', parent, branch, label: name });
    this.addEdge(from, mid, 'missing', label);
    const who = isSyntheticId(from) ? `${s.name} starts at` : `State "${from}" goes to`;
    if (this.allNames.has(name)) {
      const where = parent === null ? 'inside a Parallel branch or Map processor' : 'outside this branch';
      this.report(
        'error',
        `${who} "${name}", which is ${where}; a state can only go to states of its own branch (or of the top level, at the top level).`,
        isSyntheticId(from) ? (parent ?? undefined) : from,
        'missing-target',
      );
    } else {
      this.report(
        'error',
        `${who} "${name}", which does not exist${parent === null ? '' : ' in this branch'}.`,
        isSyntheticId(from) ? (parent ?? undefined) : from,
        'missing-target',
      );
    }
  }

  /** The type a state deploys as: `Type: ${Kind}` with a literal DefinitionSubstitutions value is that type. */
  private typeText(raw: Record<string, unknown>): string {
    const writtenType = typeof raw.Type === 'string' ? raw.Type : '';
    const substituted = /^\$\{([^}]+)\}$/.exec(writtenType)?.[1];
    return substituted !== undefined && STATE_TYPES.has(this.placeholderValues.get(substituted) ?? '')
      ? this.placeholderValues.get(substituted)!
      : writtenType;
  }

  /** The node of one state (reporting duplicate names, non-objects and unknown types). */
  private state(s: ScopeDrawing, entry: ScopeVisit['states'][number]): GraphState {
    const { name, id, value } = entry;
    const { scope, parent, branch, depth } = s.visit;
    if (id !== name) {
      this.report(
        'error',
        `Duplicate state name "${name}": names must be unique in the whole state machine, including Parallel branches and Map processors (shown as "${id}").`,
        id,
        'duplicate-state',
      );
    }
    const raw: Record<string, unknown> = isRecord(value) ? value : {};
    if (!isRecord(value)) this.report('error', `State "${name}" is not an object.`, id, 'bad-state');
    const typeText = this.typeText(raw);
    if (isRecord(value) && !STATE_TYPES.has(typeText)) {
      this.report(
        'error',
        typeText ? `State "${name}" has an unknown Type "${typeText}".` : `State "${name}" has no Type.`,
        id,
        'bad-type',
      );
    }
    const type = (typeText || 'Pass') as StateType;
    const ql: QueryLanguage =
      raw.QueryLanguage === 'JSONata' || raw.QueryLanguage === 'JSONPath' ? raw.QueryLanguage : s.ql;
    this.stateQl.set(id, ql);
    const terminal = type === 'Succeed' || type === 'Fail';
    const node: GraphState = {
      id,
      name,
      type,
      parent,
      branch,
      depth,
      queryLanguage: ql,
      isStart: scope.StartAt === name,
      // A Choice state cannot end the machine (ASL: "Choice states cannot be End states"); End there is an error.
      isEnd: terminal || (raw.End === true && type !== 'Choice'),
      retry: retriers(raw.Retry),
      catch: catchers(raw.Catch),
      assigns: assignedVariables(raw),
      raw,
    };
    if (typeof raw.Comment === 'string') node.comment = raw.Comment;
    const resource = resourceText(raw.Resource);
    if (resource !== undefined) {
      node.resource = resource;
      const integration = this.integration(resource);
      if (integration) node.integration = integration;
    }
    const timeout = numOrText(raw.TimeoutSeconds ?? raw.TimeoutSecondsPath);
    if (timeout !== undefined) node.timeoutSeconds = timeout;
    const heartbeat = numOrText(raw.HeartbeatSeconds ?? raw.HeartbeatSecondsPath);
    if (heartbeat !== undefined) node.heartbeatSeconds = heartbeat;
    if (type === 'Map') node.map = mapInfo(raw);
    if (type === 'Parallel') node.branches = Array.isArray(raw.Branches) ? raw.Branches.length : 0;
    this.graph.states.push(node);
    return node;
  }

  /** The service a Resource calls, through a `${Placeholder}` whose substitution value is known. */
  private integration(resource: string): TaskIntegration | undefined {
    const integration = parseResource(resource);
    if (integration?.service !== 'placeholder') return integration;
    const key = /^\$\{([^}]+)\}/.exec(resource)?.[1];
    const value = key === undefined ? undefined : this.placeholderValues.get(key);
    const resolved = value === undefined ? undefined : parseResource(value);
    if (resolved && resolved.service !== 'placeholder')
      return {
        ...resolved,
        pattern: integration.pattern === 'request-response' ? resolved.pattern : integration.pattern,
      };
    return integration;
  }

  /** Next, Choice rules and Default, catchers, and the edge to End. */
  private transitions(s: ScopeDrawing, node: GraphState): void {
    const { id, raw, type } = node;
    const terminal = type === 'Succeed' || type === 'Fail';
    if (type === 'Choice') {
      if (Array.isArray(raw.Choices)) {
        for (const rule of raw.Choices) {
          if (isRecord(rule) && typeof rule.Next === 'string')
            this.target(s, id, rule.Next, 'choice', choiceRuleText(rule));
        }
      }
      if (typeof raw.Default === 'string') this.target(s, id, raw.Default, 'default', 'Default');
    } else if (!terminal && typeof raw.Next === 'string') {
      this.target(s, id, raw.Next, 'next');
    }
    for (const c of node.catch) {
      if (c.next) this.target(s, id, c.next, 'catch', c.errorEquals.join(', ') || 'Catch');
    }
    if (node.isEnd) {
      const { parent, branch } = s.visit;
      this.addSynthetic({ id: s.end, kind: 'end', parent, branch, label: 'End' });
      this.addEdge(id, s.end, 'end');
    }
  }
}

/** Choice rule labels are shortened per Choice state, so that two branches never read the same on the canvas. */
function shortenChoiceLabels(edges: GraphEdge[]): void {
  const rulesOf = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    if ((e.kind !== 'choice' && e.kind !== 'missing') || e.label === undefined) continue;
    const list = rulesOf.get(e.from) ?? [];
    list.push(e);
    rulesOf.set(e.from, list);
  }
  for (const list of rulesOf.values()) {
    const full = list.map((e) => e.fullLabel ?? e.label ?? '');
    distinctChoiceLabels(full).forEach((short, i) => {
      const e = list[i];
      e.label = short;
      if (short !== full[i]) e.fullLabel = full[i];
      else delete e.fullLabel;
    });
  }
}
