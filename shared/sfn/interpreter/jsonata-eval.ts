/**
 * JSONata in Step Functions: a string field is an expression when it is wholly `{% … %}`; objects and arrays are
 * templates whose strings are evaluated the same way. `$states` (input, result, errorOutput, context) and the
 * workflow variables are bound, plus Step Functions' own functions ($partition, $range, $hash, $random, $uuid,
 * $parse). Any failure is States.QueryEvaluationError, as AWS reports it. Evaluation uses the jsonata library.
 */
import jsonata from 'jsonata';
import { StatesError } from './errors.ts';
import { hashHex, seeded } from './intrinsics.ts';

export interface JsonataScope {
  states: { input: unknown; result?: unknown; errorOutput?: unknown; context: unknown };
  variables: Record<string, unknown>;
}

const cache = new Map<string, jsonata.Expression>();

/**
 * Exactly `{%` … `%}`: a string with anything before or after is a literal (AWS keeps " {% states.input %} " as
 * text — LocalStack parity history BASE_LAMBDA_LITERALS, recorded against AWS).
 */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

function compile(body: string, field: string): jsonata.Expression {
  let expr = cache.get(body);
  if (!expr) {
    try {
      expr = jsonata(body);
    } catch (e) {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The JSONata expression '${body}' specified for the field '${field}' could not be parsed: ${(e as Error).message}`,
      );
    }
    if (cache.size > 2000) cache.clear();
    cache.set(body, expr);
  }
  return expr;
}

const FUNCTIONS: Record<string, (...args: never[]) => unknown> = {
  partition: (array: unknown[], size: number) => {
    if (!Array.isArray(array) || !Number.isInteger(size) || size <= 0)
      throw new Error('$partition(array, size) needs an array and a positive integer');
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range: (start: number, end: number, step: number) => {
    if (![start, end, step].every(Number.isInteger) || step === 0)
      throw new Error('$range(start, end, step) needs integers and a non-zero step');
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
      out.push(v);
      if (out.length > 1000) throw new Error('$range would give more than 1000 items');
    }
    // A JSONata sequence, so a one-item range is that item: AWS gives 1 for $range(1, 1, 1) (LocalStack parity
    // history test_array_range, recorded against AWS).
    Object.defineProperty(out, 'sequence', { value: true });
    return out;
  },
  hash: (value: unknown, algorithm: string) =>
    hashHex(typeof value === 'string' ? value : JSON.stringify(value), algorithm),
  random: (seed?: number) => (seed === undefined ? Math.random() : seeded(seed)()),
  uuid: () => crypto.randomUUID(),
  parse: (text: string) => JSON.parse(text),
};

function normalise(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return undefined;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Evaluates one `{% %}` string. `undefined` means the expression gave no value. */
export async function evaluateExpression(text: string, field: string, scope: JsonataScope): Promise<unknown> {
  const body = text.slice(2, -2).trim();
  const expr = compile(body, field);
  const bindings: Record<string, unknown> = { ...scope.variables, ...FUNCTIONS, states: scope.states };
  try {
    return normalise(await expr.evaluate(undefined, bindings));
  } catch (e) {
    if (e instanceof StatesError) throw e;
    const err = e as { message?: string; code?: string };
    throw new StatesError(
      'States.QueryEvaluationError',
      `The JSONata expression '${body}' specified for the field '${field}' threw an error during evaluation. ${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`,
    );
  }
}

/**
 * Evaluates a field value: an expression string, or an object/array template. An expression that gives no value
 * is States.QueryEvaluationError wherever it is, naming the field as AWS does (`Arguments/FunctionName`).
 */
export async function evaluateTemplate(value: unknown, field: string, scope: JsonataScope): Promise<unknown> {
  if (isJsonataExpression(value)) {
    const out = await evaluateExpression(value, field, scope);
    if (out === undefined) {
      const body = value.slice(2, -2).trim();
      throw new StatesError(
        'States.QueryEvaluationError',
        `The JSONata expression '${body}' specified for the field '${field}' returned nothing (undefined).`,
      );
    }
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(await evaluateTemplate(value[i], `${field}[${i}]`, scope));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = await evaluateTemplate(v, `${field}/${k}`, scope);
    return out;
  }
  return value;
}
