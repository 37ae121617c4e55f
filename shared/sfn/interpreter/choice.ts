/**
 * Choice rules in JSONPath (comparison operators, And/Or/Not, Is* tests). The JSONata `Condition` is evaluated in
 * the engine. Per the spec, comparing values of different types is false, not an error; a `Variable` that does not
 * exist is States.Runtime except for `IsPresent`.
 */
import { StatesError, describe } from './errors.ts';
import type { PathScope } from './jsonpath.ts';
import { pathExists, resolvePath } from './jsonpath.ts';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isTimestamp(v: unknown): v is string {
  return typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v));
}

/** StringMatches: `*` is any run of characters; `\*` and `\\` are literal. */
export function wildcardMatch(value: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[i + 1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    } else if (c === '*') re += '[\\s\\S]*';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(value);
}

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
const OPS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'] as const;

function typed(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'String':
      return typeof v === 'string';
    case 'Numeric':
      return typeof v === 'number';
    case 'Boolean':
      return typeof v === 'boolean';
    case 'Timestamp':
      return isTimestamp(v);
  }
}

function compare(kind: Kind, op: (typeof OPS)[number], a: unknown, b: unknown): boolean {
  if (!typed(kind, a) || !typed(kind, b)) return false;
  let x: number | string | boolean = a as never;
  let y: number | string | boolean = b as never;
  if (kind === 'Timestamp') {
    x = Date.parse(a as string);
    y = Date.parse(b as string);
  }
  if (kind === 'Boolean') return op === 'Equals' ? x === y : false;
  switch (op) {
    case 'Equals':
      return x === y;
    case 'LessThan':
      return x < y;
    case 'GreaterThan':
      return x > y;
    case 'LessThanEquals':
      return x <= y;
    case 'GreaterThanEquals':
      return x >= y;
  }
}

/** Evaluates one JSONPath Choice rule (or a nested rule inside And/Or/Not). */
export function evaluateRule(rule: Record<string, unknown>, scope: PathScope): boolean {
  if (Array.isArray(rule.And)) return (rule.And as Record<string, unknown>[]).every((r) => evaluateRule(r, scope));
  if (Array.isArray(rule.Or)) return (rule.Or as Record<string, unknown>[]).some((r) => evaluateRule(r, scope));
  if (rule.Not && typeof rule.Not === 'object') return !evaluateRule(rule.Not as Record<string, unknown>, scope);
  const variable = rule.Variable;
  if (typeof variable !== 'string')
    throw new StatesError('States.Runtime', `A Choice rule has no Variable: ${describe(rule)}`);
  if ('IsPresent' in rule) return pathExists(variable, scope) === rule.IsPresent;
  const value = resolvePath(variable, scope);
  if ('IsNull' in rule) return (value === null) === rule.IsNull;
  if ('IsNumeric' in rule) return (typeof value === 'number') === rule.IsNumeric;
  if ('IsString' in rule) return (typeof value === 'string') === rule.IsString;
  if ('IsBoolean' in rule) return (typeof value === 'boolean') === rule.IsBoolean;
  if ('IsTimestamp' in rule) return isTimestamp(value) === rule.IsTimestamp;
  if ('StringMatches' in rule)
    return (
      typeof value === 'string' && typeof rule.StringMatches === 'string' && wildcardMatch(value, rule.StringMatches)
    );
  for (const kind of ['String', 'Numeric', 'Boolean', 'Timestamp'] as const) {
    for (const op of OPS) {
      const key = `${kind}${op}`;
      if (key in rule) return compare(kind, op, value, rule[key]);
      if (`${key}Path` in rule) return compare(kind, op, value, resolvePath(String(rule[`${key}Path`]), scope));
    }
  }
  throw new StatesError('States.Runtime', `A Choice rule has no comparison operator: ${describe(rule)}`);
}
