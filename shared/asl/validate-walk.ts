/**
 * The walk every validation rule shares: each state with its JSON pointer, its query language and the scope it
 * lives in (top level, a Parallel branch, an inline Map processor, a Distributed Map processor). Scopes matter
 * because variables flow into Parallel branches and inline Map processors but not into Distributed Map ones, and
 * because a transition may not leave its scope.
 */
import { toPointer } from './validate-source-map.ts';
import { isObject } from '../json.ts';
export { isObject } from '../json.ts';

/** Where a group of states runs: each scope is one `States` object. */
export interface Scope {
  id: number;
  parent: Scope | null;
  kind: 'root' | 'branch' | 'map' | 'distributed-map';
  /** The Parallel or Map state that owns the scope (absent at the top level). */
  owner?: string;
  /** Pointer of the object holding `StartAt` and `States`. */
  pointer: string;
  /** Names of the states directly in this scope. */
  states: string[];
  /** The scope's StartAt, when it is a string. */
  startAt?: string;
}

/** One state met on the walk. */
export interface StateVisit {
  name: string;
  state: Record<string, unknown>;
  pointer: string;
  scope: Scope;
  queryLanguage: 'JSONPath' | 'JSONata';
}

/** The result of one walk: every state (in document order), every scope. */
export interface Walk {
  states: StateVisit[];
  scopes: Scope[];
  topQueryLanguage: 'JSONPath' | 'JSONata';
}

/** Walks a definition without trusting its shape: anything malformed is skipped, never thrown on. */
export function walkDefinition(definition: unknown): Walk {
  const states: StateVisit[] = [];
  const scopes: Scope[] = [];
  const top = isObject(definition) && definition.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const visitMachine = (
    machine: unknown,
    segments: (string | number)[],
    parent: Scope | null,
    kind: Scope['kind'],
    owner: string | undefined,
    depth: number,
  ): void => {
    if (!isObject(machine) || depth > 100) return;
    const scope: Scope = { id: scopes.length, parent, kind, pointer: toPointer(segments), states: [] };
    if (owner !== undefined) scope.owner = owner;
    if (typeof machine.StartAt === 'string') scope.startAt = machine.StartAt;
    scopes.push(scope);
    const container = machine.States;
    if (!isObject(container)) return;
    for (const [name, state] of Object.entries(container)) {
      scope.states.push(name);
      if (!isObject(state)) continue;
      const stateSegments = [...segments, 'States', name];
      const ql = state.QueryLanguage === 'JSONata' ? 'JSONata' : state.QueryLanguage === 'JSONPath' ? 'JSONPath' : top;
      states.push({ name, state, pointer: toPointer(stateSegments), scope, queryLanguage: ql });
      if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
        state.Branches.forEach((branch, i) =>
          visitMachine(branch, [...stateSegments, 'Branches', i], scope, 'branch', name, depth + 1),
        );
      } else if (state.Type === 'Map') {
        const key = isObject(state.ItemProcessor) ? 'ItemProcessor' : isObject(state.Iterator) ? 'Iterator' : null;
        if (key) {
          const processor = state[key] as Record<string, unknown>;
          const config = processor.ProcessorConfig;
          const distributed = isObject(config) && config.Mode === 'DISTRIBUTED';
          visitMachine(
            processor,
            [...stateSegments, key],
            scope,
            distributed ? 'distributed-map' : 'map',
            name,
            depth + 1,
          );
        }
      }
    }
  };
  visitMachine(definition, [], null, 'root', undefined, 0);
  return { states, scopes, topQueryLanguage: top };
}

/** The state a pointer falls in: the last `/States/<name>` pair along it. */
export function stateOfPointer(pointer: string): string | undefined {
  const parts = pointer.split('/');
  for (let i = parts.length - 2; i >= 1; i--) {
    if (parts[i] === 'States' && (i === 1 || parts[i - 1] !== 'States')) {
      return parts[i + 1]!.replace(/~1/g, '/').replace(/~0/g, '~');
    }
  }
  return undefined;
}

/** Fields whose value is a number, where a whole-string `${Placeholder}` stands for one. */
const NUMERIC_FIELDS = new Set([
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'Seconds',
  'MaxConcurrency',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'ToleratedFailureCount',
  'ToleratedFailurePercentage',
  'MaxItems',
  'MaxItemsPerBatch',
  'MaxInputBytesPerBatch',
]);

const PLACEHOLDER = /\$\{[^}]*\}/g;
const WHOLE_PLACEHOLDER = /^\$\{[^}]*\}$/;
const STAND_IN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:placeholder';

/**
 * True for a CloudFormation intrinsic written inside a plain definition (`{"Ref": …}`, `{"Fn::GetAtt": …}`), as
 * Serverless Framework users do: it stands for a value filled in at deploy time, like a `${Placeholder}`.
 */
export function isIntrinsicObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || /^Fn::[A-Za-z0-9]+$/.test(keys[0]!));
}

/** True when the string carries a CloudFormation/DefinitionSubstitutions placeholder. */
export function hasPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${') && /\$\{[^}]*\}/.test(value);
}

function standIn(name: string): string {
  if (/account/i.test(name)) return '123456789012';
  if (/region/i.test(name)) return 'us-east-1';
  if (/partition/i.test(name)) return 'aws';
  return 'placeholder';
}

function replaceString(key: string, value: string): unknown {
  if (!hasPlaceholder(value)) return value;
  if (value.trim().startsWith('{%')) return value;
  const whole = WHOLE_PLACEHOLDER.test(value);
  if (whole && NUMERIC_FIELDS.has(key)) return 1;
  if (whole && key === 'Timestamp') return '2020-01-01T00:00:00Z';
  if (key === 'Resource' || /Arn$/.test(key)) {
    if (whole) return STAND_IN_ARN;
    // `${LambdaArn}:$LATEST` and similar: the first placeholder stands for a whole ARN.
    if (value.startsWith('${'))
      return value.replace(/^\$\{[^}]*\}/, STAND_IN_ARN).replace(PLACEHOLDER, (m) => standIn(m));
  }
  return value.replace(PLACEHOLDER, (m) => standIn(m));
}

/**
 * A copy of the definition with every `${Placeholder}` replaced by a value of the kind the field expects (an
 * ARN, a number, a timestamp, a plain word), and `InputType: PARQUET` read as CSV: the checkers were written
 * before those were allowed, and neither is a mistake in the definition.
 */
export function withStandIns(definition: unknown): unknown {
  const visit = (value: unknown, key: string, depth: number): unknown => {
    if (depth > 200) return value;
    if (typeof value === 'string') {
      if (key === 'InputType' && value === 'PARQUET') return 'CSV';
      // Paths are read with surrounding blanks ignored; the path grammar check is not that forgiving.
      const text = key.endsWith('.$') ? value.trim() : value;
      return replaceString(key, text);
    }
    if (isIntrinsicObject(value)) return replaceString(key, '${' + Object.keys(value)[0] + '}');
    if (Array.isArray(value)) return value.map((v) => visit(v, key, depth + 1));
    if (isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const replaced = visit(v, k, depth + 1);
        if (k === '__proto__') {
          Object.defineProperty(out, k, { value: replaced, enumerable: true, writable: true, configurable: true });
        } else {
          out[k] = replaced;
        }
      }
      return out;
    }
    return value;
  };
  return visit(definition, '', 0);
}

/**
 * The definition as deployed: every `${Name}` whose DefinitionSubstitutions value is plain text replaced by it,
 * inside string values (the service substitutes text, so a quoted `"${Wait}"` stays a string). Values given as
 * CloudFormation expressions stay placeholders. Keys and structure are untouched, so pointers still name the
 * same places in the document. Returns the definition itself when there is nothing to replace.
 */
export function withLiteralSubstitutions(
  definition: unknown,
  placeholders: readonly { name: string; value?: string }[],
): unknown {
  const literals = new Map<string, string>();
  for (const p of placeholders) if (p.value !== undefined && !p.value.includes('${')) literals.set(p.name, p.value);
  if (literals.size === 0) return definition;
  const visit = (value: unknown, depth: number): unknown => {
    if (depth > 200) return value;
    if (typeof value === 'string')
      return value.includes('${') ? value.replace(PLACEHOLDER, (m) => literals.get(m.slice(2, -1)) ?? m) : value;
    if (Array.isArray(value)) return value.map((v) => visit(v, depth + 1));
    if (isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, k, {
          value: visit(v, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return value;
  };
  return visit(definition, 0);
}

/** The value at a pointer in a parsed definition, or undefined. */
export function valueAt(definition: unknown, pointer: string): unknown {
  if (pointer === '') return definition;
  let current: unknown = definition;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(seg)];
    else if (isObject(current)) current = Object.prototype.hasOwnProperty.call(current, seg) ? current[seg] : undefined;
    else return undefined;
  }
  return current;
}

const NEUTRAL_JSONATA = '{% $states.input %}';

function tidyJsonata(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!t.startsWith('{%') || !t.endsWith('%}') || t.length < 5) return value;
  return `{% ${t.slice(2, -2).trim()} %}`;
}

/**
 * A copy for asl-validator in which payloads it reads too strictly are replaced by neutral values of an
 * accepted shape: JSONata `Output`/`Arguments`/`Assign`/`Condition`/`Items` take any JSON value (its schema wants
 * an object or a `{% … %}` string with exact spacing), and JSONPath `Assign` constants may be any JSON. Our own
 * rules check these fields (JSONata syntax, variables), so nothing is lost.
 */
export function neutralPayloads(definition: unknown): unknown {
  const copy = structuredClone(definition);
  for (const visit of walkDefinition(copy).states) {
    const s = visit.state;
    if (visit.queryLanguage === 'JSONata') {
      for (const key of Object.keys(s)) s[key] = tidyJsonata(s[key]);
      if ('Output' in s) s.Output = NEUTRAL_JSONATA;
      if ('Arguments' in s) s.Arguments = NEUTRAL_JSONATA;
      if ('Items' in s) s.Items = NEUTRAL_JSONATA;
      if (isObject(s.ItemBatcher)) {
        for (const key of Object.keys(s.ItemBatcher)) s.ItemBatcher[key] = tidyJsonata(s.ItemBatcher[key]);
        if ('BatchInput' in s.ItemBatcher) s.ItemBatcher.BatchInput = {};
      }
      if (isObject(s.ItemSelector)) s.ItemSelector = {};
    }
    const neutralAssign = (assign: unknown): void => {
      if (!isObject(assign)) return;
      for (const key of Object.keys(assign)) {
        if (visit.queryLanguage === 'JSONata') assign[key] = NEUTRAL_JSONATA;
        else if (!key.endsWith('.$')) assign[key] = 0;
      }
    };
    neutralAssign(s.Assign);
    for (const list of ['Choices', 'Catch'] as const) {
      const arr = s[list];
      if (!Array.isArray(arr)) continue;
      for (const item of arr) {
        if (!isObject(item)) continue;
        neutralAssign(item.Assign);
        if (visit.queryLanguage === 'JSONata') {
          if ('Output' in item) item.Output = NEUTRAL_JSONATA;
          if ('Condition' in item)
            item.Condition = typeof item.Condition === 'boolean' ? NEUTRAL_JSONATA : tidyJsonata(item.Condition);
        }
      }
    }
  }
  return copy;
}

/** Where a scope is, in words: "at the top level", "in a branch of Parallel state …", …. */
export function describeScope(scope: Scope): string {
  if (scope.kind === 'root') return 'at the top level';
  if (scope.kind === 'branch') return `in a branch of Parallel state "${scope.owner}"`;
  if (scope.kind === 'distributed-map') return `in the item processor of Distributed Map state "${scope.owner}"`;
  return `in the item processor of Map state "${scope.owner}"`;
}
