/**
 * Reads asl-validator's errors in our words. Schema errors carry the instance path (a JSON pointer) and are read
 * by what the schema says; the checks it makes after the schema name states in their message, and are located
 * through the walk of the definition.
 */
import type { Severity } from '../diagnostics.ts';
import type { AslvRaw } from './validate-raw.ts';
import { isFieldAllowed, STATE_TYPES } from './validate-structure.ts';
import { toPointer } from './validate-source-map.ts';
import { isObject, stateOfPointer, valueAt, type Walk } from './validate-walk.ts';
import {
  fieldLabel,
  fieldName,
  placeOf,
  show,
  statePointer,
  statePrefix,
  stateTypeAt,
  typeWord,
  type Reading,
} from './validate-wording.ts';

/** Reads an asl-validator error in our words, locating it by its instance path (or by what its message names). */
export function fromAslv(raw: AslvRaw, definition: unknown, walk: Walk): Reading[] {
  if (raw.instancePath !== undefined) return fromSchemaError(raw, raw.instancePath, definition);
  return (
    fromCheck(raw, definition, walk) ?? [
      { severity: 'error', code: 'asl-validator', detail: raw.message, pointer: '', message: raw.message },
    ]
  );
}

/** One schema error, with what its readers need to know. */
interface SchemaContext {
  /** The message without asl-validator's "… is invalid." lead. */
  text: string;
  schemaPath: string;
  pointer: string;
  state: string | undefined;
  field: string;
  value: unknown;
  base: { severity: Severity; pointer: string; state?: string };
  /** The pointer is a state object itself. */
  isState: boolean;
  type: string | undefined;
  definition: unknown;
}

function fromSchemaError(raw: AslvRaw, pointer: string, definition: unknown): Reading[] {
  const state = stateOfPointer(pointer);
  const c: SchemaContext = {
    text: raw.message.replace(/^.*? is invalid\. /, ''),
    schemaPath: raw.schemaPath ?? '',
    pointer,
    state,
    field: fieldLabel(pointer),
    value: valueAt(definition, pointer),
    base: { severity: 'error' as Severity, pointer, ...(state !== undefined ? { state } : {}) },
    isState: state !== undefined && pointer === statePointer(pointer, state),
    type: stateTypeAt(definition, state, pointer),
    definition,
  };
  return additionalProperties(c) ?? fieldValue(c) ?? allowedValues(c) ?? otherShape(c);
}

/** "must NOT have additional properties": which fields, or the state name that is too long. */
function additionalProperties(c: SchemaContext): Reading[] | undefined {
  const { text, schemaPath, pointer, state, field, value, base, isState, type, definition } = c;
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
  return undefined;
}

/** Required fields, path formats, JSON types and numeric ranges. */
function fieldValue(c: SchemaContext): Reading[] | undefined {
  const { text, pointer, state, field, value, base, definition } = c;
  let match: RegExpMatchArray | null;
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
  return undefined;
}

/** "must be equal to one of the allowed values": a state type, or a value of another field. */
function allowedValues(c: SchemaContext): Reading[] | undefined {
  const { text, pointer, state, field, value, base, type, definition } = c;
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
  return undefined;
}

/** Resource ARNs, states that fit no variant of their schema, and values of the wrong form. */
function otherShape(c: SchemaContext): Reading[] {
  const { text, schemaPath, pointer, state, field, value, base, isState, type } = c;
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

/** The states whose Next, Default, Choice rule or Catch goes to `target` from outside the target's own scope. */
function referrers(walk: Walk, target: string): { state: string; pointer: string }[] {
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
            isObject(c) && c.Next === target && out.push({ state: v.name, pointer: `${v.pointer}/${list}/${i}/Next` }),
        );
    }
  }
  return out;
}

/** The pointer of the first state named `name`. */
function firstPointer(walk: Walk, name: string): string | undefined {
  return walk.states.find((v) => v.name === name)?.pointer;
}

/** The checks asl-validator makes after its schema: transitions, names, terminals, payload fields, field groups. */
function fromCheck(raw: AslvRaw, definition: unknown, walk: Walk): Reading[] | undefined {
  let match: RegExpMatchArray | null;
  switch (raw.code) {
    case 'MISSING_TRANSITION_TARGET': {
      if ((match = raw.message.match(/^State (.+) is not reachable$/))) {
        const p = firstPointer(walk, match[1]!);
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
        const refs = referrers(walk, target);
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
      return referrers(walk, target).map((r) => ({
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
          pointer: firstPointer(walk, name) ?? '',
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
    default:
      return fieldGroup(raw, definition, walk);
  }
  return undefined;
}

/** "State X MUST contain at most/exactly one of …": a field group with none or more than one of its fields. */
function fieldGroup(raw: AslvRaw, definition: unknown, walk: Walk): Reading[] | undefined {
  let match: RegExpMatchArray | null;
  if ((match = raw.message.match(/^State "(.+)" MUST contain (at most|exactly) one of (.+?)\s*$/))) {
    const state = match[1]!;
    const fields = match[3]!.split(/,\s*/).map((f) => f.replace(/"/g, ''));
    const p = firstPointer(walk, state) ?? '';
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
  return undefined;
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
