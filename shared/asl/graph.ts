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
import { isRecord, walkScopes } from './walk.ts';

const STATE_TYPES: ReadonlySet<string> = new Set([
  'Task',
  'Pass',
  'Choice',
  'Wait',
  'Succeed',
  'Fail',
  'Parallel',
  'Map',
]);

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
  const def = machine.definition;
  const diagnostics: Diagnostic[] = [];
  const states: GraphState[] = [];
  const synthetic: SyntheticNode[] = [];
  const edges: GraphEdge[] = [];
  const edgeIds = new Set<string>();
  const syntheticIds = new Set<string>();
  const stateQl = new Map<string, QueryLanguage>();
  const placeholderValues = new Map(
    machine.placeholders.filter((p) => p.value !== undefined).map((p) => [p.name, p.value!]),
  );
  const fallbackLocation = machine.location ?? { line: 1, column: 1 };

  const where = (id?: string) => (id !== undefined ? machine.stateLocations?.[id] : undefined) ?? fallbackLocation;
  const report = (severity: Diagnostic['severity'], message: string, state?: string, code?: string) => {
    const d: Diagnostic = { severity, message, ...where(state), source: 'graph', machine: machine.name };
    if (state !== undefined) d.state = state;
    if (code !== undefined) d.code = code;
    diagnostics.push(d);
  };

  const topQl: QueryLanguage = isRecord(def) && def.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const graph: StateGraph = {
    name: machine.name,
    queryLanguage: topQl,
    startAt: isRecord(def) && typeof def.StartAt === 'string' ? def.StartAt : '',
    states,
    synthetic,
    edges,
    diagnostics,
  };
  if (isRecord(def) && typeof def.Comment === 'string') graph.comment = def.Comment;
  if (!isRecord(def)) {
    report('error', 'The definition is not an object.', undefined, 'bad-definition');
    return graph;
  }

  const addSynthetic = (node: SyntheticNode): void => {
    if (syntheticIds.has(node.id)) return;
    syntheticIds.add(node.id);
    synthetic.push(node);
  };
  const addEdge = (from: string, to: string, kind: EdgeKind, label?: string): void => {
    let id = `${kind}:${from}->${to}`;
    if (edgeIds.has(id)) {
      let i = 2;
      while (edgeIds.has(`${id}#${i}`)) i++;
      id = `${id}#${i}`;
    }
    edgeIds.add(id);
    const edge: GraphEdge = { id, from, to, kind };
    if (label !== undefined) {
      const short = truncateLabel(label);
      edge.label = short;
      if (short !== label) edge.fullLabel = label;
    }
    edges.push(edge);
  };

  // Every state name of the machine, to tell a target in another scope from one that does not exist.
  const allNames = new Set<string>();
  walkScopes(def, ({ states: scopeStates }) => {
    for (const s of scopeStates) allNames.add(s.name);
  });

  walkScopes(
    def,
    ({ scope, parent, branch, depth, states: scopeStates, local }) => {
      const scopeQl: QueryLanguage =
        scope.QueryLanguage === 'JSONata' || scope.QueryLanguage === 'JSONPath'
          ? scope.QueryLanguage
          : parent !== null
            ? (stateQl.get(parent) ?? topQl)
            : topQl;
      const scopeName = parent === null ? 'The state machine' : `Branch ${branch ?? 0} of "${parent}"`;
      const start = startId(parent, branch);
      addSynthetic({ id: start, kind: 'start', parent, branch, label: 'Start' });
      const end = endId(parent, branch);

      /** Resolves a transition target inside this scope, drawing a missing node when it does not exist. */
      const target = (from: string, name: string, kind: EdgeKind, label?: string): void => {
        const id = local.get(name);
        if (id !== undefined) {
          addEdge(from, id, kind, label);
          return;
        }
        const mid = missingId(parent, branch, name);
        addSynthetic({ id: mid, kind: 'missing', parent, branch, label: name });
        addEdge(from, mid, 'missing', label);
        const who = isSyntheticId(from) ? `${scopeName} starts at` : `State "${from}" goes to`;
        if (allNames.has(name)) {
          const where = parent === null ? 'inside a Parallel branch or Map processor' : 'outside this branch';
          report(
            'error',
            `${who} "${name}", which is ${where}; a state can only go to states of its own branch (or of the top level, at the top level).`,
            isSyntheticId(from) ? (parent ?? undefined) : from,
            'missing-target',
          );
        } else {
          report(
            'error',
            `${who} "${name}", which does not exist${parent === null ? '' : ' in this branch'}.`,
            isSyntheticId(from) ? (parent ?? undefined) : from,
            'missing-target',
          );
        }
      };
      const toEnd = (from: string): void => {
        addSynthetic({ id: end, kind: 'end', parent, branch, label: 'End' });
        addEdge(from, end, 'end');
      };

      if (!isRecord(scope.States)) {
        report('error', `${scopeName} has no "States" object.`, parent ?? undefined, 'no-states');
      }
      if (typeof scope.StartAt === 'string') {
        target(start, scope.StartAt, 'start');
      } else {
        report('error', `${scopeName} has no "StartAt".`, parent ?? undefined, 'no-start');
      }

      for (const { name, id, value } of scopeStates) {
        if (id !== name) {
          report(
            'error',
            `Duplicate state name "${name}": names must be unique in the whole state machine, including Parallel branches and Map processors (shown as "${id}").`,
            id,
            'duplicate-state',
          );
        }
        const raw: Record<string, unknown> = isRecord(value) ? value : {};
        if (!isRecord(value)) report('error', `State "${name}" is not an object.`, id, 'bad-state');
        // `Type: ${Kind}` with a literal DefinitionSubstitutions value deploys as that type (as validation reads it).
        const writtenType = typeof raw.Type === 'string' ? raw.Type : '';
        const substituted = /^\$\{([^}]+)\}$/.exec(writtenType)?.[1];
        const typeText =
          substituted !== undefined && STATE_TYPES.has(placeholderValues.get(substituted) ?? '')
            ? placeholderValues.get(substituted)!
            : writtenType;
        if (isRecord(value) && !STATE_TYPES.has(typeText)) {
          report(
            'error',
            typeText ? `State "${name}" has an unknown Type "${typeText}".` : `State "${name}" has no Type.`,
            id,
            'bad-type',
          );
        }
        const type = (typeText || 'Pass') as StateType;
        const ql: QueryLanguage =
          raw.QueryLanguage === 'JSONata' || raw.QueryLanguage === 'JSONPath' ? raw.QueryLanguage : scopeQl;
        stateQl.set(id, ql);
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
          let integration: TaskIntegration | undefined = parseResource(resource);
          if (integration?.service === 'placeholder') {
            const key = /^\$\{([^}]+)\}/.exec(resource)?.[1];
            const value = key === undefined ? undefined : placeholderValues.get(key);
            const resolved = value === undefined ? undefined : parseResource(value);
            if (resolved && resolved.service !== 'placeholder')
              integration = {
                ...resolved,
                pattern: integration.pattern === 'request-response' ? resolved.pattern : integration.pattern,
              };
          }
          if (integration) node.integration = integration;
        }
        const timeout = numOrText(raw.TimeoutSeconds ?? raw.TimeoutSecondsPath);
        if (timeout !== undefined) node.timeoutSeconds = timeout;
        const heartbeat = numOrText(raw.HeartbeatSeconds ?? raw.HeartbeatSecondsPath);
        if (heartbeat !== undefined) node.heartbeatSeconds = heartbeat;
        if (type === 'Map') node.map = mapInfo(raw);
        if (type === 'Parallel') node.branches = Array.isArray(raw.Branches) ? raw.Branches.length : 0;
        states.push(node);

        if (type === 'Choice') {
          if (Array.isArray(raw.Choices)) {
            for (const rule of raw.Choices) {
              if (isRecord(rule) && typeof rule.Next === 'string')
                target(id, rule.Next, 'choice', choiceRuleText(rule));
            }
          }
          if (typeof raw.Default === 'string') target(id, raw.Default, 'default', 'Default');
        } else if (!terminal && typeof raw.Next === 'string') {
          target(id, raw.Next, 'next');
        }
        for (const c of node.catch) {
          if (c.next) target(id, c.next, 'catch', c.errorEquals.join(', ') || 'Catch');
        }
        if (node.isEnd) toEnd(id);
      }
    },
    {
      onTooDeep: (parent) =>
        report(
          'error',
          `Parallel/Map nesting is too deep below "${parent}"; deeper states are not shown.`,
          parent,
          'too-deep',
        ),
    },
  );

  // Choice rule labels are shortened per Choice state, so that two branches never read the same on the canvas.
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

  return graph;
}
