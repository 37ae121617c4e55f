/**
 * CloudFormation intrinsics inside state machine definitions. Nothing here resolves a template (that needs a
 * deployed stack); instead every expression becomes a VISIBLE placeholder string such as `${Ref:MyFn}` or
 * `${GetAtt:MyFn.Arn}`, so the reader sees where a value comes from and no part of the definition is dropped.
 */
import { MAX_NESTING } from './parse-json.ts';

/** True for `{ "Ref": … }`, `{ "Condition": … }` and `{ "Fn::…": … }`: a value the template fills in at deploy time. */
export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const k = keys[0]!;
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::');
}

/** Renders any template value as text: strings as they are, intrinsics as `${…}` placeholders. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  if (isIntrinsic(value)) return renderIntrinsic(value);
  if (Array.isArray(value)) return value.map(renderValue).join(',');
  return JSON.stringify(value);
}

function dotted(value: unknown): string {
  if (Array.isArray(value)) return value.map(renderValue).join('.');
  return renderValue(value);
}

/**
 * Applies `Fn::Sub` variables to a template string. Variables given as plain text are substituted (as AWS
 * would); variables given as intrinsics become their placeholder; other `${…}` references stay as written.
 */
export function substitute(text: string, vars: Record<string, unknown> | undefined): string {
  return substituteMapped(text, vars).text;
}

/**
 * `substitute`, plus a map from offsets in the result back to offsets in `text`, exact everywhere outside the
 * replaced `${…}` references (so spans of JSON objects in a `!Sub` definition can be found in the template).
 */
export function substituteMapped(
  text: string,
  vars: Record<string, unknown> | undefined,
): { text: string; toInput: (offset: number) => number } {
  // Unchanged runs as [start in result, start in input], ascending.
  const runs: [number, number][] = [[0, 0]];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = m[1]!;
    let replacement: string;
    if (name.startsWith('!')) replacement = `\${${name.slice(1)}}`;
    else if (vars && Object.prototype.hasOwnProperty.call(vars, name)) replacement = renderValue(vars[name]);
    else continue;
    out += text.slice(last, m.index) + replacement;
    last = m.index + m[0].length;
    runs.push([out.length, last]);
  }
  out += text.slice(last);
  const toInput = (offset: number): number => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]![0] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return runs[lo]![1] + (offset - runs[lo]![0]);
  };
  return { text: out, toInput };
}

/** Renders one intrinsic as text (see the module comment for the placeholder forms). */
export function renderIntrinsic(value: Record<string, unknown>): string {
  const key = Object.keys(value)[0]!;
  const arg = value[key];
  switch (key) {
    case 'Ref':
      return `\${Ref:${renderValue(arg)}}`;
    case 'Condition':
      return `\${Condition:${renderValue(arg)}}`;
    case 'Fn::GetAtt':
      return `\${GetAtt:${dotted(arg)}}`;
    case 'Fn::Sub': {
      if (typeof arg === 'string') return substitute(arg, undefined);
      if (Array.isArray(arg) && typeof arg[0] === 'string') {
        const vars =
          arg[1] !== null && typeof arg[1] === 'object' && !Array.isArray(arg[1])
            ? (arg[1] as Record<string, unknown>)
            : undefined;
        return substitute(arg[0], vars);
      }
      return `\${Sub:${renderValue(arg)}}`;
    }
    case 'Fn::Join': {
      if (Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
        return arg[1].map(renderValue).join(renderValue(arg[0]));
      }
      return `\${Join:${renderValue(arg)}}`;
    }
    default:
      return `\${${key.slice(4)}:${renderValue(arg)}}`;
  }
}

/**
 * Replaces every intrinsic inside a definition object by its placeholder string, in place (so the objects keep
 * their identity and their source spans), and returns the value (a string when the root itself is an intrinsic).
 */
export function replaceIntrinsics(value: unknown): unknown {
  if (isIntrinsic(value)) return renderIntrinsic(value);
  const visit = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > MAX_NESTING) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (isIntrinsic(item)) node[i] = renderIntrinsic(item);
        else visit(item, depth + 1);
      }
      return;
    }
    const obj = node as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const item = obj[k];
      if (isIntrinsic(item))
        Object.defineProperty(obj, k, {
          value: renderIntrinsic(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else visit(item, depth + 1);
    }
  };
  visit(value, 0);
  return value;
}

/** Every `${Name}` placeholder in the strings of a definition, in order of first appearance (linear walk). */
export function collectPlaceholders(value: unknown): string[] {
  const seen = new Set<string>();
  const stack: unknown[] = [value];
  const re = /\$\{([^}]+)\}/g;
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (node.includes('${')) {
        for (const m of node.matchAll(re)) seen.add(m[1]!);
      }
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) stack.push((node as Record<string, unknown>)[keys[i]!]);
    }
  }
  return [...seen];
}
