/**
 * Validation of a loaded document: one list of diagnostics in plain words, whatever checker found the problem.
 * Three checkers run on every machine — amazon-states-language-service (positions on JSON and YAML text),
 * asl-validator (path grammar, ARNs, field combinations) and our own rules (variables, JSONata, query-language
 * fields, structure) — and their findings are merged so one problem gives one line, tied to its state.
 * Pure: runs in a Web Worker and in Node; the two library services are created once and reused.
 */
import type { Diagnostic, Severity } from '../diagnostics.ts';
import type { LoadedDocument, MachineSource, SourceSpan } from './types.ts';
import { runAslValidator, runAsls, type AslsRaw, type AslvRaw } from './validate-checkers.ts';
import { checkExpress } from './rules-express.ts';
import { checkAwsRules, hasDecimalArgument, isIntrinsicCall } from './validate-rules-aws.ts';
import { checkRules, checkStructure, isFieldAllowed, STATE_TYPES, type Finding } from './validate-rules.ts';
import {
  lazySourceMap,
  lineColumnIndex,
  pointerSegments,
  sourceMapOf,
  sourceMapWithin,
  toPointer,
  type SourceMap,
} from './validate-source-map.ts';
import {
  hasPlaceholder,
  isIntrinsicObject,
  isObject,
  neutralPayloads,
  stateOfPointer,
  valueAt,
  walkDefinition,
  withLiteralSubstitutions,
  withStandIns,
  type Walk,
} from './validate-walk.ts';

/** A finding with the checker that made it and, when the checker gave one, a range in the document text. */
interface Located extends Finding {
  /** Detail that tells two findings of one code apart (a field name, a target…). */
  detail: string;
  range?: SourceSpan;
}

/** Deepest Parallel/Map nesting asl-validator is run on (its time grows exponentially with depth). */
const MAX_ASLV_DEPTH = 12;

function scopeDepth(scope: { parent: unknown }): number {
  let depth = 0;
  for (let s = scope.parent as { parent: unknown } | null; s; s = s.parent as { parent: unknown } | null) depth++;
  return depth;
}

/** Most raw findings taken from one library for one machine. */
const MAX_RAW = 5000;

const SOURCE_RANK: Record<string, number> = { statescope: 0, asls: 1, 'asl-validator': 2 };

/** ASLS messages about JSON/YAML syntax: the loader reports those (with its own wording) already. */
const SYNTAX_MESSAGE =
  /^(Trailing comma|Comments are not permitted|Property keys must be doublequoted|Expected |Unexpected |Value expected|Colon expected|Closing (brace|bracket) expected|End of file expected|Invalid (escape|unicode|number|symbol|characters)|Unterminated|Property expected|Incorrect type\. Expected "object"\.$|Nested mappings|Implicit map keys|All mapping items|All collection items|Tabs are not allowed|Plain value cannot start|Missing closing|Document|Unexpected end)/i;

function fieldName(pointer: string): string {
  const segments = pointerSegments(pointer);
  for (let i = segments.length - 1; i >= 0; i--) if (!/^\d+$/.test(segments[i]!)) return segments[i]!;
  return '';
}

/** A field as people read it: the last name on the pointer, with array positions (`Branches[0]`). */
function fieldLabel(pointer: string): string {
  const segments = pointerSegments(pointer);
  let i = segments.length - 1;
  let indices = '';
  while (i >= 0 && /^\d+$/.test(segments[i]!)) indices = `[${segments[i--]}]` + indices;
  return i >= 0 ? segments[i]! + indices : indices;
}

/** "on a Task state", "at the top level of the state machine", "in "Catch[0]"": where an object sits. */
function placeOf(pointer: string, definition: unknown): string {
  if (pointer === '') return 'at the top level of the state machine';
  const state = stateOfPointer(pointer);
  if (state !== undefined && statePointer(pointer, state) === pointer) {
    const type = stateTypeAt(definition, state, pointer);
    return type ? `on a ${type} state` : 'on this state';
  }
  return `in "${fieldLabel(pointer)}"`;
}

function statePrefix(state: string | undefined): string {
  return state === undefined ? '' : `State "${state}": `;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}

function typeWord(t: string): string {
  return (
    {
      integer: 'a whole number',
      number: 'a number',
      string: 'a string',
      object: 'an object',
      array: 'an array',
      boolean: 'true or false',
      null: 'null',
    }[t] ?? t
  );
}

function stateTypeAt(definition: unknown, state: string | undefined, pointer: string): string | undefined {
  if (state === undefined) return undefined;
  const segments = pointerSegments(pointer);
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] === 'States' && segments[i + 1] === state) {
      const s = valueAt(definition, toPointer(segments.slice(0, i + 2)));
      return isObject(s) && typeof s.Type === 'string' ? s.Type : undefined;
    }
  }
  return undefined;
}

function statePointer(pointer: string, state: string | undefined): string | undefined {
  if (state === undefined) return undefined;
  const segments = pointerSegments(pointer);
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] === 'States' && segments[i + 1] === state) return toPointer(segments.slice(0, i + 2));
  }
  return undefined;
}

/** Reads an ASLS message in our words. Returns null for what another checker reports better (syntax). */
function fromAsls(raw: AslsRaw, pointer: string, definition: unknown): Omit<Located, 'source' | 'range'> | null {
  const m = raw.message;
  if (SYNTAX_MESSAGE.test(m)) return null;
  const state = stateOfPointer(pointer);
  const field = fieldLabel(pointer);
  const value = valueAt(definition, pointer);
  const base = {
    severity: (raw.severity === 'info' ? 'info' : raw.severity === 'warning' ? 'warning' : 'error') as Severity,
    pointer,
    ...(state !== undefined ? { state } : {}),
  };
  let match: RegExpMatchArray | null = null;
  if (/^The value of "(Next|Default|StartAt)" property must be the name of an existing state\.$/.test(m)) {
    // Not a string at all (an unquoted YAML Yes/No): the wrong-type finding says so; a name it is not.
    if (typeof value !== 'string') return null;
    return {
      ...base,
      severity: 'error',
      code: 'unknown-target',
      detail: `${pointer}`,
      message: `${statePrefix(state)}"${field}" names a state that does not exist: ${show(value)}`,
    };
  }
  if (m.startsWith('The state cannot be reached')) {
    return {
      ...base,
      severity: 'error',
      code: 'unreachable-state',
      detail: '',
      message: `State "${state}" can never be reached: no state goes to it`,
    };
  }
  if (m.startsWith('No terminal state')) {
    return {
      ...base,
      severity: 'error',
      code: 'no-terminal-state',
      detail: scopeOf(pointer),
      message: 'These states can never finish: no state has "End": true and there is no Succeed or Fail state',
    };
  }
  if (m.startsWith('The value for the field must be a valid JSONPath')) {
    return {
      ...base,
      severity: 'error',
      code: 'invalid-path',
      detail: pointer,
      message: `${statePrefix(state)}"${field}" is not a valid JSONPath or intrinsic function: ${show(value)}`,
    };
  }
  if (m === 'Field is not supported.' || (match = m.match(/^Property (.+) is not allowed\.$/))) {
    const f = match?.[1] ?? fieldName(pointer);
    const parent = pointer.endsWith('/' + f.replace(/~/g, '~0').replace(/\//g, '~1'))
      ? pointer.slice(0, pointer.lastIndexOf('/'))
      : pointer;
    return {
      ...base,
      severity: 'error',
      code: 'field-not-allowed',
      detail: pointer,
      atKey: true,
      message: `${statePrefix(state)}field "${f}" is not allowed ${placeOf(parent, definition)}`,
    };
  }
  if ((match = m.match(/^Missing property "(.+)"\.$/))) {
    if (match[1] === 'StartAt') {
      // On YAML text the language service points at the "States" key of the object that lacks StartAt.
      const owner = pointer.endsWith('/States') ? pointer.slice(0, -'/States'.length) : pointer;
      const holder = valueAt(definition, owner);
      if (isObject(holder) && typeof holder.StartAt === 'string') return null;
      const ownerState = stateOfPointer(owner);
      return {
        ...base,
        pointer: owner,
        ...(ownerState !== undefined ? { state: ownerState } : {}),
        severity: 'error',
        code: 'field-required',
        detail: `${owner}/StartAt`,
        message: `${statePrefix(ownerState)}field "StartAt" is required ${placeOf(owner, definition)}`,
      };
    }
    return {
      ...base,
      severity: 'error',
      code: 'field-required',
      detail: `${pointer}/${match[1]}`,
      message: `${statePrefix(state)}field "${match[1]}" is required ${placeOf(pointer, definition)}`,
    };
  }
  if ((match = m.match(/^Incorrect type\. Expected (?:one of )?(.+)\.$/))) {
    const kinds = match[1]!.replace(/"/g, '').split(/,\s*/).map(typeWord).join(' or ');
    return {
      ...base,
      severity: 'error',
      code: 'wrong-type',
      detail: pointer,
      message: `${statePrefix(state)}"${field}" must be ${kinds}, not ${show(value)}`,
    };
  }
  if ((match = m.match(/^Value is not accepted\. Valid values: (.+)\.$/))) {
    return {
      ...base,
      severity: 'error',
      code: 'bad-value',
      detail: pointer,
      message: `${statePrefix(state)}"${field}" is ${show(value)}; allowed values are ${match[1]}`,
    };
  }
  if ((match = m.match(/^Value is (below|above) the (minimum|maximum) of (.+)\.$/))) {
    return {
      ...base,
      severity: 'error',
      code: 'out-of-range',
      detail: pointer,
      message: `${statePrefix(state)}"${field}" must be at ${match[1] === 'below' ? 'least' : 'most'} ${match[3]}, not ${show(value)}`,
    };
  }
  if ((match = m.match(/^You cannot set both (\w+) and (\w+) at the same time\.$/))) {
    return {
      ...base,
      severity: 'error',
      code: 'exclusive-fields',
      detail: `${match[1]}|${match[2]}`,
      message: `${statePrefix(state)}use only one of "${match[1]}" or "${match[2]}"`,
    };
  }
  if (m.startsWith('Each Choice Rule can only have one comparison operator')) {
    return {
      ...base,
      severity: 'error',
      code: 'choice-rule-operators',
      detail: pointer,
      message: `${statePrefix(state)}a Choice rule may have only one comparison (such as "StringEquals"); use "And"/"Or" to combine them`,
    };
  }
  if (m.startsWith('Matches multiple schemas')) {
    const obj = isObject(value) ? value : undefined;
    const pair = obj ? Object.keys(obj).find((k) => k.endsWith('Path') && k.slice(0, -4) in obj) : undefined;
    if (pair) {
      return {
        ...base,
        severity: 'error',
        code: 'exclusive-fields',
        detail: `${pair.slice(0, -4)}|${pair}`,
        message: `${statePrefix(state)}use only one of "${pair.slice(0, -4)}" or "${pair}"`,
      };
    }
    return {
      ...base,
      severity: 'error',
      code: 'shape',
      detail: pointer,
      message: `${statePrefix(state)}"${field || 'this object'}" mixes fields that cannot be used together`,
    };
  }
  if ((match = m.match(/^Array has too few items\. Expected (\d+) or more\.$/))) {
    return {
      ...base,
      severity: 'error',
      code: 'too-few-items',
      detail: pointer,
      message: `${statePrefix(state)}"${field}" needs at least ${match[1]} item${match[1] === '1' ? '' : 's'}`,
    };
  }
  if (/^String is shorter than the minimum length of (\d+)\.$/.test(m)) {
    return {
      ...base,
      severity: 'error',
      code: 'too-short',
      detail: pointer,
      message: `${statePrefix(state)}"${field}" must not be empty`,
    };
  }
  if (m.startsWith('Duplicate object key') || /^(duplicate key|Map keys must be unique)/i.test(m)) {
    return {
      ...base,
      severity: 'error',
      code: 'duplicate-key',
      detail: pointer,
      atKey: true,
      message: `${statePrefix(state)}"${field}" is written twice in the same object; only the last one would count, so the definition is ambiguous`,
    };
  }
  return { ...base, code: 'asls', detail: `${pointer}|${m}`, message: `${statePrefix(state)}${m}` };
}

/** The pointer of the scope (object with StartAt/States) a pointer lies in. */
function scopeOf(pointer: string): string {
  const i = pointer.lastIndexOf('/States');
  return i === -1 ? '' : pointer.slice(0, i);
}

/** Reads an asl-validator error in our words, locating it by its instance path (or by what its message names). */
function fromAslv(raw: AslvRaw, definition: unknown, walk: Walk): Omit<Located, 'source' | 'range'>[] {
  const firstPointer = (name: string): string | undefined => walk.states.find((v) => v.name === name)?.pointer;
  const referrers = (target: string): { state: string; pointer: string }[] => {
    const out: { state: string; pointer: string }[] = [];
    for (const v of walk.states) {
      if (v.scope.states.includes(target)) continue; // a transition inside its own scope is fine
      for (const key of ['Next', 'Default'] as const)
        if (v.state[key] === target) out.push({ state: v.name, pointer: `${v.pointer}/${key}` });
      for (const list of ['Choices', 'Catch'] as const) {
        const arr = v.state[list];
        if (Array.isArray(arr))
          arr.forEach(
            (c, i) =>
              isObject(c) &&
              c.Next === target &&
              out.push({ state: v.name, pointer: `${v.pointer}/${list}/${i}/Next` }),
          );
      }
    }
    return out;
  };
  let match: RegExpMatchArray | null;
  if (raw.instancePath !== undefined) {
    const pointer = raw.instancePath;
    const state = stateOfPointer(pointer);
    const field = fieldLabel(pointer);
    const value = valueAt(definition, pointer);
    const base = { severity: 'error' as Severity, pointer, ...(state !== undefined ? { state } : {}) };
    const text = raw.message.replace(/^.*? is invalid\. /, '');
    const schemaPath = raw.schemaPath ?? '';
    const isState = state !== undefined && pointer === statePointer(pointer, state);
    const type = stateTypeAt(definition, state, pointer);
    if (text.startsWith('must NOT have additional properties')) {
      if (/\/properties\/States\/additionalProperties$/.test(schemaPath) && isObject(value)) {
        const long = Object.keys(value).find((k) => k.length > 80);
        if (long)
          return [
            {
              ...base,
              code: 'state-name-too-long',
              detail: long,
              message: `State name "${long.slice(0, 40)}…" is longer than 80 characters`,
            },
          ];
      }
      if (isObject(value)) {
        const extra =
          isState && type
            ? Object.keys(value).filter((k) => !isFieldAllowed(type, k))
            : pointer === ''
              ? Object.keys(value).filter(
                  (k) => !['Comment', 'StartAt', 'States', 'TimeoutSeconds', 'Version', 'QueryLanguage'].includes(k),
                )
              : [];
        if (extra.length > 0) {
          return extra.map((f) => ({
            ...base,
            pointer: `${pointer}/${f}`,
            atKey: true,
            code: 'field-not-allowed',
            detail: `${pointer}/${f}`,
            message: `${statePrefix(state)}field "${f}" is not allowed ${placeOf(pointer, definition)}`,
          }));
        }
      }
      return [
        {
          ...base,
          code: 'shape',
          detail: pointer,
          message: `${statePrefix(state)}"${field || 'the definition'}" has a field that is not allowed here`,
        },
      ];
    }
    if ((match = text.match(/^must have required property '(.+)'$/))) {
      return [
        {
          ...base,
          code: 'field-required',
          detail: `${pointer}/${match[1]}`,
          message: `${statePrefix(state)}field "${match[1]}" is required ${placeOf(pointer, definition)}`,
        },
      ];
    }
    if ((match = text.match(/^must match format "(asl_\w+)"$/))) {
      const what =
        match[1] === 'asl_result_path'
          ? 'a valid reference path (such as "$.result")'
          : match[1] === 'asl_payload_template'
            ? 'a valid JSONPath or intrinsic function'
            : 'a valid JSONPath';
      return [
        {
          ...base,
          code: 'invalid-path',
          detail: pointer,
          message: `${statePrefix(state)}"${field}" is not ${what}: ${show(value)}`,
        },
      ];
    }
    if ((match = text.match(/^must be (integer|string|object|array|number|boolean|null)$/))) {
      return [
        {
          ...base,
          code: 'wrong-type',
          detail: pointer,
          message: `${statePrefix(state)}"${field}" must be ${typeWord(match[1]!)}, not ${show(value)}`,
        },
      ];
    }
    if ((match = text.match(/^must be (>=|<=|>|<) (.+)$/))) {
      const words = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' }[match[1] as '>='];
      return [
        {
          ...base,
          code: 'out-of-range',
          detail: pointer,
          message: `${statePrefix(state)}"${field}" must be ${words} ${match[2]}, not ${show(value)}`,
        },
      ];
    }
    if (text.startsWith('must be equal to one of the allowed values')) {
      if (field === 'Type' && typeof value === 'string' && !STATE_TYPES.includes(value)) {
        return [
          {
            ...base,
            code: 'bad-value',
            detail: pointer,
            message: `${statePrefix(state)}"Type" is "${value}", which is not a state type (use one of ${STATE_TYPES.join(', ')})`,
          },
        ];
      }
      if (field === 'Type' || field === 'QueryLanguage') {
        // Every variant of the state's schema failed; the real problem is elsewhere in the state.
        return [
          {
            ...base,
            pointer: statePointer(pointer, state) ?? pointer,
            code: 'state-shape',
            detail: '',
            message: `State "${state}" does not fit the rules for a ${type ?? ''} state${isObject(valueAt(definition, statePointer(pointer, state) ?? pointer)) ? ' in its query language' : ''}`,
          },
        ];
      }
      return [
        {
          ...base,
          code: 'bad-value',
          detail: pointer,
          message: `${statePrefix(state)}"${field}" has a value that is not allowed: ${show(value)}`,
        },
      ];
    }
    if (/Resource\/oneOf$/.test(schemaPath) && typeof value === 'string') {
      return [
        {
          ...base,
          code: 'invalid-resource',
          detail: pointer,
          message: `${statePrefix(state)}"Resource" is not a valid ARN: ${show(value)} (expected arn:<partition>:<service>:<region>:<account>:<resource>)`,
        },
      ];
    }
    if (isState || field === 'Type') {
      return [
        {
          ...base,
          pointer: statePointer(pointer, state) ?? pointer,
          code: 'state-shape',
          detail: '',
          message: `State "${state}" does not fit the rules for a ${type ?? ''} state`,
        },
      ];
    }
    if (text.startsWith('must match a schema in anyOf')) return [];
    return [
      {
        ...base,
        code: 'bad-value',
        detail: pointer,
        message: `${statePrefix(state)}"${field || 'the definition'}" has a value of the wrong form: ${show(value)}`,
      },
    ];
  }

  switch (raw.code) {
    case 'MISSING_TRANSITION_TARGET': {
      if ((match = raw.message.match(/^State (.+) is not reachable$/))) {
        const p = firstPointer(match[1]!);
        return [
          {
            severity: 'error',
            code: 'unreachable-state',
            detail: '',
            pointer: p ?? '',
            atKey: true,
            state: match[1]!,
            message: `State "${match[1]}" can never be reached: no state goes to it`,
          },
        ];
      }
      if ((match = raw.message.match(/target: (.*)$/))) {
        const target = match[1]!;
        const refs = referrers(target);
        if (refs.length === 0) {
          return [
            {
              severity: 'error',
              code: 'unknown-target',
              detail: '/StartAt',
              pointer: '/StartAt',
              message: `"StartAt" names a state that does not exist: "${target}"`,
            },
          ];
        }
        return refs.map((r) => ({
          severity: 'error' as Severity,
          code: 'unknown-target',
          detail: r.pointer,
          pointer: r.pointer,
          state: r.state,
          message: `State "${r.state}": "${fieldName(r.pointer)}" names a state that does not exist: "${target}"`,
        }));
      }
      break;
    }
    case 'BRANCH_OUTBOUND_TRANSITION_TARGET':
    case 'MAP_OUTBOUND_TRANSITION_TARGET': {
      const target = raw.message.replace(/^.*target: /, '');
      const where = raw.code.startsWith('MAP') ? 'Map processor' : 'Parallel branch';
      return referrers(target).map((r) => ({
        severity: 'error' as Severity,
        code: 'unknown-target',
        detail: r.pointer,
        pointer: r.pointer,
        state: r.state,
        message: `State "${r.state}": "${fieldName(r.pointer)}" goes to "${target}", which is outside its ${where}`,
      }));
    }
    case 'DUPLICATE_STATE_NAMES': {
      const name = raw.message.replace(/^.*already exists: /, '');
      return [
        {
          severity: 'error',
          code: 'duplicate-state-name',
          detail: '',
          pointer: firstPointer(name) ?? '',
          atKey: true,
          state: name,
          message: `State name "${name}" is used more than once in this state machine`,
        },
      ];
    }
    case 'MISSING_TERMINAL_STATE':
      return [
        {
          severity: 'error',
          code: 'no-terminal-state',
          detail: '?',
          pointer: '',
          message: 'A group of states can never finish: no state has "End": true and there is no Succeed or Fail state',
        },
      ];
    case 'DUPLICATE_FIELD_NAME': {
      const key = raw.message.replace(/^.*suffix from: /, '').replace(/\.\$\.\$$/, '.$');
      const plain = key.replace(/\.\$$/, '');
      const found = findObjectWithKeys(definition, plain, `${plain}.$`);
      const state = found ? stateOfPointer(found) : undefined;
      return [
        {
          severity: 'error',
          code: 'duplicate-field',
          detail: found ?? plain,
          pointer: found ?? '',
          atKey: true,
          ...(state !== undefined ? { state } : {}),
          message: `${statePrefix(state)}both "${plain}" and "${plain}.$" are set; after ".$" is removed they are the same field`,
        },
      ];
    }
    default: {
      if ((match = raw.message.match(/^State "(.+)" MUST contain (at most|exactly) one of (.+?)\s*$/))) {
        const state = match[1]!;
        const fields = match[3]!.split(/,\s*/).map((f) => f.replace(/"/g, ''));
        const p = firstPointer(state) ?? '';
        const s = valueAt(definition, p);
        const present = isObject(s)
          ? fields.filter(
              (f) =>
                f in s ||
                (isObject(s.ItemReader) && isObject(s.ItemReader.ReaderConfig) && f in s.ItemReader.ReaderConfig) ||
                (isObject(s.ItemBatcher) && f in s.ItemBatcher),
            )
          : [];
        const list = fields.map((f) => `"${f}"`).join(fields.length === 2 ? ' or ' : ', ');
        const detail = fields.join('|');
        if (raw.code === 'TERMINAL_STATE_WITH_NEXT') {
          return [
            {
              severity: 'error',
              code: present.length === 0 ? 'field-required' : 'exclusive-fields',
              detail,
              pointer: p,
              atKey: true,
              state,
              message:
                present.length === 0
                  ? `State "${state}" needs "Next" (the state to go to) or "End": true`
                  : `State "${state}" has both "Next" and "End"; use one`,
            },
          ];
        }
        if (present.length === 0) {
          return [
            {
              severity: 'error',
              code: 'field-required',
              detail,
              pointer: p,
              atKey: true,
              state,
              message: `State "${state}" needs one of ${list}`,
            },
          ];
        }
        return [
          {
            severity: 'error',
            code: 'exclusive-fields',
            detail,
            pointer: p,
            atKey: true,
            state,
            message: `State "${state}": use only one of ${list}`,
          },
        ];
      }
    }
  }
  return [{ severity: 'error', code: 'asl-validator', detail: raw.message, pointer: '', message: raw.message }];
}

function findObjectWithKeys(value: unknown, a: string, b: string, pointer = '', depth = 0): string | undefined {
  if (depth > 100) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findObjectWithKeys(value[i], a, b, `${pointer}/${i}`, depth + 1);
      if (r) return r;
    }
  } else if (isObject(value)) {
    if (a in value && b in value) return `${pointer}/${toPointer([b]).slice(1)}`;
    for (const [k, v] of Object.entries(value)) {
      const r = findObjectWithKeys(v, a, b, `${pointer}${toPointer([k])}`, depth + 1);
      if (r) return r;
    }
  }
  return undefined;
}

/** The text ASLS should read for a machine, with the map back to the document. */
interface MachineText {
  /** Text to run ASLS on, and whether it is YAML. */
  text: string;
  yaml: boolean;
  /** Pointers in that text. */
  textMap: SourceMap;
  /** True when `text` is the document itself (ranges are already document ranges). */
  isDocument: boolean;
}

function machineText(doc: LoadedDocument, machine: MachineSource, standIns: unknown): MachineText {
  const plain =
    machine.resourceType === 'asl' &&
    machine.definitionFile === undefined &&
    (doc.format === 'asl-json' || doc.format === 'asl-yaml');
  if (plain) {
    const yaml = doc.format === 'asl-yaml';
    return { text: doc.text, yaml, textMap: lazySourceMap(() => sourceMapOf(doc.text, !yaml))!, isDocument: true };
  }
  const text = JSON.stringify(standIns, null, 2) ?? 'null';
  return { text, yaml: false, textMap: lazySourceMap(() => sourceMapOf(text, true))!, isDocument: false };
}

/** Where pointers of this machine's definition are in the document text. */
function documentMap(doc: LoadedDocument, machine: MachineSource, mt: MachineText): SourceMap | undefined {
  if (mt.isDocument) return mt.textMap;
  if (machine.span && machine.definitionFile === undefined) {
    const span = machine.span;
    return lazySourceMap(() => sourceMapWithin(doc.text, span, doc.format.endsWith('json')));
  }
  return undefined;
}

function rangeFor(f: Located, machine: MachineSource, map: SourceMap | undefined, doc: LoadedDocument): SourceSpan {
  if (f.range) return f.range;
  if (map && (map.has(f.pointer) || f.pointer !== '')) {
    const exact = map.has(f.pointer);
    const r = map.rangeOf(f.pointer, f.atKey === true);
    if (r) {
      if (exact && f.innerOffset !== undefined) {
        const quoted = /^["']/.test(doc.text.slice(r.start, r.start + 1)) ? 1 : 0;
        const at = Math.min(r.end, r.start + quoted + f.innerOffset);
        return { start: at, end: Math.max(at, r.end) };
      }
      return r;
    }
  }
  if (f.state !== undefined && machine.stateSpans[f.state]) return machine.stateSpans[f.state]!;
  if (machine.span) return machine.span;
  return resourceSpan(doc, machine) ?? { start: 0, end: 0 };
}

const resourceMaps = new WeakMap<LoadedDocument, SourceMap>();

/** Where a template declares the machine (its definition property, else the resource), for DefinitionString/Uri. */
function resourceSpan(doc: LoadedDocument, machine: MachineSource): SourceSpan | undefined {
  if (machine.resourceType === 'asl') return undefined;
  let map = resourceMaps.get(doc);
  if (!map) resourceMaps.set(doc, (map = sourceMapOf(doc.text, doc.format.endsWith('json'))));
  const base = toPointer(['Resources', machine.name]);
  for (const property of ['DefinitionString', 'Definition', 'DefinitionUri', 'DefinitionS3Location']) {
    const pointer = `${base}/Properties/${property}`;
    if (map.has(pointer)) return map.rangeOf(pointer, true);
  }
  return map.has(base) ? map.rangeOf(base, true) : undefined;
}

function mergeKey(f: Located, machine: string): string {
  // unknown-target: ASLS names the field pointer, we and asl-validator do too: key on the pointer.
  return `${machine}\u0000${f.code}\u0000${f.state ?? ''}\u0000${f.detail}`;
}

/** Validates one machine of a document; the diagnostics carry document positions. */
async function validateMachine(doc: LoadedDocument, machine: MachineSource): Promise<Diagnostic[]> {
  // Validated as deployed: literal DefinitionSubstitutions applied (pointers, and so positions, are unchanged).
  const definition = withLiteralSubstitutions(machine.definition, machine.placeholders);
  if (!isObject(definition)) return [];
  const walk = walkDefinition(definition);
  const standIns = withStandIns(definition);
  const mt = machineText(doc, machine, standIns);
  const map = documentMap(doc, machine, mt);
  const found: Located[] = [];

  for (const f of [
    ...checkStructure(definition, walk),
    ...checkRules(definition, walk),
    ...checkExpress(doc, machine, walk),
  ]) {
    found.push({ ...f, detail: detailOf(f) });
  }
  for (const f of checkAwsRules(definition, walk)) found.push({ ...f, detail: detailOf(f) });

  let aslsRaw: AslsRaw[] = [];
  try {
    aslsRaw = await runAsls(mt.text, mt.yaml);
  } catch (error) {
    void error;
    found.push({
      code: 'checker-failed',
      severity: 'warning',
      source: 'asls',
      detail: 'asls',
      pointer: '',
      message:
        'The ASL language service failed on this definition (an internal error of that library), so its checks are missing; the other checks ran',
    });
  }
  // A pathological file can make every node wrong; past this many, more lines help nobody and cost time.
  if (aslsRaw.length > MAX_RAW) aslsRaw = aslsRaw.slice(0, MAX_RAW);
  for (const raw of aslsRaw) {
    const pointer = mt.textMap.pointerAt(raw.start) ?? '';
    const value = valueAt(definition, pointer);
    if (
      mt.isDocument &&
      (hasPlaceholder(value) || isIntrinsicObject(value) || (fieldName(pointer) === 'InputType' && value === 'PARQUET'))
    )
      continue;
    const f = fromAsls(raw, pointer, definition);
    if (!f) continue;
    const located: Located = { ...f, source: 'asls' };
    if (mt.isDocument && !['unknown-target', 'field-not-allowed', 'invalid-path'].includes(f.code) && pointer === '') {
      located.range = { start: raw.start, end: raw.end };
    }
    found.push(located);
  }

  // asl-validator's time doubles with each level of Parallel/Map nesting (20 levels: seconds; 300: many minutes),
  // so past this depth it is not run; everything it checks beyond the schema our rules check too.
  const depth = Math.max(0, ...walk.scopes.map((scope) => scopeDepth(scope)));
  if (depth > MAX_ASLV_DEPTH) {
    found.push({
      code: 'checker-skipped',
      severity: 'info',
      source: 'asl-validator',
      detail: 'asl-validator',
      pointer: '',
      message: `asl-validator was not run: Parallel/Map states are nested more than ${MAX_ASLV_DEPTH} levels deep, where it takes minutes; the other checks ran`,
    });
  } else
    try {
      for (const raw of runAslValidator(neutralPayloads(standIns))) {
        for (const f of fromAslv(raw, definition, walk)) found.push({ ...f, source: 'asl-validator' });
      }
    } catch (error) {
      void error;
      found.push({
        code: 'checker-failed',
        severity: 'warning',
        source: 'asl-validator',
        detail: 'asl-validator',
        pointer: '',
        message:
          'asl-validator failed on this definition (an internal error of that library), so its checks are missing; the other checks ran',
      });
    }

  // Library findings at places one of our findings explains in its own words.
  const superseded = found.flatMap((f) => (f.source === 'statescope' ? (f.supersedes ?? []) : []));
  const isSuperseded = (f: Located): boolean =>
    superseded.some((p) => f.pointer === p || f.pointer.startsWith(p + '/'));
  return merge(
    found.filter((f) => f.source === 'statescope' || (!isKnownFalsePositive(f, definition, walk) && !isSuperseded(f))),
    machine,
    map,
    doc,
  );
}

/** Fields of a JSONata state whose value may be any JSON (or a {% %} expression, which our rules parse). */
const JSONATA_PAYLOAD = new Set(['Output', 'Arguments', 'Assign', 'Items', 'ItemSelector', 'BatchInput', 'Condition']);

/**
 * Library findings that are wrong about valid definitions: they trail the service (newer fields and values),
 * read JSONata payloads with JSONPath rules, or check paths with a grammar stricter than the service's.
 */
function isKnownFalsePositive(f: Located, definition: unknown, walk: Walk): boolean {
  const value = valueAt(definition, f.pointer);
  const segments = pointerSegments(f.pointer);
  const field = fieldName(f.pointer);
  const visit = f.state !== undefined ? walk.states.find((v) => v.name === f.state) : undefined;
  if (visit?.queryLanguage === 'JSONata' && (f.code === 'bad-value' || f.code === 'wrong-type' || f.code === 'shape')) {
    // Any JSON value is allowed in these fields; {% %} strings get our own JSONata check.
    const inPayload = segments.slice(pointerSegments(visit.pointer).length).some((s) => JSONATA_PAYLOAD.has(s));
    if (inPayload || (typeof value === 'string' && value.trim().startsWith('{%'))) return true;
  }
  // ResultWriter with only WriterConfig (no Resource) is valid since the service added output transformation.
  if (f.code === 'field-required' && /\/ResultWriter(\/Resource)?$/.test(f.detail)) {
    const writer = valueAt(
      definition,
      f.pointer.endsWith('/ResultWriter') ? f.pointer : f.pointer.replace(/\/Resource$/, ''),
    );
    if (isObject(writer) && 'WriterConfig' in writer) return true;
  }
  // 0 means "no limit" for ReaderConfig.MaxItems.
  if (f.code === 'out-of-range' && field === 'MaxItems' && value === 0) return true;
  // The service accepts fractional percentages.
  if (
    f.code === 'wrong-type' &&
    field === 'ToleratedFailurePercentage' &&
    typeof value === 'number' &&
    value >= 0 &&
    value <= 100
  )
    return true;
  // Bracket and filter expressions ($.a[?(@.b)], $.[0]) are evaluated by the service's lenient JSONPath engine.
  if (f.code === 'invalid-path' && f.source === 'asl-validator' && typeof value === 'string' && value.includes('['))
    return true;
  // Number literals in intrinsic functions may have decimals (ASL spec, "Intrinsic Functions"; asl-validator
  // issue #165): asl-validator's grammar takes only integers. Dropped when that is the only thing it could mean.
  if (
    f.code === 'invalid-path' &&
    f.source !== 'statescope' &&
    typeof value === 'string' &&
    hasDecimalArgument(value) &&
    isIntrinsicCall(value)
  )
    return true;
  // States.Array() and similar calls without arguments are valid.
  if (f.code === 'invalid-path' && typeof value === 'string' && /^States\.\w+\(\s*\)$/.test(value.trim())) return true;
  return false;
}

function detailOf(f: Finding): string {
  if (f.detail !== undefined) return f.detail;
  switch (f.code) {
    case 'unreachable-state':
    case 'duplicate-state-name':
      return '';
    case 'no-terminal-state':
      return scopeOf(f.pointer + '/x').replace(/\/States$/, '');
    default:
      return f.pointer;
  }
}

function merge(
  found: Located[],
  machine: MachineSource,
  map: SourceMap | undefined,
  doc: LoadedDocument,
): Diagnostic[] {
  found.sort((a, b) => (SOURCE_RANK[a.source] ?? 9) - (SOURCE_RANK[b.source] ?? 9));
  const kept = new Map<string, Located>();
  const hasOwnNoTerminal = found.some((f) => f.code === 'no-terminal-state' && f.source !== 'asl-validator');
  for (const f of found) {
    if (f.code === 'no-terminal-state' && f.detail === '?' && hasOwnNoTerminal) continue;
    const key = mergeKey(f, machine.name);
    if (!kept.has(key)) kept.set(key, f);
  }
  // Same field reported as "not allowed" under different details (ASLS points at the key, others at the value).
  // A field of the wrong query language is one problem, however each checker words what is wrong with its value.
  const wrongLanguage = new Set(
    [...kept.values()]
      .filter((f) => f.code === 'jsonpath-field-in-jsonata-state' || f.code === 'jsonata-field-in-jsonpath-state')
      .map((f) => f.pointer),
  );
  const list = [...kept.values()].filter((f, _, all) => {
    if (f.source !== 'statescope' && wrongLanguage.has(f.pointer)) return false;
    if (f.code === 'state-shape' || f.code === 'shape') {
      return !all.some(
        (o) =>
          o !== f && o.state === f.state && o.severity === 'error' && o.code !== 'state-shape' && o.code !== 'shape',
      );
    }
    // asl-validator's "has a value of the wrong form" where another checker already says which type is wanted.
    if (
      f.source === 'asl-validator' &&
      f.code === 'bad-value' &&
      all.some((o) => o !== f && o.code === 'wrong-type' && o.pointer === f.pointer)
    )
      return false;
    if (f.source === 'asl-validator' && f.code === 'unknown-target') {
      return !all.some(
        (o) => o !== f && o.code === 'unknown-target' && o.state === f.state && o.source !== 'asl-validator',
      );
    }
    return true;
  });
  const position = lineColumnIndex(doc.text);
  const diagnostics = list.map((f) => {
    const r = rangeFor(f, machine, map, doc);
    const start = position(r.start);
    const end = position(Math.max(r.start, r.end));
    const d: Diagnostic = {
      severity: f.severity,
      message: f.message,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      machine: machine.name,
      source: f.source,
      code: f.code,
    };
    if (f.state !== undefined) d.state = f.state;
    return d;
  });
  return diagnostics;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts diagnostics by position, then severity, so lists and CLI output read top to bottom. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.message.localeCompare(b.message),
  );
}

/**
 * Checks every machine of a loaded document and returns one merged, position-sorted list. The loader's own
 * diagnostics (syntax, leniencies) are not repeated here: see `validateForReport` for both together.
 */
export async function validateDocument(doc: LoadedDocument): Promise<Diagnostic[]> {
  const all: Diagnostic[] = [];
  for (const machine of doc.machines) {
    try {
      all.push(...(await validateMachine(doc, machine)));
    } catch (error) {
      const at = machine.span ? lineColumnIndex(doc.text)(machine.span.start) : { line: 1, column: 1 };
      void error;
      all.push({
        severity: 'warning',
        message:
          'Validation of this state machine stopped early (an internal error); the findings above may be incomplete',
        line: at.line,
        column: at.column,
        machine: machine.name,
        source: 'statescope',
        code: 'validator-crashed',
      });
    }
  }
  return sortDiagnostics(all);
}

/** Codes other producers use for problems validation also finds, mapped to validation's codes. */
const EQUIVALENT_CODES: Record<string, string[]> = {
  'missing-target': ['unknown-target'],
  'no-start': ['field-required', 'unknown-target'],
  'no-states': ['field-required'],
  'bad-type': ['field-required', 'bad-value', 'state-shape'],
  'bad-state': ['state-shape', 'wrong-type'],
};

/**
 * The validation diagnostics to put in `graph --json` (pass them as `graphReport(doc, graphs, { diagnostics })`):
 * the same list `statescope validate` prints after the loader's own diagnostics, minus any that repeat one of the
 * loader's (same position and message) or one already in `shown` (e.g. the graph builder's diagnostics: same
 * machine, same state, same meaning), so a report never says one thing twice.
 */
export async function validateForReport(doc: LoadedDocument, shown: readonly Diagnostic[] = []): Promise<Diagnostic[]> {
  const seen = new Set(doc.diagnostics.map((d) => `${d.line}:${d.column}:${d.message}`));
  const covered = new Set<string>();
  for (const d of shown) {
    for (const code of EQUIVALENT_CODES[d.code ?? ''] ?? [d.code ?? ''])
      covered.add(`${d.machine ?? ''}\u0000${d.state ?? ''}\u0000${code}`);
  }
  return (await validateDocument(doc)).filter(
    (d) =>
      !seen.has(`${d.line}:${d.column}:${d.message}`) &&
      !covered.has(`${d.machine ?? ''}\u0000${d.state ?? ''}\u0000${d.code ?? ''}`),
  );
}
