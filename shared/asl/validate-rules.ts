/**
 * The checks neither library makes: variables (`Assign`, `$name` references, scopes, the reserved `$states`),
 * JSONata syntax with the parser's own position, fields of the wrong query language, and state names used twice
 * anywhere in one machine. Each finding names a JSON pointer; the caller turns it into a line and column.
 */
import jsonata from 'jsonata';
import type { Severity } from '../diagnostics.ts';
import { escapePointerSegment } from './validate-source-map.ts';
import {
  jsonataReads,
  jsonPathReads,
  isJsonPathValued,
  variableReads,
  variableScopes,
  type Reference,
} from './validate-variables.ts';
import { describeScope, isObject, walkDefinition, type Scope, type StateVisit, type Walk } from './validate-walk.ts';

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

/** How a rule reports a finding (the caller adds the checker's name). */
export type AddFinding = (f: Omit<Finding, 'source'>) => void;

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

/** Runs every rule of this module on one definition. */
export function checkRules(definition: unknown, walk: Walk = walkDefinition(definition)): Finding[] {
  const findings: Finding[] = [];
  const add: AddFinding = (f) => {
    findings.push({ ...f, source: 'statescope' });
  };
  duplicateNames(walk, add);
  const variables = variableScopes(walk, add);
  for (const visit of walk.states) {
    wrongLanguageFields(visit, add);
    languageAndCredentials(visit, walk, add);
    const references = stringChecks(visit, add);
    variableReads(visit, references, variables, add);
  }
  return findings;
}

/** Duplicate state names across the whole machine. */
function duplicateNames(walk: Walk, add: AddFinding): void {
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
}

/** Fields of the other query language, on the state and in its ItemBatcher, ItemReader and Choice rules. */
function wrongLanguageFields(visit: StateVisit, add: AddFinding): void {
  const { state, name, pointer } = visit;
  const isJsonata = visit.queryLanguage === 'JSONata';
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
}

/** A JSONata machine cannot hold JSONPath states; Credentials need a role. */
function languageAndCredentials(visit: StateVisit, walk: Walk, add: AddFinding): void {
  const { state, name, pointer } = visit;
  const isJsonata = visit.queryLanguage === 'JSONata';
  // A JSONata machine cannot hold JSONPath states.
  if (walk.topQueryLanguage === 'JSONata' && state.QueryLanguage === 'JSONPath' && !insideDistributedMap(visit.scope)) {
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
}

/** JSONata syntax in every string of the state; answers the variables those strings read. */
function stringChecks(visit: StateVisit, add: AddFinding): Reference[] {
  const { state, name, pointer } = visit;
  const isJsonata = visit.queryLanguage === 'JSONata';
  const references: Reference[] = [];
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
    } else if ((isJsonPathValued(key) && text.startsWith('$')) || (key.endsWith('.$') && text.startsWith('States.'))) {
      for (const r of jsonPathReads(text)) references.push({ name: r.name, pointer: at, innerOffset: r.index });
    }
  });
  return references;
}

/** A Distributed Map's processor runs as child executions with their own settings. */
function insideDistributedMap(scope: Scope): boolean {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.kind === 'distributed-map') return true;
  return false;
}
