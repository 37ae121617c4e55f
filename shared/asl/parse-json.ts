/**
 * A position-aware JSON reader. `JSON.parse` gives no offsets, and the code view needs the source range of every
 * state object, so this reader records the span of each object and array it builds (looked up by identity). It
 * also accepts the relaxations people commit by accident (comments, trailing commas, single-quoted strings,
 * unquoted keys) and reports them as leniencies instead of failing, because AWS rejects them but the graph is
 * still worth drawing. Work is linear in the input size and nesting is bounded, so hostile input cannot hang it.
 */
import type { SourceSpan } from './types.ts';

/** Deeper nesting than this is refused: no real definition comes close, and it keeps the reader off the stack limit. */
export const MAX_NESTING = 2000;

/** A syntax error at a 0-based offset; the loader turns it into a 1-based line and column. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A relaxation of strict JSON that was accepted, so the loader can warn that AWS will reject the file. */
export interface JsonLeniency {
  kind: 'comment' | 'trailing-comma' | 'single-quote' | 'unquoted-key';
  offset: number;
}

/** What the reader produced: the value, the span of every object/array in it, and what was tolerated. */
export interface ParsedJson {
  value: unknown;
  spans: WeakMap<object, SourceSpan>;
  leniencies: JsonLeniency[];
  /** Keys that appeared twice in one object (the last value wins, as in `JSON.parse`). */
  duplicateKeys: { key: string; offset: number }[];
  /** Offset of each key of the objects near the root (template properties), to point diagnostics at a key. */
  keyOffsets: WeakMap<object, Map<string, number>>;
  /**
   * Offset of the opening quote of each string value (by key or index) in containers up to
   * `options.stringStartLevels` deep, so a definition given as a JSON string (`DefinitionString`, its `Fn::Join`
   * parts) can be mapped back to the file.
   */
  stringStarts: WeakMap<object, Map<string | number, number>>;
}

/** How deep (root = 0) templates need string starts recorded: `Fn::Join` parts of a DefinitionString are level 6. */
export const STRING_START_LEVELS = 6;

/** Objects at most this deep (root = 0) get their key offsets recorded; `Resources.X.Properties` is level 3. */
export const KEY_OFFSET_LEVELS = 3;

/**
 * Sets `obj[key] = value` as an own, enumerable property even for `__proto__`, so state names such as
 * `__proto__` round-trip as ordinary names instead of changing the object's prototype.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** Character codes the reader dispatches on (plain constants: enums do not survive type stripping). */
const C = {
  Tab: 9,
  Lf: 10,
  Cr: 13,
  Space: 32,
  Quote: 34,
  Apos: 39,
  Plus: 43,
  Comma: 44,
  Minus: 45,
  Dot: 46,
  Slash: 47,
  Zero: 48,
  Nine: 57,
  Colon: 58,
  OpenBracket: 91,
  Backslash: 92,
  CloseBracket: 93,
  OpenBrace: 123,
  CloseBrace: 125,
  Bom: 0xfeff,
} as const;

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'end of file';
  if (ch === '\n' || ch === '\r') return 'line break';
  return `"${ch}"`;
}

/**
 * For a JSON string literal whose opening quote is at `quoteAt` in `text`, maps an offset in the decoded string
 * to the offset of the character (or escape) that produced it in `text`. Offsets past the end map to the
 * closing quote.
 */
export function stringLiteralMap(text: string, quoteAt: number): (offset: number) => number {
  const quote = text.charCodeAt(quoteAt);
  const raw: number[] = [];
  let i = quoteAt + 1;
  while (i < text.length && text.charCodeAt(i) !== quote) {
    raw.push(i);
    if (text.charCodeAt(i) === C.Backslash) i += text[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  return (offset: number) => (offset >= 0 && offset < raw.length ? raw[offset]! : i);
}

/** Reads `text` as JSON (with the tolerated relaxations). Throws `JsonSyntaxError` on anything else. */
export function parseJson(text: string, options: { stringStartLevels?: number } = {}): ParsedJson {
  // Off by default: recording string starts for every object would slow large definitions down for nothing.
  const stringLevels = options.stringStartLevels ?? -1;
  const spans = new WeakMap<object, SourceSpan>();
  const leniencies: JsonLeniency[] = [];
  const duplicateKeys: { key: string; offset: number }[] = [];
  const keyOffsets = new WeakMap<object, Map<string, number>>();
  const stringStarts = new WeakMap<object, Map<string | number, number>>();
  const n = text.length;
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, at);
  };

  const skip = (): void => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab || c === C.Bom) {
        pos++;
      } else if (c === C.Slash) {
        const next = text.charCodeAt(pos + 1);
        if (next === C.Slash) {
          leniencies.push({ kind: 'comment', offset: pos });
          const end = text.indexOf('\n', pos);
          pos = end === -1 ? n : end + 1;
        } else if (next === 42 /* * */) {
          leniencies.push({ kind: 'comment', offset: pos });
          const end = text.indexOf('*/', pos + 2);
          if (end === -1) fail('Unterminated /* comment', pos);
          pos = end + 2;
        } else {
          return;
        }
      } else {
        return;
      }
    }
  };

  const parseString = (quote: number): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    let chunk = pos;
    for (;;) {
      if (pos >= n) fail('Unterminated string', start);
      const c = text.charCodeAt(pos);
      if (c === quote) {
        out += text.slice(chunk, pos);
        pos++;
        return out;
      }
      if (c === C.Backslash) {
        out += text.slice(chunk, pos);
        const e = text[pos + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
          case "'":
            out += e;
            pos += 2;
            break;
          case 'b':
            out += '\b';
            pos += 2;
            break;
          case 'f':
            out += '\f';
            pos += 2;
            break;
          case 'n':
            out += '\n';
            pos += 2;
            break;
          case 'r':
            out += '\r';
            pos += 2;
            break;
          case 't':
            out += '\t';
            pos += 2;
            break;
          case 'u': {
            const hex = text.slice(pos + 2, pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\u escape in string', pos);
            out += String.fromCharCode(parseInt(hex, 16));
            pos += 6;
            break;
          }
          default:
            fail(`Invalid escape ${describe(e === undefined ? undefined : '\\' + e)} in string`, pos);
        }
        chunk = pos;
        continue;
      }
      if (c < 0x20) {
        if (c === C.Lf || c === C.Cr) fail('Unterminated string (line break inside a string)', start);
        fail('Control character inside a string (escape it)', pos);
      }
      pos++;
    }
  };

  const parseNumber = (): number => {
    const start = pos;
    if (text.charCodeAt(pos) === C.Minus) pos++;
    const digitsFrom = pos;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if ((c >= C.Zero && c <= C.Nine) || c === C.Dot || c === C.Plus || c === C.Minus || c === 101 || c === 69) {
        pos++;
      } else {
        break;
      }
    }
    const raw = text.slice(start, pos);
    if (pos === digitsFrom || !/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) {
      fail(`Invalid number ${JSON.stringify(raw || text[start])}`, start);
    }
    return Number(raw);
  };

  const parseWord = (): unknown => {
    const start = pos;
    while (pos < n && /[A-Za-z0-9_$]/.test(text[pos]!)) pos++;
    const word = text.slice(start, pos);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return fail(
      word
        ? `Unexpected word "${word.length > 40 ? word.slice(0, 40) + '…' : word}"`
        : `Unexpected ${describe(text[start])}`,
      start,
    );
  };

  const parseValue = (depth: number): unknown => {
    skip();
    if (pos >= n) fail('Unexpected end of file: a value was expected');
    const c = text.charCodeAt(pos);
    if (c === C.OpenBrace) return parseObject(depth + 1);
    if (c === C.OpenBracket) return parseArray(depth + 1);
    if (c === C.Quote) return parseString(C.Quote);
    if (c === C.Apos) {
      leniencies.push({ kind: 'single-quote', offset: pos });
      return parseString(C.Apos);
    }
    if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) return parseNumber();
    return parseWord();
  };

  const parseKey = (): string => {
    const c = text.charCodeAt(pos);
    if (c === C.Quote) return parseString(C.Quote);
    if (c === C.Apos) {
      leniencies.push({ kind: 'single-quote', offset: pos });
      return parseString(C.Apos);
    }
    const start = pos;
    while (pos < n && /[A-Za-z0-9_$]/.test(text[pos]!)) pos++;
    if (pos === start) fail(`Expected a property name in double quotes but found ${describe(text[pos])}`);
    leniencies.push({ kind: 'unquoted-key', offset: start });
    return text.slice(start, pos);
  };

  const parseObject = (depth: number): Record<string, unknown> => {
    if (depth > MAX_NESTING) fail(`Nesting is deeper than ${MAX_NESTING} levels`);
    const start = pos;
    pos++;
    const obj: Record<string, unknown> = {};
    const keys = depth - 1 <= KEY_OFFSET_LEVELS ? new Map<string, number>() : undefined;
    if (keys) keyOffsets.set(obj, keys);
    const strings = depth - 1 <= stringLevels ? new Map<string | number, number>() : undefined;
    if (strings) stringStarts.set(obj, strings);
    let seen: Set<string> | undefined;
    skip();
    if (text.charCodeAt(pos) === C.CloseBrace) {
      pos++;
      spans.set(obj, { start, end: pos });
      return obj;
    }
    for (;;) {
      skip();
      if (pos >= n) fail('Unexpected end of file: "}" expected');
      const keyAt = pos;
      const key = parseKey();
      skip();
      if (text.charCodeAt(pos) !== C.Colon) fail(`Expected ":" after property name but found ${describe(text[pos])}`);
      pos++;
      skip();
      const valueAt = pos;
      const value = parseValue(depth);
      if (strings && typeof value === 'string') strings.set(key, valueAt);
      seen ??= new Set();
      if (seen.has(key)) duplicateKeys.push({ key, offset: keyAt });
      else seen.add(key);
      setOwn(obj, key, value);
      keys?.set(key, keyAt);
      skip();
      const c = text.charCodeAt(pos);
      if (c === C.Comma) {
        const commaAt = pos;
        pos++;
        skip();
        if (text.charCodeAt(pos) === C.CloseBrace) {
          leniencies.push({ kind: 'trailing-comma', offset: commaAt });
          pos++;
          break;
        }
        continue;
      }
      if (c === C.CloseBrace) {
        pos++;
        break;
      }
      fail(
        pos >= n
          ? 'Unexpected end of file: "}" expected'
          : `Expected "," or "}" after property value but found ${describe(text[pos])}`,
      );
    }
    spans.set(obj, { start, end: pos });
    return obj;
  };

  const parseArray = (depth: number): unknown[] => {
    if (depth > MAX_NESTING) fail(`Nesting is deeper than ${MAX_NESTING} levels`);
    const start = pos;
    pos++;
    const arr: unknown[] = [];
    const strings = depth - 1 <= stringLevels ? new Map<string | number, number>() : undefined;
    if (strings) stringStarts.set(arr, strings);
    skip();
    if (text.charCodeAt(pos) === C.CloseBracket) {
      pos++;
      spans.set(arr, { start, end: pos });
      return arr;
    }
    for (;;) {
      skip();
      const valueAt = pos;
      const item = parseValue(depth);
      if (strings && typeof item === 'string') strings.set(arr.length, valueAt);
      arr.push(item);
      skip();
      const c = text.charCodeAt(pos);
      if (c === C.Comma) {
        const commaAt = pos;
        pos++;
        skip();
        if (text.charCodeAt(pos) === C.CloseBracket) {
          leniencies.push({ kind: 'trailing-comma', offset: commaAt });
          pos++;
          break;
        }
        continue;
      }
      if (c === C.CloseBracket) {
        pos++;
        break;
      }
      fail(
        pos >= n
          ? 'Unexpected end of file: "]" expected'
          : `Expected "," or "]" after array element but found ${describe(text[pos])}`,
      );
    }
    spans.set(arr, { start, end: pos });
    return arr;
  };

  const value = parseValue(0);
  skip();
  if (pos < n) fail(`Unexpected ${describe(text[pos])} after the end of the JSON value`);
  return { value, spans, leniencies, duplicateKeys, keyOffsets, stringStarts };
}
