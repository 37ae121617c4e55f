/**
 * The checks neither library makes: variables (`Assign`, `$name` references, scopes, the reserved `$states`),
 * JSONata syntax with the parser's own position, fields of the wrong query language, and state names used twice
 * anywhere in one machine. Each finding names a JSON pointer; the caller turns it into a line and column.
 */
import jsonata from 'jsonata';
import type { Severity } from '../diagnostics.ts';
import { escapePointerSegment } from './validate-source-map.ts';
import { isObject, walkDefinition, type Scope, type StateVisit, type Walk } from './validate-walk.ts';

/** A problem before positions: where (pointer, optionally a character offset inside a string value) and what. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  pointer: string;
  /** Point at the key rather than the value (e.g. a field that should not be there). */
  atKey?: boolean;
  /** Offset inside the string value (after its opening quote), for JSONata positions. */
  innerOffset?: number;
  state?: string;
  source: string;
  /** Tells two findings of one code apart when the pointer does not (e.g. the fields of a group). */
  detail?: string;
  /**
   * Pointers whose library findings this one replaces: it names the real problem there, and what the libraries
   * say at or under these pointers is a consequence of it, worded as something else.
   */
  supersedes?: string[];
}

/** Fields only JSONPath states have, with what a JSONata state uses instead. */
const JSONPATH_ONLY: Record<string, string> = {
  InputPath: 'use "Arguments" (or "Items") with a {% %} expression',
  Parameters: 'use "Arguments"',
  ResultSelector: 'use "Output" (or "Assign")',
  ResultPath: 'use "Output" (or "Assign")',
  OutputPath: 'use "Output"',
  ItemsPath: 'use "Items"',
  TimeoutSecondsPath: 'use "TimeoutSeconds" with a {% %} expression',
  HeartbeatSecondsPath: 'use "HeartbeatSeconds" with a {% %} expression',
  SecondsPath: 'use "Seconds" with a {% %} expression',
  TimestampPath: 'use "Timestamp" with a {% %} expression',
  ErrorPath: 'use "Error" with a {% %} expression',
  CausePath: 'use "Cause" with a {% %} expression',
  MaxConcurrencyPath: 'use "MaxConcurrency" with a {% %} expression',
  ToleratedFailureCountPath: 'use "ToleratedFailureCount" with a {% %} expression',
  ToleratedFailurePercentagePath: 'use "ToleratedFailurePercentage" with a {% %} expression',
};

/** Fields only JSONata states have, with what a JSONPath state uses instead. */
const JSONATA_ONLY: Record<string, string> = {
  Arguments: 'use "Parameters"',
  Output: 'use "ResultSelector", "ResultPath" and "OutputPath"',
  Items: 'use "ItemsPath"',
};

const COMPARISON_OPERATORS = /^(And|Or|Not|Is\w+|String\w+|Numeric\w+|Boolean\w+|Timestamp\w+)$/;

/** JSONata's own functions plus the ones Step Functions adds: calling them is not a variable reference. */
const JSONATA_FUNCTIONS = new Set(
  (
    'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad ' +
    'contains split join match replace now millis fromMillis toMillis formatNumber formatBase formatInteger ' +
    'parseInteger number abs floor ceil power sqrt random round boolean not exists map zip filter single reduce ' +
    'sift each error assert type keys lookup spread merge sort reverse shuffle distinct append base64encode ' +
    'base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval clone partition range hash uuid parse'
  ).split(' '),
);

function describeScope(scope: Scope): string {
  if (scope.kind === 'root') return 'at the top level';
  if (scope.kind === 'branch') return `in a branch of Parallel state "${scope.owner}"`;
  if (scope.kind === 'distributed-map') return `in the item processor of Distributed Map state "${scope.owner}"`;
  return `in the item processor of Map state "${scope.owner}"`;
}

/** A `{% … %}` string's expression, or null when the string is not JSONata. */
function jsonataBody(value: string): { expr: string; offset: number } | null {
  const lead = value.length - value.trimStart().length;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{%') || !trimmed.endsWith('%}') || trimmed.length < 4) return null;
  return { expr: trimmed.slice(2, -2), offset: lead + 2 };
}

/** Visits every string in a state's own fields (not the states of its branches or processor). */
function eachString(
  value: unknown,
  pointer: string,
  key: string,
  visit: (text: string, pointer: string, key: string) => void,
  depth = 0,
): void {
  if (depth > 100) return;
  if (typeof value === 'string') visit(value, pointer, key);
  else if (Array.isArray(value)) value.forEach((v, i) => eachString(v, `${pointer}/${i}`, key, visit, depth + 1));
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (depth === 0 && (k === 'Branches' || k === 'Iterator')) continue;
      if (k === 'Comment') continue; // never evaluated
      if (depth === 0 && k === 'ItemProcessor' && isObject(v)) {
        // Only ProcessorConfig belongs to the Map state itself; the States are walked as their own states.
        eachString(v.ProcessorConfig, `${pointer}/ItemProcessor/ProcessorConfig`, 'ProcessorConfig', visit, depth + 2);
        continue;
      }
      eachString(v, `${pointer}/${escapePointerSegment(k)}`, k, visit, depth + 1);
    }
  }
}

interface Reference {
  name: string;
  pointer: string;
  innerOffset?: number;
}

/** Variable names a JSONata AST reads, minus local bindings and function calls. */
function jsonataReads(ast: unknown): { name: string; position: number }[] {
  const reads: { name: string; position: number }[] = [];
  const bound = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 500 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, depth + 1);
      return;
    }
    const n = node as Record<string, unknown>;
    if (typeof n.focus === 'string') bound.add(n.focus);
    if (typeof n.index === 'string') bound.add(n.index);
    if (n.type === 'bind' && isObject(n.lhs) && typeof n.lhs.value === 'string') bound.add(n.lhs.value);
    if (n.type === 'lambda' && Array.isArray(n.arguments)) {
      for (const a of n.arguments) if (isObject(a) && typeof a.value === 'string') bound.add(a.value);
    }
    if ((n.type === 'function' || n.type === 'partial') && isObject(n.procedure) && n.procedure.type === 'variable') {
      const name = n.procedure.value;
      if (typeof name === 'string' && !JSONATA_FUNCTIONS.has(name)) {
        reads.push({ name, position: Number(n.procedure.position) || 0 });
      }
      walk(n.arguments, depth + 1);
      return;
    }
    if (n.type === 'variable' && typeof n.value === 'string') {
      reads.push({ name: n.value, position: Number(n.position) || 0 });
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'position' && typeof v === 'object') walk(v, depth + 1);
  };
  walk(ast, 0);
  return reads.filter((r) => r.name !== '' && r.name !== '$' && !bound.has(r.name));
}

/** `$name` references in a JSONPath path or intrinsic function call (not `$`, `$.x`, `$$`, nor inside quotes). */
function jsonPathReads(text: string): { name: string; index: number }[] {
  const blanked = text.replace(/'(?:[^'\\]|\\.)*'/g, (m) => ' '.repeat(m.length));
  const reads: { name: string; index: number }[] = [];
  for (const m of blanked.matchAll(/(?<![\w$.@])\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    reads.push({ name: m[1]!, index: m.index ?? 0 });
  }
  return reads;
}

/** Path-valued fields of a JSONPath state (where `$name` may read a variable). ResultPath cannot. */
function isJsonPathValued(key: string): boolean {
  return (key.endsWith('.$') || /Path$/.test(key) || key === 'Variable') && key !== 'ResultPath';
}

/** Every variable a state assigns: its own `Assign`, its Catch clauses' and its Choice rules'. */
function assignsOf(visit: StateVisit): { name: string; pointer: string }[] {
  const out: { name: string; pointer: string }[] = [];
  const add = (assign: unknown, pointer: string): void => {
    if (!isObject(assign)) return;
    for (const key of Object.keys(assign)) {
      out.push({
        name: key.endsWith('.$') ? key.slice(0, -2) : key,
        pointer: `${pointer}/${escapePointerSegment(key)}`,
      });
    }
  };
  add(visit.state.Assign, `${visit.pointer}/Assign`);
  if (Array.isArray(visit.state.Catch)) {
    visit.state.Catch.forEach((c, i) => isObject(c) && add(c.Assign, `${visit.pointer}/Catch/${i}/Assign`));
  }
  if (Array.isArray(visit.state.Choices)) {
    visit.state.Choices.forEach((c, i) => isObject(c) && add(c.Assign, `${visit.pointer}/Choices/${i}/Assign`));
  }
  return out;
}

/** Runs every rule of this module on one definition. */
export function checkRules(definition: unknown, walk: Walk = walkDefinition(definition)): Finding[] {
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'source'>): void => {
    findings.push({ ...f, source: 'statescope' });
  };

  // Duplicate state names across the whole machine.
  const firstSeen = new Map<string, StateVisit>();
  for (const visit of walk.states) {
    const first = firstSeen.get(visit.name);
    if (!first) {
      firstSeen.set(visit.name, visit);
      continue;
    }
    add({
      code: 'duplicate-state-name',
      severity: 'error',
      message: `State name "${visit.name}" is used more than once in this state machine (first ${describeScope(first.scope)}); names must be unique across all branches and Map processors`,
      pointer: visit.pointer,
      atKey: true,
      state: visit.name,
    });
  }

  // Variables assigned per scope.
  const assignedIn = new Map<Scope, Set<string>>();
  const assignedWhere = new Map<string, Scope[]>();
  for (const visit of walk.states) {
    for (const a of assignsOf(visit)) {
      if (a.name === 'states') {
        add({
          code: 'reserved-variable',
          severity: 'error',
          message: `State "${visit.name}": "states" cannot be assigned; $states is reserved for the state's input, result and context`,
          pointer: a.pointer,
          atKey: true,
          state: visit.name,
        });
        continue;
      }
      let set = assignedIn.get(visit.scope);
      if (!set) assignedIn.set(visit.scope, (set = new Set()));
      set.add(a.name);
      const where = assignedWhere.get(a.name) ?? [];
      if (!where.includes(visit.scope)) where.push(visit.scope);
      assignedWhere.set(a.name, where);
    }
  }
  const visibleCache = new Map<Scope, Set<string>>();
  const visible = (scope: Scope): Set<string> => {
    let set = visibleCache.get(scope);
    if (set) return set;
    set = new Set(assignedIn.get(scope) ?? []);
    if (scope.parent && scope.kind !== 'distributed-map') for (const v of visible(scope.parent)) set.add(v);
    visibleCache.set(scope, set);
    return set;
  };

  const assignedBefore = variablesBefore(walk);

  for (const visit of walk.states) {
    const { state, name, pointer } = visit;
    const isJsonata = visit.queryLanguage === 'JSONata';
    const references: Reference[] = [];

    // Fields of the other query language.
    const fieldIssue = (field: string, where: string, advice: string, fieldPointer: string, other: string): void => {
      add({
        code: isJsonata ? 'jsonpath-field-in-jsonata-state' : 'jsonata-field-in-jsonpath-state',
        severity: 'error',
        message: `State "${name}": field "${field}"${where} is not allowed in a ${isJsonata ? 'JSONata' : 'JSONPath'} state (${other}); ${advice}`,
        pointer: fieldPointer,
        atKey: true,
        state: name,
      });
    };
    const table = isJsonata ? JSONPATH_ONLY : JSONATA_ONLY;
    const otherNote = isJsonata ? `it is a JSONPath field` : `it is a JSONata field`;
    for (const field of Object.keys(state)) {
      const advice = table[field];
      if (advice && !(field === 'Items' && state.Type !== 'Map') && !(field === 'Output' && state.Type === 'Fail')) {
        fieldIssue(
          field,
          '',
          isJsonata ? advice : `${advice}, or set "QueryLanguage": "JSONata"`,
          `${pointer}/${escapePointerSegment(field)}`,
          otherNote,
        );
      }
    }
    if (isJsonata) {
      for (const [sub, fields] of [
        ['ItemBatcher', ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath']],
        ['ItemReader', ['Parameters']],
      ] as const) {
        const holder = state[sub];
        if (!isObject(holder)) continue;
        for (const f of fields) {
          if (f in holder)
            fieldIssue(
              f,
              ` (in ${sub})`,
              f === 'Parameters' ? 'use "Arguments"' : `use "${f.slice(0, -4)}" with a {% %} expression`,
              `${pointer}/${sub}/${f}`,
              otherNote,
            );
        }
      }
      const reader = isObject(state.ItemReader) ? state.ItemReader.ReaderConfig : undefined;
      if (isObject(reader) && 'MaxItemsPath' in reader) {
        fieldIssue(
          'MaxItemsPath',
          ' (in ItemReader.ReaderConfig)',
          'use "MaxItems" with a {% %} expression',
          `${pointer}/ItemReader/ReaderConfig/MaxItemsPath`,
          otherNote,
        );
      }
      if (Array.isArray(state.Choices)) {
        state.Choices.forEach((rule, i) => {
          if (!isObject(rule)) return;
          for (const key of Object.keys(rule)) {
            if (key === 'Variable' || COMPARISON_OPERATORS.test(key)) {
              fieldIssue(
                key,
                ` (in Choices[${i}])`,
                'write the rule as "Condition": "{% … %}"',
                `${pointer}/Choices/${i}/${escapePointerSegment(key)}`,
                'it is a JSONPath choice rule',
              );
            }
          }
        });
      }
    }

    // A JSONata machine cannot hold JSONPath states.
    if (
      walk.topQueryLanguage === 'JSONata' &&
      state.QueryLanguage === 'JSONPath' &&
      !insideDistributedMap(visit.scope)
    ) {
      add({
        code: 'query-language-downgrade',
        severity: 'error',
        message: `State "${name}": "QueryLanguage" is JSONPath, but the state machine uses JSONata; a state can switch from JSONPath to JSONata, not back`,
        pointer: `${pointer}/QueryLanguage`,
        state: name,
      });
    }
    if ('Credentials' in state) {
      const c = state.Credentials;
      if (!isObject(c) || !('RoleArn' in c || 'RoleArn.$' in c)) {
        add({
          code: 'field-required',
          severity: 'error',
          message: `State "${name}": "Credentials" needs "RoleArn"${isJsonata ? '' : ' (or "RoleArn.$")'}, the role to assume for this task`,
          pointer: `${pointer}/Credentials`,
          atKey: true,
          state: name,
        });
      }
    }

    // JSONata syntax and variable reads.
    eachString(state, pointer, '', (text, at, key) => {
      if (isJsonata) {
        const trimmed = text.trim();
        if (trimmed.startsWith('{%') !== trimmed.endsWith('%}')) {
          add({
            code: 'jsonata-delimiters',
            severity: 'error',
            message: `State "${name}": "${key}" ${trimmed.startsWith('{%') ? 'starts with {% but does not end with %}' : 'ends with %} but does not start with {%'}`,
            pointer: at,
            state: name,
          });
          return;
        }
        const body = jsonataBody(text);
        if (!body) return;
        if (!/^\s/.test(body.expr)) {
          // Step Functions runs "{%$x %}" (a published AWS sample does), but asl-validator and the docs use a space.
          add({
            code: 'jsonata-spacing',
            severity: 'warning',
            message: `State "${name}": write the JSONata expression in "${key}" as "{% expression %}", with a space after "{%" (some tools reject it without)`,
            pointer: at,
            state: name,
          });
        }
        if (body.expr.trim() === '') {
          add({
            code: 'jsonata-syntax',
            severity: 'error',
            message: `State "${name}": the JSONata expression in "${key}" is empty`,
            pointer: at,
            state: name,
          });
          return;
        }
        let ast: unknown;
        try {
          ast = jsonata(body.expr).ast();
        } catch (error) {
          const e = error as { message?: string; position?: number; token?: string };
          const position = typeof e.position === 'number' ? e.position : 0;
          add({
            code: 'jsonata-syntax',
            severity: 'error',
            message: `State "${name}": JSONata syntax error in "${key}": ${e.message ?? String(error)}${position ? ` (at character ${position} of the expression)` : ''}`,
            pointer: at,
            innerOffset: body.offset + Math.max(0, position - 1),
            state: name,
          });
          return;
        }
        for (const r of jsonataReads(ast)) {
          references.push({
            name: r.name,
            pointer: at,
            innerOffset: body.offset + Math.max(0, r.position - r.name.length - 1),
          });
        }
      } else if (
        (isJsonPathValued(key) && text.startsWith('$')) ||
        (key.endsWith('.$') && text.startsWith('States.'))
      ) {
        for (const r of jsonPathReads(text)) references.push({ name: r.name, pointer: at, innerOffset: r.index });
      }
    });

    const canSee = visible(visit.scope);
    const before = assignedBefore.get(visit);
    const reported = new Set<string>();
    for (const ref of references) {
      if (ref.name === 'states' || reported.has(ref.name)) continue;
      if (canSee.has(ref.name)) {
        if (!before || before.has(ref.name)) continue;
        reported.add(ref.name);
        const finding: Omit<Finding, 'source'> = {
          code: 'variable-before-assignment',
          severity: 'warning',
          message: `State "${name}" may read variable $${ref.name} before it is assigned: no state on the way to "${name}" assigns it`,
          pointer: ref.pointer,
          state: name,
        };
        if (ref.innerOffset !== undefined) finding.innerOffset = ref.innerOffset;
        add(finding);
        continue;
      }
      reported.add(ref.name);
      const elsewhere = assignedWhere.get(ref.name);
      let message: string;
      if (!elsewhere || elsewhere.length === 0) {
        message = `State "${name}" reads variable $${ref.name}, but no state assigns it (add it to an "Assign" first)`;
      } else if (visit.scope.kind === 'distributed-map' || hasDistributedAncestorBetween(visit.scope, elsewhere)) {
        message = `State "${name}" reads variable $${ref.name}, which is assigned ${describeScope(elsewhere[0]!)}; a Distributed Map's item processor cannot see variables from outside it (pass the value in with ItemSelector)`;
      } else {
        message = `State "${name}" reads variable $${ref.name}, which is only assigned ${describeScope(elsewhere[0]!)}; variables assigned inside a Parallel branch or Map processor are not visible outside it`;
      }
      const finding: Omit<Finding, 'source'> = {
        code: 'undefined-variable',
        severity: 'warning',
        message,
        pointer: ref.pointer,
        state: name,
      };
      if (ref.innerOffset !== undefined) finding.innerOffset = ref.innerOffset;
      add(finding);
    }
  }
  return findings;
}

function hasDistributedAncestorBetween(scope: Scope, assigned: Scope[]): boolean {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.kind === 'distributed-map' && s.parent && assigned.some((a) => isAncestorOrSelf(a, s!.parent!))) return true;
  }
  return false;
}

function isAncestorOrSelf(candidate: Scope, of: Scope): boolean {
  for (let s: Scope | null = of; s; s = s.parent) if (s === candidate) return true;
  return false;
}

/** Fields each state type may carry (both query languages; the language split is checked separately). */
const ALLOWED_FIELDS: Record<string, readonly string[]> = {
  Pass: ['Next', 'End', 'InputPath', 'OutputPath', 'ResultPath', 'Parameters', 'Result', 'Assign', 'Output'],
  Task: [
    'Resource',
    'Next',
    'End',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'Retry',
    'Catch',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
    'Arguments',
    'Output',
    'Assign',
  ],
  Choice: ['Choices', 'Default', 'InputPath', 'OutputPath', 'Assign', 'Output'],
  Wait: [
    'Next',
    'End',
    'Seconds',
    'SecondsPath',
    'Timestamp',
    'TimestampPath',
    'InputPath',
    'OutputPath',
    'Assign',
    'Output',
  ],
  Succeed: ['InputPath', 'OutputPath', 'Output'],
  Fail: ['Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: [
    'Branches',
    'Next',
    'End',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'Retry',
    'Catch',
    'Arguments',
    'Output',
    'Assign',
  ],
  Map: [
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemSelector',
    'Parameters',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'Label',
    'Next',
    'End',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'ResultSelector',
    'Retry',
    'Catch',
    'Output',
    'Assign',
    'Arguments',
  ],
};
const COMMON_FIELDS = ['Type', 'Comment', 'QueryLanguage'];

/** The state types ASL defines, for messages that list what is allowed. */
export const STATE_TYPES = Object.keys(ALLOWED_FIELDS);

/** True when `field` may appear on a state of `type` (in one query language or the other). */
export function isFieldAllowed(type: string, field: string): boolean {
  const allowed = ALLOWED_FIELDS[type];
  return !allowed || COMMON_FIELDS.includes(field) || allowed.includes(field);
}

/** Every transition a state makes: Next, Default, each Choice rule's Next, each Catch's Next. */
function transitionsOf(visit: StateVisit): { target: string; pointer: string; field: string }[] {
  const out: { target: string; pointer: string; field: string }[] = [];
  const s = visit.state;
  if (typeof s.Next === 'string') out.push({ target: s.Next, pointer: `${visit.pointer}/Next`, field: 'Next' });
  if (typeof s.Default === 'string')
    out.push({ target: s.Default, pointer: `${visit.pointer}/Default`, field: 'Default' });
  if (Array.isArray(s.Choices)) {
    s.Choices.forEach((c, i) => {
      if (isObject(c) && typeof c.Next === 'string')
        out.push({ target: c.Next, pointer: `${visit.pointer}/Choices/${i}/Next`, field: 'Next' });
    });
  }
  if (Array.isArray(s.Catch)) {
    s.Catch.forEach((c, i) => {
      if (isObject(c) && typeof c.Next === 'string')
        out.push({ target: c.Next, pointer: `${visit.pointer}/Catch/${i}/Next`, field: 'Next' });
    });
  }
  return out;
}

/**
 * Structure: unknown state types and fields, transitions to states that do not exist or lie outside the scope,
 * states nothing reaches, scopes with no way to end. The libraries check these too, but without positions (or
 * only for JSON text); ours name the exact field, and the merge keeps one per problem.
 */
export function checkStructure(definition: unknown, walk: Walk = walkDefinition(definition)): Finding[] {
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'source'>): void => {
    findings.push({ ...f, source: 'statescope' });
  };
  const scopeOfName = new Map<string, Scope>();
  for (const v of walk.states) if (!scopeOfName.has(v.name)) scopeOfName.set(v.name, v.scope);

  for (const visit of walk.states) {
    const { state, name, pointer } = visit;
    const type = state.Type;
    if (typeof type !== 'string') {
      add({
        code: 'field-required',
        severity: 'error',
        message: `State "${name}" has no "Type" (one of ${STATE_TYPES.join(', ')})`,
        pointer,
        atKey: true,
        state: name,
      });
    } else if (!ALLOWED_FIELDS[type]) {
      add({
        code: 'bad-value',
        severity: 'error',
        message: `State "${name}": "Type" is "${type}", which is not a state type (use one of ${STATE_TYPES.join(', ')})`,
        pointer: `${pointer}/Type`,
        state: name,
      });
    } else {
      for (const field of Object.keys(state)) {
        if (isFieldAllowed(type, field)) continue;
        add({
          code: 'field-not-allowed',
          severity: 'error',
          message: `State "${name}": field "${field}" is not allowed on a ${type} state`,
          pointer: `${pointer}/${escapePointerSegment(field)}`,
          atKey: true,
          state: name,
        });
      }
    }
    for (const t of transitionsOf(visit)) {
      if (visit.scope.states.includes(t.target)) continue;
      const other = scopeOfName.get(t.target);
      add({
        code: 'unknown-target',
        severity: 'error',
        message: other
          ? `State "${name}": "${t.field}" goes to "${t.target}", which is ${describeScope(other)}; a state can only go to states ${describeScope(visit.scope)}`
          : `State "${name}": "${t.field}" names a state that does not exist: "${t.target}"`,
        pointer: t.pointer,
        state: name,
      });
    }
  }

  for (const scope of walk.scopes) {
    const container = valueAtScope(definition, scope);
    if (!container) continue;
    const { startAt, states } = container;
    const where = scope.kind === 'root' ? 'this state machine' : `the states ${describeScope(scope)}`;
    if (typeof startAt !== 'string') {
      // The libraries also call every state here unreachable: a consequence, not a second problem.
      add({
        code: 'field-required',
        severity: 'error',
        message: `"StartAt" is missing: ${where} must name the state to start with`,
        pointer: scope.pointer,
        detail: `${scope.pointer}/StartAt`,
        supersedes: [`${scope.pointer}/States`],
        ...(scope.owner ? { state: scope.owner } : {}),
      });
    } else if (!scope.states.includes(startAt)) {
      add({
        code: 'unknown-target',
        severity: 'error',
        message: `"StartAt" names a state that does not exist${scope.kind === 'root' ? '' : ` ${describeScope(scope)}`}: "${startAt}"`,
        pointer: `${scope.pointer}/StartAt`,
        ...(scope.owner ? { state: scope.owner } : {}),
      });
    }
    if (states.length === 0) continue;
    // Terminal: End, Succeed or Fail somewhere in the scope.
    const visits = walk.states.filter((v) => v.scope === scope);
    const terminal = visits.some((v) => v.state.End === true || v.state.Type === 'Succeed' || v.state.Type === 'Fail');
    if (!terminal) {
      add({
        code: 'no-terminal-state',
        severity: 'error',
        message: `${scope.kind === 'root' ? 'This state machine' : `The states ${describeScope(scope)}`} can never finish: no state has "End": true and there is no Succeed or Fail state`,
        pointer: `${scope.pointer}/States`,
        atKey: true,
        ...(scope.owner ? { state: scope.owner } : {}),
      });
    }
    // Reachability from StartAt inside the scope.
    if (typeof startAt !== 'string' || !scope.states.includes(startAt)) continue;
    const byName = new Map(visits.map((v) => [v.name, v]));
    const seen = new Set<string>([startAt]);
    const queue = [startAt];
    while (queue.length > 0) {
      const v = byName.get(queue.pop()!);
      if (!v) continue;
      for (const t of transitionsOf(v)) {
        if (!seen.has(t.target) && byName.has(t.target)) {
          seen.add(t.target);
          queue.push(t.target);
        }
      }
    }
    for (const v of visits) {
      if (seen.has(v.name)) continue;
      add({
        code: 'unreachable-state',
        severity: 'error',
        message: `State "${v.name}" can never be reached: no state goes to it (through Next, Default, a Choice rule or a Catch)`,
        pointer: v.pointer,
        atKey: true,
        state: v.name,
      });
    }
  }
  return findings;
}

function valueAtScope(definition: unknown, scope: Scope): { startAt: unknown; states: string[] } | undefined {
  let current: unknown = definition;
  if (scope.pointer !== '') {
    for (const raw of scope.pointer.slice(1).split('/')) {
      const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      current = Array.isArray(current) ? current[Number(seg)] : isObject(current) ? current[seg] : undefined;
    }
  }
  if (!isObject(current)) return undefined;
  return { startAt: current.StartAt, states: isObject(current.States) ? Object.keys(current.States) : [] };
}

/** A Distributed Map's processor runs as child executions with their own settings. */
function insideDistributedMap(scope: Scope): boolean {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.kind === 'distributed-map') return true;
  return false;
}

/** Keys of an `Assign` object, without the JSONPath `.$` suffix. */
function assignKeys(assign: unknown): string[] {
  return isObject(assign) ? Object.keys(assign).map((k) => (k.endsWith('.$') ? k.slice(0, -2) : k)) : [];
}

/**
 * For each state reached from its scope's StartAt, the variables that may hold a value when it starts: a
 * forward "may be assigned" analysis along Next, Default, Choice rules and Catch (each edge carrying the
 * assignments made on it), entering a Parallel branch or inline Map processor with what its owner state sees.
 */
function variablesBefore(walk: Walk): Map<StateVisit, Set<string>> {
  const result = new Map<StateVisit, Set<string>>();
  const byScope = new Map<Scope, StateVisit[]>();
  for (const v of walk.states) {
    const list = byScope.get(v.scope) ?? [];
    list.push(v);
    byScope.set(v.scope, list);
  }
  const ownerVisit = new Map<Scope, StateVisit>();
  for (const scope of walk.scopes) {
    if (scope.parent && scope.owner !== undefined) {
      const owner = (byScope.get(scope.parent) ?? []).find((v) => v.name === scope.owner);
      if (owner) ownerVisit.set(scope, owner);
    }
  }
  for (const scope of walk.scopes) {
    const visits = byScope.get(scope) ?? [];
    if (visits.length === 0) continue;
    const byName = new Map(visits.map((v) => [v.name, v]));
    const owner = ownerVisit.get(scope);
    const entry = scope.kind === 'distributed-map' || !owner ? new Set<string>() : new Set(result.get(owner) ?? []);
    if (scope.kind !== 'root' && scope.kind !== 'distributed-map' && owner && !result.has(owner)) continue;
    const start = scope.startAt;
    const first = start === undefined ? undefined : byName.get(start);
    if (!first) continue;
    const inSets = new Map<StateVisit, Set<string>>([[first, entry]]);
    const queue: StateVisit[] = [first];
    let steps = 0;
    while (queue.length > 0 && steps++ < 200_000) {
      const v = queue.shift()!;
      const here = inSets.get(v)!;
      const own = assignKeys(v.state.Assign);
      const edges: { target: unknown; adds: string[] }[] = [
        { target: v.state.Next, adds: own },
        { target: v.state.Default, adds: own },
      ];
      if (Array.isArray(v.state.Choices)) {
        for (const rule of v.state.Choices)
          if (isObject(rule)) edges.push({ target: rule.Next, adds: [...own, ...assignKeys(rule.Assign)] });
      }
      if (Array.isArray(v.state.Catch)) {
        for (const c of v.state.Catch) if (isObject(c)) edges.push({ target: c.Next, adds: assignKeys(c.Assign) });
      }
      for (const edge of edges) {
        if (typeof edge.target !== 'string') continue;
        const t = byName.get(edge.target);
        if (!t) continue;
        let set = inSets.get(t);
        let grew = false;
        if (!set) {
          inSets.set(t, (set = new Set()));
          grew = true;
        }
        for (const name of [...here, ...edge.adds]) {
          if (set.has(name)) continue;
          set.add(name);
          grew = true;
        }
        if (grew) queue.push(t);
      }
    }
    for (const [v, set] of inSets) result.set(v, set);
  }
  return result;
}
