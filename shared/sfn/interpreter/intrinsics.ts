/**
 * ASL intrinsic functions (`States.Format(...)` and the rest), parsed and evaluated. No library implements this
 * small call language, so the parser is ours: arguments are string literals ('…' with \' \\ \{ \} escapes),
 * numbers, true/false/null, paths ($, $$, $variable) and nested calls. Hashing uses @noble/hashes (MIT) because
 * `shared/` may not use Node's crypto and Web Crypto is asynchronous and has no MD5.
 */
import { md5, sha1 } from '@noble/hashes/legacy';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { StatesError, describe } from './errors.ts';
import type { PathScope } from './jsonpath.ts';
import { resolvePath } from './jsonpath.ts';
import { isObject as isPlainObject } from '../../json.ts';

type Arg =
  | { kind: 'string'; raw: string }
  | { kind: 'value'; value: unknown }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: Arg[] };

function fail(message: string): never {
  throw new StatesError('States.IntrinsicFailure', message);
}

class Parser {
  i = 0;
  constructor(readonly text: string) {}
  ws(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }
  call(): Arg & { kind: 'call' } {
    this.ws();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.i));
    if (!m) fail(`Expected an intrinsic function at position ${this.i} of '${this.text}'.`);
    this.i += m[0].length;
    this.ws();
    if (this.text[this.i] !== '(') fail(`Expected '(' after ${m[0]} in '${this.text}'.`);
    this.i++;
    const args: Arg[] = [];
    this.ws();
    if (this.text[this.i] === ')') {
      this.i++;
      return { kind: 'call', name: m[0], args };
    }
    for (;;) {
      args.push(this.arg());
      this.ws();
      const ch = this.text[this.i];
      this.i++;
      if (ch === ')') break;
      if (ch !== ',') fail(`Expected ',' or ')' at position ${this.i - 1} of '${this.text}'.`);
    }
    return { kind: 'call', name: m[0], args };
  }
  arg(): Arg {
    this.ws();
    const rest = this.text.slice(this.i);
    const ch = rest[0];
    if (ch === "'") {
      let raw = '';
      this.i++;
      for (;;) {
        if (this.i >= this.text.length) fail(`Unterminated string in '${this.text}'.`);
        const c = this.text[this.i]!;
        if (c === '\\') {
          raw += c + (this.text[this.i + 1] ?? '');
          this.i += 2;
          continue;
        }
        this.i++;
        if (c === "'") break;
        raw += c;
      }
      return { kind: 'string', raw };
    }
    if (rest.startsWith('States.')) return this.call();
    if (ch === '$') {
      // A path runs to the next ',' or ')' outside brackets, parentheses and quotes.
      let depth = 0;
      let quote: string | null = null;
      const start = this.i;
      for (; this.i < this.text.length; this.i++) {
        const c = this.text[this.i]!;
        if (quote) {
          if (c === '\\') this.i++;
          else if (c === quote) quote = null;
        } else if (c === "'" || c === '"') quote = c;
        else if (c === '[' || c === '(') depth++;
        else if ((c === ']' || c === ')') && depth > 0) depth--;
        else if ((c === ',' || c === ')') && depth === 0) break;
      }
      return { kind: 'path', path: this.text.slice(start, this.i).trim() };
    }
    const lit = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (lit) {
      this.i += lit[0].length;
      return { kind: 'value', value: JSON.parse(lit[0]) };
    }
    fail(`Unexpected '${rest.slice(0, 10)}' at position ${this.i} of '${this.text}'.`);
  }
}

/** Resolves \' \\ \{ \} in a string literal (States.Format handles \{ \} itself, from the raw text). */
function unescape(raw: string): string {
  return raw.replace(/\\(.)/gs, '$1');
}

/** Parses an intrinsic function call (throws States.IntrinsicFailure with the position on a syntax error). */
export function parseIntrinsic(text: string): Arg {
  const p = new Parser(text);
  const call = p.call();
  p.ws();
  if (p.i !== text.length) fail(`Unexpected text after the call in '${text}'.`);
  return call;
}

export function evaluateIntrinsic(text: string, scope: PathScope): unknown {
  return evalArg(parseIntrinsic(text), scope);
}

function evalArg(arg: Arg, scope: PathScope): unknown {
  switch (arg.kind) {
    case 'string':
      return unescape(arg.raw);
    case 'value':
      return arg.value;
    case 'path':
      return resolvePath(arg.path, scope);
    case 'call':
      return callFunction(arg, scope);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as never)[k], (b as never)[k]))
  );
}
export { deepEqual };

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(text: string): string {
  let bin: string;
  try {
    bin = atob(text);
  } catch {
    fail(`States.Base64Decode: '${text.slice(0, 40)}' is not valid Base64.`);
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** A seeded generator (mulberry32) so States.MathRandom (and JSONata $random) with a seed repeat. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HASHES: Record<string, (b: Uint8Array) => Uint8Array> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

export function hashHex(data: string, algorithm: string): string {
  const fn = HASHES[algorithm];
  if (!fn) fail(`States.Hash: unsupported algorithm '${algorithm}' (use one of ${Object.keys(HASHES).join(', ')}).`);
  return bytesToHex(fn(new TextEncoder().encode(data)));
}

/**
 * How States.Format writes a value into its template: strings as they are, and objects and arrays the way Java
 * prints maps and lists (`{Arg1=1, Arg2=[]}`, `[1, 2]`), which is what AWS produces (LocalStack parity history
 * test_format_2, recorded against AWS); numbers, booleans and null as JSON.
 */
function formatArg(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(formatArg).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}=${formatArg(x)}`)
      .join(', ')}}`;
  return JSON.stringify(v);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** The evaluated arguments of one intrinsic call, with checks that fail naming the function and the argument. */
class CallArgs {
  readonly name: string;
  readonly values: unknown[];
  constructor(
    readonly call: Arg & { kind: 'call' },
    scope: PathScope,
  ) {
    this.name = call.name;
    this.values = call.args.map((a) => evalArg(a, scope));
  }
  get length(): number {
    return this.values.length;
  }
  need(min: number, max = min): void {
    const n = this.values.length;
    if (n < min || n > max) fail(`${this.name} takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${n}.`);
  }
  private check(i: number, ok: boolean, what: string): unknown {
    if (!ok) fail(`${this.name}: argument ${i + 1} must be ${what}, got ${describe(this.values[i])}.`);
    return this.values[i];
  }
  str(i: number): string {
    return this.check(i, typeof this.values[i] === 'string', 'a string') as string;
  }
  arr(i: number): unknown[] {
    return this.check(i, Array.isArray(this.values[i]), 'an array') as unknown[];
  }
  int(i: number): number {
    return this.check(i, isInt(this.values[i]), 'an integer') as number;
  }
  /**
   * A finite number, rounded half up: AWS rounds the arguments of States.MathAdd (1.5 → 2, -1.5 → -1, -1.51 → -2)
   * and the bounds of States.MathRandom (it ran States.MathRandom(12.5, …) without an error), as the recorded
   * LocalStack parity histories test_math_add and test_math_random (run against AWS) show.
   */
  rounded(i: number): number {
    const v = this.values[i];
    return Math.round(this.check(i, typeof v === 'number' && Number.isFinite(v), 'a number') as number);
  }
}

/**
 * States.Format: `{}` placeholders filled in order, `\` escaping the next character. The template is usually a
 * literal, but a path or variable holding a string works too (AWS ran States.Format($AnswerTemplate, …):
 * LocalStack parity history MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION).
 */
function format(a: CallArgs): string {
  const args = a.values;
  if (args.length < 1) fail('States.Format needs a template string.');
  const first = a.call.args[0]!;
  if (first.kind !== 'string' && typeof args[0] !== 'string')
    fail(`States.Format: the template must be a string, got ${describe(args[0])}.`);
  const raw = first.kind === 'string' ? first.raw : (args[0] as string);
  let out = '';
  let next = 1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      out += raw[i + 1] ?? '';
      i++;
    } else if (c === '{' && raw[i + 1] === '}') {
      if (next >= args.length) fail('States.Format: more {} placeholders than arguments.');
      out += formatArg(args[next++]);
      i++;
    } else out += c;
  }
  if (next !== args.length) fail('States.Format: more arguments than {} placeholders.');
  return out;
}

function stringToJson(a: CallArgs): unknown {
  a.need(1);
  // An empty or blank string gives null (AWS-recorded LocalStack parity history test_string_to_json).
  if (a.str(0).trim() === '') return null;
  try {
    return JSON.parse(a.str(0));
  } catch {
    return fail(`States.StringToJson: '${a.str(0).slice(0, 60)}' is not JSON.`);
  }
}

function arrayPartition(a: CallArgs): unknown[][] {
  a.need(2);
  const list = a.arr(0);
  const size = a.int(1);
  if (size <= 0) fail('States.ArrayPartition: the chunk size must be a positive integer.');
  const out: unknown[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function arrayRange(a: CallArgs): number[] {
  a.need(3);
  const [start, end, step] = [a.int(0), a.int(1), a.int(2)];
  if (step === 0) fail('States.ArrayRange: the step must not be 0.');
  const out: number[] = [];
  for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
    out.push(v);
    if (out.length > 1000) fail('States.ArrayRange: the result would have more than 1000 items.');
  }
  return out;
}

function arrayGetItem(a: CallArgs): unknown {
  a.need(2);
  const list = a.arr(0);
  const i = a.int(1);
  if (i < 0 || i >= list.length)
    fail(`States.ArrayGetItem: index ${i} is out of bounds for an array of ${list.length}.`);
  return list[i];
}

function arrayUnique(a: CallArgs): unknown[] {
  a.need(1);
  const out: unknown[] = [];
  for (const x of a.arr(0)) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

/** A string argument of at most 10,000 characters (the Base64 and hash functions' limit). */
function limitedString(a: CallArgs): string {
  a.need(1);
  if (a.str(0).length > 10_000) fail(`${a.name}: the input is longer than 10,000 characters.`);
  return a.str(0);
}

function hash(a: CallArgs): string {
  a.need(2);
  const v = a.values[0];
  const data = typeof v === 'string' ? v : JSON.stringify(v);
  if (data.length > 10_000) fail('States.Hash: the input is longer than 10,000 characters.');
  return hashHex(data, a.str(1));
}

function jsonMerge(a: CallArgs): object {
  a.need(3);
  const [x, y, deep] = a.values;
  if (!isPlainObject(x) || !isPlainObject(y)) fail('States.JsonMerge: the first two arguments must be objects.');
  if (deep !== false) fail('States.JsonMerge: only shallow merging is supported (the third argument must be false).');
  return { ...x, ...y };
}

function mathRandom(a: CallArgs): number {
  a.need(2, 3);
  const [start, end] = [a.rounded(0), a.rounded(1)];
  const rnd = a.length === 3 ? seeded(a.int(2)) : Math.random;
  return start + Math.floor(rnd() * (end - start));
}

function stringSplit(a: CallArgs): string[] {
  a.need(2);
  const s = a.str(0);
  const delims = new Set(a.str(1));
  const out: string[] = [];
  let cur = '';
  for (const c of s) {
    if (delims.has(c)) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** The intrinsic functions by name. */
const INTRINSICS: Record<string, (a: CallArgs) => unknown> = {
  'States.Format': format,
  'States.StringToJson': stringToJson,
  'States.JsonToString': (a) => {
    a.need(1);
    return JSON.stringify(a.values[0]);
  },
  'States.Array': (a) => a.values,
  'States.ArrayPartition': arrayPartition,
  'States.ArrayContains': (a) => {
    a.need(2);
    return a.arr(0).some((x) => deepEqual(x, a.values[1]));
  },
  'States.ArrayRange': arrayRange,
  'States.ArrayGetItem': arrayGetItem,
  'States.ArrayLength': (a) => {
    a.need(1);
    return a.arr(0).length;
  },
  'States.ArrayUnique': arrayUnique,
  'States.Base64Encode': (a) => toBase64(limitedString(a)),
  'States.Base64Decode': (a) => fromBase64(limitedString(a)),
  'States.Hash': hash,
  'States.JsonMerge': jsonMerge,
  'States.MathRandom': mathRandom,
  'States.MathAdd': (a) => {
    a.need(2);
    return a.rounded(0) + a.rounded(1);
  },
  'States.StringSplit': stringSplit,
  'States.UUID': (a) => {
    a.need(0);
    return crypto.randomUUID();
  },
};

function callFunction(call: Arg & { kind: 'call' }, scope: PathScope): unknown {
  const fn = Object.prototype.hasOwnProperty.call(INTRINSICS, call.name) ? INTRINSICS[call.name] : undefined;
  // Arguments are evaluated first, even for an unknown function (a bad path in them is reported first).
  const args = new CallArgs(call, scope);
  if (!fn) return fail(`Unknown intrinsic function ${call.name}.`);
  return fn(args);
}
