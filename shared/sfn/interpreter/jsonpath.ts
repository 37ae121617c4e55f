/**
 * The JSONPath side of ASL: paths (InputPath, OutputPath, ItemsPath, `.$` fields, Choice `Variable`), reference
 * paths (ResultPath), payload templates (Parameters, ResultSelector, ItemSelector, JSONPath `Assign`) and the
 * context object `$$`. Path queries go to jsonpath-plus (MIT); what is ASL's own — a definite path yields one
 * value and fails when absent, `$$` and `$var` prefixes, ResultPath's "create what is missing" — is here.
 */
import { JSONPath } from 'jsonpath-plus';
import { StatesError, describe } from './errors.ts';
import { evaluateIntrinsic } from './intrinsics.ts';

/** What a path can see: the state's data (`$`), the context object (`$$`) and the workflow variables (`$name`). */
export interface PathScope {
  data: unknown;
  context: unknown;
  variables: (name: string) => { found: boolean; value?: unknown };
}

/** A path is "definite" (selects at most one node) unless it has a wildcard, a descent, a filter, a slice or a union. */
export function isDefinitePath(path: string): boolean {
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '*' || ch === '?' || ch === '(') return false;
    else if (ch === '.' && path[i + 1] === '.') return false;
    else if (depth > 0 && (ch === ':' || ch === ',')) return false;
  }
  return true;
}

const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;

/** Splits `$name.rest` into the variable name and the path inside it (`$.rest`); null for `$`, `$.x`, `$$`. */
export function variableRef(path: string): { name: string; rest: string } | null {
  const m = VARIABLE.exec(path);
  if (!m) return null;
  return { name: m[1]!, rest: '$' + m[2]! };
}

function runQuery(json: unknown, path: string): unknown[] {
  try {
    const out = JSONPath({ path, json: json as object, wrap: true, resultType: 'value', eval: 'safe' }) as unknown;
    return Array.isArray(out) ? out : [];
  } catch (e) {
    throw new StatesError('States.Runtime', `Invalid path '${path}': ${(e as Error).message}`);
  }
}

/** Applies one path to a value. A definite path gives its value or throws; other paths give the array of matches. */
export function queryPath(value: unknown, path: string, what = 'input'): unknown {
  if (typeof path !== 'string' || !path.startsWith('$')) {
    throw new StatesError('States.Runtime', `Invalid path '${String(path)}': a path must start with '$'.`);
  }
  if (path === '$') return value;
  if (value === null || typeof value !== 'object') {
    if (isDefinitePath(path)) {
      throw new StatesError(
        'States.Runtime',
        `Invalid path '${path}' : No results for path: $['${path.slice(2)}'] in the ${what} ${describe(value)}`,
      );
    }
    return [];
  }
  const matches = runQuery(value, path);
  if (isDefinitePath(path)) {
    if (matches.length === 0) {
      throw new StatesError(
        'States.Runtime',
        `Invalid path '${path}' : No results for path: ${path} in the ${what} ${describe(value)}`,
      );
    }
    return matches[0];
  }
  return matches;
}

/** Resolves a path string as written in a `.$` field or a Choice `Variable`: `$…`, `$$…` or `$variable…`. */
export function resolvePath(path: string, scope: PathScope): unknown {
  if (path.startsWith('$$')) return queryPath(scope.context, path.slice(1), 'context object');
  const ref = variableRef(path);
  if (ref) {
    const v = scope.variables(ref.name);
    if (!v.found) throw new StatesError('States.Runtime', `The variable '$${ref.name}' is not defined.`);
    return queryPath(v.value, ref.rest, `variable $${ref.name}`);
  }
  return queryPath(scope.data, path);
}

/** True when the path, as a Choice `Variable`, points at something (used by IsPresent). */
export function pathExists(path: string, scope: PathScope): boolean {
  try {
    const v = resolvePath(path, scope);
    return isDefinitePath(path.startsWith('$$') ? path.slice(1) : path) ? true : Array.isArray(v) && v.length > 0;
  } catch (e) {
    if (e instanceof StatesError) return false;
    throw e;
  }
}

/** The segments of a reference path (`$.a.b[0]['c']` → ['a', 'b', 0, 'c']). */
export function referenceSegments(path: string): (string | number)[] {
  if (path === '$') return [];
  if (!path.startsWith('$') || !isDefinitePath(path)) {
    throw new StatesError(
      'States.Runtime',
      `Invalid reference path '${path}': it must be a definite path starting with '$'.`,
    );
  }
  const parts = JSONPath.toPathArray(path).slice(1);
  return parts.map((p) => (/^\d+$/.test(p) && path.includes(`[${p}]`) ? Number(p) : p));
}

/**
 * ResultPath: puts `result` into a copy of `input` at the reference path, creating objects on the way. A
 * non-object in the way is States.ResultPathMatchFailure, as the spec names it.
 */
export function applyResultPath(input: unknown, resultPath: string | null | undefined, result: unknown): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const segments = referenceSegments(resultPath);
  const root: unknown = structuredClone(input);
  if (root === null || typeof root !== 'object') {
    throw new StatesError(
      'States.ResultPathMatchFailure',
      `Unable to apply ResultPath '${resultPath}' to input ${describe(input)}: the input is not an object.`,
    );
  }
  let node = root as Record<string | number, unknown>;
  segments.forEach((seg, i) => {
    if (i === segments.length - 1) {
      node[seg] = result;
      return;
    }
    let next = node[seg];
    if (next === undefined) {
      next = {};
      node[seg] = next;
    }
    if (next === null || typeof next !== 'object') {
      throw new StatesError(
        'States.ResultPathMatchFailure',
        `Unable to apply ResultPath '${resultPath}' to input ${describe(input)}: '${String(seg)}' is not an object.`,
      );
    }
    node = next as Record<string | number, unknown>;
  });
  return root;
}

/** Resolves the value of a `.$` field: a path, a context path, a variable, or an intrinsic function call. */
export function resolveDynamic(expr: unknown, field: string, scope: PathScope): unknown {
  if (typeof expr !== 'string') {
    throw new StatesError(
      'States.Runtime',
      `The value of '${field}' must be a string holding a path or an intrinsic function.`,
    );
  }
  const text = expr.trim();
  if (text.startsWith('States.')) return evaluateIntrinsic(text, scope);
  try {
    return resolvePath(text, scope);
  } catch (e) {
    if (e instanceof StatesError && e.error === 'States.Runtime') {
      throw new StatesError(
        'States.Runtime',
        `The JSONPath '${text}' specified for the field '${field}' could not be found in the input '${describe(scope.data)}'`,
      );
    }
    throw e;
  }
}

/** A payload template: keys ending in `.$` take the value of their path (the key loses `.$`); nested objects too. */
export function applyPayloadTemplate(template: unknown, scope: PathScope): unknown {
  if (Array.isArray(template)) return template.map((t) => applyPayloadTemplate(t, scope));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template as Record<string, unknown>)) {
    if (key.endsWith('.$')) out[key.slice(0, -2)] = resolveDynamic(value, key, scope);
    else out[key] = applyPayloadTemplate(value, scope);
  }
  return out;
}
