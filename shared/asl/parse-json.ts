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

/** The reader's state while it walks one text: the position and what it has recorded so far. */
class JsonReader {
  pos = 0;
  readonly n: number;
  readonly spans = new WeakMap<object, SourceSpan>();
  readonly leniencies: JsonLeniency[] = [];
  readonly duplicateKeys: { key: string; offset: number }[] = [];
  readonly keyOffsets = new WeakMap<object, Map<string, number>>();
  readonly stringStarts = new WeakMap<object, Map<string | number, number>>();

  constructor(
    readonly text: string,
    /** Containers at most this deep record where their string values start (-1: none). */
    readonly stringLevels: number,
  ) {
    this.n = text.length;
  }

  fail(message: string, at = this.pos): never {
    throw new JsonSyntaxError(message, at);
  }

  skip(): void {
    while (this.pos < this.n) {
      const c = this.text.charCodeAt(this.pos);
      if (c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab || c === C.Bom) {
        this.pos++;
      } else if (c === C.Slash) {
        const next = this.text.charCodeAt(this.pos + 1);
        if (next === C.Slash) {
          this.leniencies.push({ kind: 'comment', offset: this.pos });
          const end = this.text.indexOf('\n', this.pos);
          this.pos = end === -1 ? this.n : end + 1;
        } else if (next === 42 /* * */) {
          this.leniencies.push({ kind: 'comment', offset: this.pos });
          const end = this.text.indexOf('*/', this.pos + 2);
          if (end === -1) this.fail('Unterminated /* comment', this.pos);
          this.pos = end + 2;
        } else {
          return;
        }
      } else {
        return;
      }
    }
  }

  parseString(quote: number): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= this.n) this.fail('Unterminated string', start);
      const c = this.text.charCodeAt(this.pos);
      if (c === quote) {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c === C.Backslash) {
        out += this.text.slice(chunk, this.pos);
        const e = this.text[this.pos + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
          case "'":
            out += e;
            this.pos += 2;
            break;
          case 'b':
            out += '\b';
            this.pos += 2;
            break;
          case 'f':
            out += '\f';
            this.pos += 2;
            break;
          case 'n':
            out += '\n';
            this.pos += 2;
            break;
          case 'r':
            out += '\r';
            this.pos += 2;
            break;
          case 't':
            out += '\t';
            this.pos += 2;
            break;
          case 'u': {
            const hex = this.text.slice(this.pos + 2, this.pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape in string', this.pos);
            out += String.fromCharCode(parseInt(hex, 16));
            this.pos += 6;
            break;
          }
          default:
            this.fail(`Invalid escape ${describe(e === undefined ? undefined : '\\' + e)} in string`, this.pos);
        }
        chunk = this.pos;
        continue;
      }
      if (c < 0x20) {
        if (c === C.Lf || c === C.Cr) this.fail('Unterminated string (line break inside a string)', start);
        this.fail('Control character inside a string (escape it)', this.pos);
      }
      this.pos++;
    }
  }

  parseNumber(): number {
    const start = this.pos;
    if (this.text.charCodeAt(this.pos) === C.Minus) this.pos++;
    const digitsFrom = this.pos;
    while (this.pos < this.n) {
      const c = this.text.charCodeAt(this.pos);
      if ((c >= C.Zero && c <= C.Nine) || c === C.Dot || c === C.Plus || c === C.Minus || c === 101 || c === 69) {
        this.pos++;
      } else {
        break;
      }
    }
    const raw = this.text.slice(start, this.pos);
    if (this.pos === digitsFrom || !/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) {
      this.fail(`Invalid number ${JSON.stringify(raw || this.text[start])}`, start);
    }
    return Number(raw);
  }

  parseWord(): unknown {
    const start = this.pos;
    while (this.pos < this.n && /[A-Za-z0-9_$]/.test(this.text[this.pos]!)) this.pos++;
    const word = this.text.slice(start, this.pos);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return this.fail(
      word
        ? `Unexpected word "${word.length > 40 ? word.slice(0, 40) + '…' : word}"`
        : `Unexpected ${describe(this.text[start])}`,
      start,
    );
  }

  parseValue(depth: number): unknown {
    this.skip();
    if (this.pos >= this.n) this.fail('Unexpected end of file: a value was expected');
    const c = this.text.charCodeAt(this.pos);
    if (c === C.OpenBrace) return this.parseObject(depth + 1);
    if (c === C.OpenBracket) return this.parseArray(depth + 1);
    if (c === C.Quote) return this.parseString(C.Quote);
    if (c === C.Apos) {
      this.leniencies.push({ kind: 'single-quote', offset: this.pos });
      return this.parseString(C.Apos);
    }
    if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) return this.parseNumber();
    return this.parseWord();
  }

  parseKey(): string {
    const c = this.text.charCodeAt(this.pos);
    if (c === C.Quote) return this.parseString(C.Quote);
    if (c === C.Apos) {
      this.leniencies.push({ kind: 'single-quote', offset: this.pos });
      return this.parseString(C.Apos);
    }
    const start = this.pos;
    while (this.pos < this.n && /[A-Za-z0-9_$]/.test(this.text[this.pos]!)) this.pos++;
    if (this.pos === start)
      this.fail(`Expected a property name in double quotes but found ${describe(this.text[this.pos])}`);
    this.leniencies.push({ kind: 'unquoted-key', offset: start });
    return this.text.slice(start, this.pos);
  }

  parseObject(depth: number): Record<string, unknown> {
    if (depth > MAX_NESTING) this.fail(`Nesting is deeper than ${MAX_NESTING} levels`);
    const start = this.pos;
    this.pos++;
    const obj: Record<string, unknown> = {};
    const keys = depth - 1 <= KEY_OFFSET_LEVELS ? new Map<string, number>() : undefined;
    if (keys) this.keyOffsets.set(obj, keys);
    const strings = depth - 1 <= this.stringLevels ? new Map<string | number, number>() : undefined;
    if (strings) this.stringStarts.set(obj, strings);
    let seen: Set<string> | undefined;
    this.skip();
    if (this.text.charCodeAt(this.pos) === C.CloseBrace) {
      this.pos++;
      this.spans.set(obj, { start, end: this.pos });
      return obj;
    }
    for (;;) {
      this.skip();
      if (this.pos >= this.n) this.fail('Unexpected end of file: "}" expected');
      const keyAt = this.pos;
      const key = this.parseKey();
      this.skip();
      if (this.text.charCodeAt(this.pos) !== C.Colon)
        this.fail(`Expected ":" after property name but found ${describe(this.text[this.pos])}`);
      this.pos++;
      this.skip();
      const valueAt = this.pos;
      const value = this.parseValue(depth);
      if (strings && typeof value === 'string') strings.set(key, valueAt);
      seen ??= new Set();
      if (seen.has(key)) this.duplicateKeys.push({ key, offset: keyAt });
      else seen.add(key);
      setOwn(obj, key, value);
      keys?.set(key, keyAt);
      this.skip();
      const c = this.text.charCodeAt(this.pos);
      if (c === C.Comma) {
        const commaAt = this.pos;
        this.pos++;
        this.skip();
        if (this.text.charCodeAt(this.pos) === C.CloseBrace) {
          this.leniencies.push({ kind: 'trailing-comma', offset: commaAt });
          this.pos++;
          break;
        }
        continue;
      }
      if (c === C.CloseBrace) {
        this.pos++;
        break;
      }
      this.fail(
        this.pos >= this.n
          ? 'Unexpected end of file: "}" expected'
          : `Expected "," or "}" after property value but found ${describe(this.text[this.pos])}`,
      );
    }
    this.spans.set(obj, { start, end: this.pos });
    return obj;
  }

  parseArray(depth: number): unknown[] {
    if (depth > MAX_NESTING) this.fail(`Nesting is deeper than ${MAX_NESTING} levels`);
    const start = this.pos;
    this.pos++;
    const arr: unknown[] = [];
    const strings = depth - 1 <= this.stringLevels ? new Map<string | number, number>() : undefined;
    if (strings) this.stringStarts.set(arr, strings);
    this.skip();
    if (this.text.charCodeAt(this.pos) === C.CloseBracket) {
      this.pos++;
      this.spans.set(arr, { start, end: this.pos });
      return arr;
    }
    for (;;) {
      this.skip();
      const valueAt = this.pos;
      const item = this.parseValue(depth);
      if (strings && typeof item === 'string') strings.set(arr.length, valueAt);
      arr.push(item);
      this.skip();
      const c = this.text.charCodeAt(this.pos);
      if (c === C.Comma) {
        const commaAt = this.pos;
        this.pos++;
        this.skip();
        if (this.text.charCodeAt(this.pos) === C.CloseBracket) {
          this.leniencies.push({ kind: 'trailing-comma', offset: commaAt });
          this.pos++;
          break;
        }
        continue;
      }
      if (c === C.CloseBracket) {
        this.pos++;
        break;
      }
      this.fail(
        this.pos >= this.n
          ? 'Unexpected end of file: "]" expected'
          : `Expected "," or "]" after array element but found ${describe(this.text[this.pos])}`,
      );
    }
    this.spans.set(arr, { start, end: this.pos });
    return arr;
  }
}

/** Reads `text` as JSON (with the tolerated relaxations). Throws `JsonSyntaxError` on anything else. */
export function parseJson(text: string, options: { stringStartLevels?: number } = {}): ParsedJson {
  // Off by default: recording string starts for every object would slow large definitions down for nothing.
  const r = new JsonReader(text, options.stringStartLevels ?? -1);
  const value = r.parseValue(0);
  r.skip();
  if (r.pos < r.n) r.fail(`Unexpected ${describe(text[r.pos])} after the end of the JSON value`);
  const { spans, leniencies, duplicateKeys, keyOffsets, stringStarts } = r;
  return { value, spans, leniencies, duplicateKeys, keyOffsets, stringStarts };
}
