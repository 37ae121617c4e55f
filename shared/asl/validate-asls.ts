/**
 * Reads amazon-states-language-service's messages in our words. ASLS reports a range in the text it ran on; the
 * caller turns that into a JSON pointer, and each reader here matches one family of its messages (transitions,
 * fields, values, combinations) and names the state, the field and the value.
 */
import type { Severity } from '../diagnostics.ts';
import type { AslsRaw } from './validate-raw.ts';
import {
  fieldLabel,
  fieldName,
  placeOf,
  scopeOf,
  show,
  statePrefix,
  typeWord,
  type Reading,
} from './validate-wording.ts';
import { isObject, stateOfPointer, valueAt } from './validate-walk.ts';

/** ASLS messages about JSON/YAML syntax: the loader reports those (with its own wording) already. */
const SYNTAX_MESSAGE =
  /^(Trailing comma|Comments are not permitted|Property keys must be doublequoted|Expected |Unexpected |Value expected|Colon expected|Closing (brace|bracket) expected|End of file expected|Invalid (escape|unicode|number|symbol|characters)|Unterminated|Property expected|Incorrect type\. Expected "object"\.$|Nested mappings|Implicit map keys|All mapping items|All collection items|Tabs are not allowed|Plain value cannot start|Missing closing|Document|Unexpected end)/i;

/** What every reader needs to know about one message. */
interface AslsContext {
  m: string;
  pointer: string;
  definition: unknown;
  state: string | undefined;
  field: string;
  value: unknown;
  base: { severity: Severity; pointer: string; state?: string };
}

/**
 * Reads an ASLS message in our words. Returns null for what another checker reports better (syntax), and for what
 * a reader decides is not a finding at all.
 */
export function fromAsls(raw: AslsRaw, pointer: string, definition: unknown): Reading | null {
  const m = raw.message;
  if (SYNTAX_MESSAGE.test(m)) return null;
  const state = stateOfPointer(pointer);
  const base = {
    severity: (raw.severity === 'info' ? 'info' : raw.severity === 'warning' ? 'warning' : 'error') as Severity,
    pointer,
    ...(state !== undefined ? { state } : {}),
  };
  const c: AslsContext = {
    m,
    pointer,
    definition,
    state,
    field: fieldLabel(pointer),
    value: valueAt(definition, pointer),
    base,
  };
  for (const read of READERS) {
    const found = read(c);
    if (found !== undefined) return found;
  }
  return { ...base, code: 'asls', detail: `${pointer}|${m}`, message: `${statePrefix(state)}${m}` };
}

/** Targets that do not exist, states nothing reaches, scopes that never finish. */
function transitions(c: AslsContext): Reading | null | undefined {
  const { m, pointer, state, field, value, base } = c;
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
  return undefined;
}

/** Paths that do not parse, fields that are not allowed, fields that are missing. */
function fields(c: AslsContext): Reading | null | undefined {
  const { m, pointer, definition, state, field, value, base } = c;
  let match: RegExpMatchArray | null = null;
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
  return undefined;
}

/** Values of the wrong type, outside the allowed set or range. */
function values(c: AslsContext): Reading | null | undefined {
  const { m, pointer, state, field, value, base } = c;
  let match: RegExpMatchArray | null;
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
  return undefined;
}

/** Fields that cannot be used together, lists too short, keys written twice. */
function combinations(c: AslsContext): Reading | null | undefined {
  const { m, pointer, state, field, value, base } = c;
  let match: RegExpMatchArray | null;
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
  return undefined;
}

/** In the order they are tried; the first that recognises a message words it. */
const READERS: ((c: AslsContext) => Reading | null | undefined)[] = [transitions, fields, values, combinations];
