/**
 * The syntax of X-Ray filter expressions (the grammar is in filter.ts): keywords, the lexer and the parser, which
 * give the expression tree or an error with its position.
 */
import { normalizeTraceId } from './ids.ts';

/** A parse error with its 0-based offset and length in the expression, so the UI can underline it. */
export interface FilterError {
  offset: number;
  length: number;
  message: string;
}

/** `name`/`type`/`account.id` selector of `service()`/`edge()` (a plain string is a name). */
export interface NodeSelector {
  name?: string;
  type?: string;
  accountId?: string;
}

/** String comparisons the console accepts (values must be quoted). */
export type StringOp = '=' | '!=' | 'CONTAINS' | 'BEGINSWITH' | 'ENDSWITH';
/** Number comparisons the console accepts. */
export type NumberOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** The parsed expression tree, exported so tests and the UI can inspect what a query means. */
export type FilterExpr =
  | { k: 'and' | 'or'; a: FilterExpr; b: FilterExpr }
  | { k: 'not'; e: FilterExpr }
  | { k: 'bool'; kw: string; value: boolean }
  | { k: 'num'; kw: string; op: NumberOp; value: number }
  | { k: 'str'; kw: string; op?: StringOp; value?: string }
  | { k: 'annotation'; key: string; op?: string; value?: string | number | boolean }
  | { k: 'service'; sel?: NodeSelector; body?: FilterExpr }
  | { k: 'edge'; from: NodeSelector; to: NodeSelector; body?: FilterExpr }
  | { k: 'traceId'; id: string };

/** Boolean keywords: bare means true; `!kw` or `kw = false` means false. */
export const BOOL_KEYWORDS = ['ok', 'error', 'fault', 'throttle', 'partial', 'inferred', 'root'] as const;
/** Keywords of root-cause entities (`rootcause.… { … }`), which only X-Ray's servers compute. */
const ROOT_CAUSE_KEYWORDS = new Set(['first', 'last', 'remote', 'index', 'coverage']);
/** Number keywords (seconds for the times, as in the console). */
export const NUMBER_KEYWORDS = ['responsetime', 'duration', 'http.status'] as const;
/** String keywords; a bare string keyword tests that the field is present. */
export const STRING_KEYWORDS = [
  'http.url',
  'http.method',
  'http.useragent',
  'http.clientip',
  'user',
  'name',
  'type',
  'message',
  'resource.arn',
  'instance.id',
  'availabilityzone',
  'account.id',
] as const;

const BOOLS = new Set<string>(BOOL_KEYWORDS);
const NUMS = new Set<string>(NUMBER_KEYWORDS);
const STRS = new Set<string>(STRING_KEYWORDS);
const NUM_OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);
const STR_OPS = new Set(['=', '!=', 'CONTAINS', 'BEGINSWITH', 'ENDSWITH']);

interface Token {
  t: 'ident' | 'string' | 'number' | 'op' | 'eof';
  v: string;
  start: number;
  end: number;
}

class ParseFailure extends Error {
  constructor(
    readonly offset: number,
    readonly length: number,
    message: string,
  ) {
    super(message);
  }
}

function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      if (i >= text.length)
        throw new ParseFailure(start, text.length - start, 'Unterminated string: add the closing quote.');
      i++;
      out.push({ t: 'string', v: value, start, end: i });
      continue;
    }
    const rest = text.slice(i, i + 40);
    const traceId = /^(1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}|[0-9a-fA-F]{32})(?![0-9A-Za-z_.-])/.exec(rest);
    if (traceId) {
      i += traceId[1].length;
      out.push({ t: 'ident', v: traceId[1], start, end: i });
      continue;
    }
    if (
      /[0-9]/.test(c) ||
      (c === '-' && /[0-9.]/.test(text[i + 1] ?? '')) ||
      (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))
    ) {
      i++;
      while (i < text.length && /[0-9.eE]/.test(text[i])) i++;
      const v = text.slice(start, i);
      if (!Number.isFinite(Number(v))) throw new ParseFailure(start, i - start, `"${v}" is not a number.`);
      out.push({ t: 'number', v, start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      i++;
      while (i < text.length && /[A-Za-z0-9_.-]/.test(text[i])) i++;
      const word = text.slice(start, i);
      // `annotation[key]` (or `annotation["key"]`) names a key that is not a plain word, such as the `aws:api_id`
      // API Gateway records; it reads as `annotation.key`.
      if (word.toLowerCase() === 'annotation' && text[i] === '[') {
        const close = text.indexOf(']', i);
        if (close < 0) throw new ParseFailure(i, text.length - i, 'Close the annotation key with "]".');
        const key = text
          .slice(i + 1, close)
          .trim()
          .replace(/^(["'])(.*)\1$/, '$2');
        i = close + 1;
        out.push({ t: 'ident', v: `annotation.${key}`, start, end: i });
        continue;
      }
      out.push({ t: 'ident', v: word, start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['!=', '<=', '>=', '&&', '||'].includes(two)) {
      out.push({ t: 'op', v: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if ('=<>!(){},:'.includes(c)) {
      out.push({ t: 'op', v: c, start, end: i + 1 });
      i++;
      continue;
    }
    throw new ParseFailure(i, 1, `Unexpected character "${c}".`);
  }
  out.push({ t: 'eof', v: '', start: text.length, end: text.length });
  return out;
}

/** Limits that keep a pasted monster expression from exhausting the stack (evaluation recurses per term). */
const MAX_TOKENS = 4000;
const MAX_NESTING = 64;

class Parser {
  private p = 0;
  private nesting = 0;
  constructor(private readonly toks: Token[]) {
    if (toks.length > MAX_TOKENS) {
      const t = toks[MAX_TOKENS];
      throw new ParseFailure(
        t.start,
        Math.max(1, t.end - t.start),
        `The expression is too long (more than ${MAX_TOKENS} tokens).`,
      );
    }
  }

  private enter(): void {
    if (++this.nesting > MAX_NESTING)
      this.fail(`The expression is nested too deeply (more than ${MAX_NESTING} levels).`);
  }

  private get tok(): Token {
    return this.toks[this.p];
  }
  private upper(): string {
    return this.tok.t === 'ident' ? this.tok.v.toUpperCase() : this.tok.v;
  }
  private fail(message: string, tok = this.tok): never {
    throw new ParseFailure(tok.start, Math.max(1, tok.end - tok.start), message);
  }
  private expect(v: string, what = `"${v}"`): Token {
    if (this.tok.t === 'op' && this.tok.v === v) return this.toks[this.p++];
    return this.fail(`Expected ${what}${this.tok.t === 'eof' ? ' at the end' : ` but found "${this.tok.v}"`}.`);
  }
  private isOp(v: string): boolean {
    return this.tok.t === 'op' && this.tok.v === v;
  }

  parse(): FilterExpr {
    const e = this.or();
    if (this.tok.t !== 'eof') {
      if (this.isOp(')')) this.fail('Unmatched ")".');
      this.fail(`Unexpected "${this.tok.v}".`);
    }
    return e;
  }

  private or(): FilterExpr {
    let a = this.and();
    while (this.upper() === 'OR' || this.isOp('||')) {
      this.p++;
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private startsTerm(): boolean {
    const t = this.tok;
    if (t.t === 'ident') return !['OR', 'AND'].includes(t.v.toUpperCase());
    return t.t === 'op' && (t.v === '!' || t.v === '(');
  }

  private and(): FilterExpr {
    let a = this.unary();
    for (;;) {
      if (this.upper() === 'AND' || this.isOp('&&')) {
        this.p++;
        a = { k: 'and', a, b: this.unary() };
      } else if (this.startsTerm()) {
        a = { k: 'and', a, b: this.unary() };
      } else return a;
    }
  }

  private unary(): FilterExpr {
    this.enter();
    try {
      if (this.isOp('!') || this.upper() === 'NOT') {
        this.p++;
        return { k: 'not', e: this.unary() };
      }
      return this.primary();
    } finally {
      this.nesting--;
    }
  }

  private value(): string | number | boolean {
    const t = this.tok;
    if (t.t === 'string') {
      this.p++;
      return t.v;
    }
    if (t.t === 'number') {
      this.p++;
      return Number(t.v);
    }
    if (t.t === 'ident' && /^(true|false)$/i.test(t.v)) {
      this.p++;
      return t.v.toLowerCase() === 'true';
    }
    if (t.t === 'ident') this.fail(`Values must be quoted: "${t.v}".`);
    return this.fail('Expected a value (a quoted string, a number, true or false).');
  }

  private selector(): NodeSelector {
    const t = this.tok;
    if (t.t === 'string') {
      this.p++;
      return { name: t.v };
    }
    if (t.t === 'ident' && t.v.toLowerCase() === 'id') {
      this.p++;
      this.expect('(');
      const sel: NodeSelector = {};
      for (;;) {
        const key = this.tok;
        if (key.t !== 'ident') this.fail('Expected name, type or account.id inside id(…).');
        const k = key.v.toLowerCase();
        if (k !== 'name' && k !== 'type' && k !== 'account.id')
          this.fail(`id() takes name, type or account.id, not "${key.v}".`);
        this.p++;
        this.expect(':');
        const v = this.tok;
        if (v.t !== 'string') this.fail('Expected a quoted string.');
        this.p++;
        if (k === 'name') sel.name = v.v;
        else if (k === 'type') sel.type = v.v;
        else sel.accountId = v.v;
        if (this.isOp(',')) {
          this.p++;
          continue;
        }
        this.expect(')');
        return sel;
      }
    }
    return this.fail('Expected a quoted service name or id(name: "…", type: "…").');
  }

  private body(): FilterExpr | undefined {
    if (!this.isOp('{')) return undefined;
    this.p++;
    if (this.isOp('}')) this.fail('Empty { } filter.');
    const e = this.or();
    this.expect('}');
    return e;
  }

  private primary(): FilterExpr {
    const t = this.tok;
    if (this.isOp('(')) {
      this.p++;
      const e = this.or();
      this.expect(')', '")" to close "("');
      return e;
    }
    if (t.t === 'string' || t.t === 'number') {
      const id = normalizeTraceId(t.v);
      if (/^1-[0-9a-f]{8}-[0-9a-f]{24}$/.test(id)) {
        this.p++;
        return { k: 'traceId', id };
      }
      this.fail('Expected a keyword such as service(…), fault or http.status before a value.');
    }
    if (t.t !== 'ident') {
      return this.fail(t.t === 'eof' ? 'The expression ends too early.' : `Unexpected "${t.v}".`);
    }
    const word = t.v.toLowerCase();
    if (/^1-[0-9a-f]{8}-[0-9a-f]{24}$/.test(word) || /^[0-9a-f]{32}$/.test(word)) {
      this.p++;
      return { k: 'traceId', id: normalizeTraceId(word) };
    }
    if (word === 'service') {
      this.p++;
      this.expect('(');
      let sel: NodeSelector | undefined;
      if (!this.isOp(')')) sel = this.selector();
      this.expect(')');
      return { k: 'service', sel, body: this.body() };
    }
    if (word === 'edge') {
      this.p++;
      this.expect('(');
      const from = this.selector();
      this.expect(',');
      const to = this.selector();
      this.expect(')');
      return { k: 'edge', from, to, body: this.body() };
    }
    if (word === 'id') this.fail('id(…) goes inside service(…) or edge(…).');
    if (
      word.startsWith('group.') ||
      word.startsWith('rootcause.') ||
      word === 'json' ||
      ROOT_CAUSE_KEYWORDS.has(word)
    ) {
      this.fail(serversMessage(t.v));
    }
    if (word.startsWith('annotation.') || word.startsWith('annotation[')) {
      const key = t.v.slice('annotation.'.length);
      if (!key) this.fail('Name the annotation: annotation.KEY.');
      this.p++;
      const op = this.upper();
      if (this.tok.t === 'op' && NUM_OPS.has(op)) {
        this.p++;
        return { k: 'annotation', key, op, value: this.value() };
      }
      if (this.tok.t === 'ident' && STR_OPS.has(op)) {
        this.p++;
        const v = this.value();
        if (typeof v !== 'string') this.fail(`${op} compares strings; quote the value.`, this.toks[this.p - 1]);
        return { k: 'annotation', key, op, value: v };
      }
      return { k: 'annotation', key };
    }
    if (BOOLS.has(word)) {
      this.p++;
      if (this.isOp('=') || this.isOp('!=')) {
        const neg = this.tok.v === '!=';
        this.p++;
        const v = this.tok;
        if (v.t !== 'ident' || !/^(true|false)$/i.test(v.v)) this.fail(`${word} compares with true or false.`);
        this.p++;
        const value = v.v.toLowerCase() === 'true';
        return { k: 'bool', kw: word, value: neg ? !value : value };
      }
      return { k: 'bool', kw: word, value: true };
    }
    if (NUMS.has(word)) {
      this.p++;
      const op = this.tok;
      if (op.t !== 'op' || !NUM_OPS.has(op.v)) this.fail(`${word} needs a comparison: = != < <= > >= and a number.`);
      this.p++;
      const v = this.tok;
      if (v.t !== 'number') this.fail(`${word} compares with a number${v.t === 'string' ? ' (without quotes)' : ''}.`);
      this.p++;
      return { k: 'num', kw: word, op: op.v as NumberOp, value: Number(v.v) };
    }
    if (STRS.has(word)) {
      this.p++;
      const op = this.upper();
      if ((this.tok.t === 'op' && (op === '=' || op === '!=')) || (this.tok.t === 'ident' && STR_OPS.has(op))) {
        this.p++;
        const v = this.tok;
        if (v.t !== 'string') this.fail(`${word} compares with a quoted string.`);
        this.p++;
        return { k: 'str', kw: word, op: op as StringOp, value: v.v };
      }
      if (this.tok.t === 'op' && NUM_OPS.has(op))
        this.fail(`${word} is a string: use = != CONTAINS BEGINSWITH ENDSWITH.`);
      return { k: 'str', kw: word };
    }
    return this.fail(`Unknown keyword "${t.v}".`);
  }
}

function serversMessage(keyword: string): string {
  const what = /^group\./i.test(keyword) ? 'groups' : 'root-cause analysis';
  return `"${keyword}" needs X-Ray's servers (${what}, computed by X-Ray from every trace) and cannot be evaluated on files.`;
}

/**
 * The first `group.…` / `rootcause.…` keyword outside quotes, so an expression that needs X-Ray's servers gets
 * that message even when the rest of it (`rootcause.json = #[…]`) is not something this parser reads.
 */
function serverKeyword(text: string): { offset: number; word: string } | undefined {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (i > 0 && /[A-Za-z0-9_.]/.test(text[i - 1])) continue;
    const m = /^(rootcause|group)\.[A-Za-z0-9_.]*/i.exec(text.slice(i, i + 80));
    if (m) return { offset: i, word: m[0] };
  }
  return undefined;
}

/** Parses an expression; the result carries either the tree or the error with its position. */
export function parseFilter(
  text: string,
): { ok: true; expr: FilterExpr | undefined } | { ok: false; error: FilterError } {
  if (text.trim() === '') return { ok: true, expr: undefined };
  const server = serverKeyword(text);
  if (server)
    return {
      ok: false,
      error: { offset: server.offset, length: server.word.length, message: serversMessage(server.word) },
    };
  try {
    return { ok: true, expr: new Parser(lex(text)).parse() };
  } catch (error) {
    if (error instanceof ParseFailure)
      return { ok: false, error: { offset: error.offset, length: error.length, message: error.message } };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation
