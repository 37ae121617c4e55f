/**
 * The X-Ray filter-expression language, evaluated offline against loaded traces, so the search people already
 * type in the X-Ray console works on files too (no anchor tool does this offline).
 *
 * Grammar (keywords and operators case-insensitive; side-by-side terms mean AND, as in the console):
 *
 *   expr    := and { (OR | '||') and }
 *   and     := unary { [AND | '&&'] unary }
 *   unary   := ('!' | NOT) unary | primary
 *   primary := '(' expr ')'
 *            | BOOLKW [ ('=' | '!=') (true | false) ]                 ok error fault throttle partial inferred
 *            | NUMKW  NUMOP NUMBER                                      responsetime duration http.status (seconds)
 *            | STRKW  [ STROP STRING ]                                  http.url http.method http.useragent …
 *            | 'annotation.' KEY [ (NUMOP | STROP) (NUMBER | STRING | true | false) ]
 *            | 'service' '(' [ sel ] ')' [ '{' expr '}' ]
 *            | 'edge' '(' sel ',' sel ')' [ '{' expr '}' ]
 *   sel     := STRING | 'id' '(' idarg { ',' idarg } ')'      idarg := (name | type | account.id) ':' STRING
 *
 * Meaning (documented by the X-Ray developer guide, "Using filter expressions"): at the top level a keyword
 * describes the trace as the X-Ray API does (TraceSummary, `traceStatus` in trace.ts) — `fault` and `error` are
 * the root segment's ("Simple keywords and operators find issues only at the trace level. If an error occurs
 * downstream, but is handled by your application and not returned to the user, a search for `error` will not find
 * it"), `ok` is a root segment with none of error / fault / throttle, `throttle` is a 429 anywhere, `partial` any
 * in-progress segment, `responsetime` the root segment's time, `duration` the whole trace's, `http.*` the root
 * request; inside `service(...) { … }` and `edge(...) { … }` the keywords describe one matching segment, the body
 * must hold for the same segment, and `root` is true for the trace's entry segment. A bare `annotation.KEY` is
 * true when the key is set, or, for a boolean annotation, its value. `group.*`, `rootcause.*` and the root-cause
 * keywords (`first`, `last`, `remote`, `index`, `coverage`) need X-Ray's servers and are refused with a message
 * that says so. A bare trace id (X-Ray or 32-hex W3C form) matches that trace.
 */
import { normalizeTraceId } from './ids.ts';
import { callerNodeOf, splitNodeId } from './service-map.ts';
import { isInferredType, isServiceSpan, traceOk, NO_CHILDREN, NO_EXCEPTIONS, NO_HTTP } from './trace.ts';
import type { HttpInfo, Span, Trace, TraceSummaryRow } from './types.ts';

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

type Scalar = string | number | boolean;

interface Subject {
  trace: Trace;
  /** A segment-level span, or -1 for the trace as a whole. */
  span: number;
}

function subtreeEnd(spans: Span[], i: number): number {
  const d = spans[i].depth;
  let j = i + 1;
  while (j < spans.length && spans[j].depth > d) j++;
  return j;
}

function spansOf(subject: Subject): { from: number; to: number; owned: boolean } {
  if (subject.span < 0) return { from: 0, to: subject.trace.spans.length, owned: false };
  return { from: subject.span, to: subtreeEnd(subject.trace.spans, subject.span), owned: true };
}

function flag(subject: Subject, kw: string): boolean {
  const t = subject.trace;
  const s = subject.span >= 0 ? t.spans[subject.span] : undefined;
  const f = s ?? t;
  switch (kw) {
    case 'ok':
      return s ? !s.error && !s.fault && !s.throttle : traceOk(t);
    case 'root':
      // "Service is the entry point or root segment of a trace."
      return s ? subject.span === t.root && !s.orphan && !s.cycle : t.root >= 0;
    case 'error':
      return f.error;
    case 'fault':
      return f.fault;
    case 'throttle':
      return f.throttle;
    case 'partial':
      return s ? s.inProgress : t.partial;
    case 'inferred':
      return s ? s.kind === 'inferred' : t.spans.some((x) => x.kind === 'inferred');
    default:
      return false;
  }
}

function numbers(subject: Subject, kw: string): number[] {
  const t = subject.trace;
  const s = subject.span >= 0 ? t.spans[subject.span] : t.root >= 0 ? t.spans[t.root] : undefined;
  switch (kw) {
    case 'responsetime':
      // A segment still in progress has no response time yet (not 0 s).
      return s && !s.inProgress ? [s.durationMs / 1000] : [];
    case 'duration':
      return [subject.span >= 0 ? t.spans[subject.span].durationMs / 1000 : t.durationMs / 1000];
    case 'http.status':
      return s?.http.status !== undefined ? [s.http.status] : [];
    default:
      return [];
  }
}

function strings(subject: Subject, kw: string): string[] {
  const t = subject.trace;
  const entry = subject.span >= 0 ? t.spans[subject.span] : t.root >= 0 ? t.spans[t.root] : undefined;
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string' && v !== '') out.push(v);
  };
  switch (kw) {
    case 'http.url':
      push(entry?.http.url);
      return out;
    case 'http.method':
      push(entry?.http.method);
      return out;
    case 'http.useragent':
      push(entry?.http.userAgent);
      return out;
    case 'http.clientip':
      push(entry?.http.clientIp);
      return out;
  }
  const { from, to } = spansOf(subject);
  for (let i = from; i < to; i++) {
    const s = t.spans[i];
    const aws = s.aws ?? {};
    const ec2 = typeof aws.ec2 === 'object' && aws.ec2 !== null ? (aws.ec2 as Record<string, unknown>) : {};
    switch (kw) {
      case 'user':
        push(s.user);
        break;
      case 'name':
        if (isServiceSpan(t.spans, i)) push(splitNodeId(s.node).name);
        for (const e of s.exceptions) push(e.type);
        break;
      case 'type':
        if (isServiceSpan(t.spans, i)) push(splitNodeId(s.node).type);
        break;
      case 'message':
        for (const e of s.exceptions) push(e.message);
        break;
      case 'resource.arn':
        push(s.resourceArn);
        push(aws.function_arn);
        break;
      case 'instance.id':
        push(ec2.instance_id);
        break;
      case 'availabilityzone':
        push(ec2.availability_zone);
        break;
      case 'account.id':
        push(aws.account_id);
        break;
    }
  }
  return out;
}

function annotationValues(subject: Subject, key: string): Scalar[] {
  const { from, to } = spansOf(subject);
  const out: Scalar[] = [];
  for (let i = from; i < to; i++) {
    const a = subject.trace.spans[i].annotations;
    if (a && Object.prototype.hasOwnProperty.call(a, key)) out.push(a[key]);
  }
  return out;
}

function compareNum(a: number, op: string, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return false;
  }
}

function compareStr(a: string, op: string, b: string): boolean {
  switch (op) {
    case '=':
      return a === b;
    case 'CONTAINS':
      return a.includes(b);
    case 'BEGINSWITH':
      return a.startsWith(b);
    case 'ENDSWITH':
      return a.endsWith(b);
    default:
      return false;
  }
}

/** `!=` means "no value equals", so a missing field also satisfies it, as in the console. */
function anyMatch<T>(values: T[], op: string, test: (v: T, op: string) => boolean): boolean {
  if (op === '!=') return !values.some((v) => test(v, '='));
  return values.some((v) => test(v, op));
}

function selects(sel: NodeSelector | undefined, nodeId: string, span: Span | undefined): boolean {
  if (!sel) return true;
  const { name, type } = splitNodeId(nodeId);
  if (sel.name !== undefined && sel.name !== name) return false;
  if (sel.type !== undefined && sel.type !== type) return false;
  if (sel.accountId !== undefined) {
    const acct = span?.aws?.account_id;
    if (acct !== sel.accountId) return false;
  }
  return true;
}

function evaluate(e: FilterExpr, subject: Subject): boolean {
  switch (e.k) {
    case 'and':
      return evaluate(e.a, subject) && evaluate(e.b, subject);
    case 'or':
      return evaluate(e.a, subject) || evaluate(e.b, subject);
    case 'not':
      return !evaluate(e.e, subject);
    case 'traceId':
      return subject.trace.id === e.id;
    case 'bool':
      return flag(subject, e.kw) === e.value;
    case 'num':
      return anyMatch(numbers(subject, e.kw), e.op, (v, op) => compareNum(v, op, e.value));
    case 'str': {
      const values = strings(subject, e.kw);
      if (e.op === undefined || e.value === undefined) return values.length > 0;
      const target = e.value;
      return anyMatch(values, e.op, (v, op) => compareStr(v, op, target));
    }
    case 'annotation': {
      const values = annotationValues(subject, e.key);
      // "The expression is true if the keyword is set. If the keyword is of boolean type, it will evaluate to
      // the boolean value."
      if (e.op === undefined || e.value === undefined) return values.some((v) => v !== false);
      const target = e.value;
      return anyMatch(values, e.op, (v, op) => {
        if (typeof target === 'number') return typeof v === 'number' && compareNum(v, op, target);
        if (typeof target === 'boolean') return typeof v === 'boolean' && (op === '=' ? v === target : false);
        return typeof v === 'string' && compareStr(v, op, target);
      });
    }
    case 'service': {
      const spans = subject.trace.spans;
      for (let i = 0; i < spans.length; i++) {
        if (!isServiceSpan(spans, i) || !selects(e.sel, spans[i].node, spans[i])) continue;
        if (!e.body || evaluate(e.body, { trace: subject.trace, span: i })) return true;
      }
      return false;
    }
    case 'edge': {
      const spans = subject.trace.spans;
      for (let i = 0; i < spans.length; i++) {
        if (!isServiceSpan(spans, i)) continue;
        const s = spans[i];
        const from = callerNodeOf(subject.trace, i);
        if (from === undefined || from === s.node) continue;
        const caller = s.parent >= 0 ? spans[spans[s.parent].segment] : undefined;
        if (!selects(e.from, from, caller) || !selects(e.to, s.node, s)) continue;
        if (!e.body || evaluate(e.body, { trace: subject.trace, span: i })) return true;
      }
      return false;
    }
  }
}

/** Evaluates a parsed expression against one trace (an absent expression matches everything). */
export function matchesFilter(expr: FilterExpr | undefined, trace: Trace): boolean {
  return expr === undefined ? true : evaluate(expr, { trace, span: -1 });
}

function summarySpan(name: string, type: string, kind: Span['kind'], parent: number, fields: Partial<Span>): Span {
  return {
    id: '',
    name,
    kind,
    synthetic: false,
    origin: type,
    namespace: '',
    start: 0,
    durationMs: 0,
    inProgress: false,
    error: false,
    fault: false,
    throttle: false,
    status: 'ok',
    http: NO_HTTP,
    exceptions: NO_EXCEPTIONS,
    parent,
    children: NO_CHILDREN,
    depth: parent < 0 ? 0 : 1,
    segment: 0,
    node: `${name}|${type}`,
    orphan: parent < 0 && kind === 'segment' && fields.orphan === true,
    cycle: false,
    skew: false,
    ...fields,
  };
}

/**
 * A GetTraceSummaries row as a small trace the filter reads like a loaded one: the entry point is the root
 * segment with the summary's HTTP fields, flags (`HasFault`, `HasError`, `HasThrottle`) and response time; every
 * other service of `ServiceIds` is a segment of its own; annotation values and users sit on extra spans. What a
 * summary cannot tell (which service called which, per-service status) stays unknown, so `edge()` matches no
 * summary and `service("x") { fault }` only the entry point's fault.
 */
export function summaryTrace(row: TraceSummaryRow): Trace {
  const entry = row.entryPoint ?? { name: '', type: '' };
  const http: HttpInfo = {};
  for (const [k, v] of Object.entries(row.http) as [keyof HttpInfo, string | number | undefined][])
    if (v !== undefined) (http as Record<string, unknown>)[k] = v;
  const spans: Span[] = [
    summarySpan(entry.name, entry.type, 'segment', -1, {
      durationMs: row.responseTimeMs ?? row.durationMs ?? 0,
      error: row.error,
      fault: row.fault,
      // HasThrottle is any segment's; a 429 at the root also sets HasError (the SDKs flag error + throttle).
      throttle: row.throttle && row.error,
      inProgress: row.partial,
      http: Object.keys(http).length > 0 ? http : NO_HTTP,
      ...(row.users[0] !== undefined ? { user: row.users[0] } : {}),
    }),
  ];
  for (const svc of row.services ?? []) {
    if (svc.name === entry.name && svc.type === entry.type) continue;
    spans.push(
      summarySpan(svc.name, svc.type, isInferredType(svc.type) ? 'inferred' : 'segment', -1, {
        orphan: true,
        segment: spans.length,
      }),
    );
  }
  for (const [key, values] of Object.entries(row.annotations)) {
    for (const value of values) spans.push(summarySpan('', '', 'subsegment', 0, { annotations: { [key]: value } }));
  }
  for (const user of row.users.slice(1)) spans.push(summarySpan('', '', 'subsegment', 0, { user }));
  return {
    id: row.id,
    start: row.start ?? 0,
    end: (row.start ?? 0) + (row.durationMs ?? 0) / 1000,
    durationMs: row.durationMs ?? 0,
    segments: 0,
    spans,
    roots: [0],
    root: 0,
    error: row.error,
    fault: row.fault,
    throttle: row.throttle,
    partial: row.partial,
    files: [],
    limitExceeded: false,
  };
}

/** Applies a parsed expression to GetTraceSummaries rows (see `summaryTrace` for what a summary can tell). */
export function matchesSummary(expr: FilterExpr | undefined, row: TraceSummaryRow): boolean {
  return expr === undefined ? true : evaluate(expr, { trace: summaryTrace(row), span: -1 });
}

/**
 * Parses and applies an expression to a list of traces; an invalid expression selects nothing and says why, so
 * no view keeps showing the result of an expression that is no longer there.
 */
export function filterTraces(text: string, traces: readonly Trace[]): { traces: Trace[]; error?: FilterError } {
  const parsed = parseFilter(text);
  if (!parsed.ok) return { traces: [], error: parsed.error };
  return { traces: traces.filter((t) => matchesFilter(parsed.expr, t)) };
}

/** The expression for "traces through this node", as the console builds it when a node is clicked. */
export function serviceFilterFor(name: string, type: string): string {
  return type ? `service(id(name: ${quote(name)}, type: ${quote(type)}))` : `service(${quote(name)})`;
}

/** The expression for "traces through this edge". */
export function edgeFilterFor(from: { name: string; type: string }, to: { name: string; type: string }): string {
  const sel = (n: { name: string; type: string }) =>
    n.type ? `id(name: ${quote(n.name)}, type: ${quote(n.type)})` : quote(n.name);
  return `edge(${sel(from)}, ${sel(to)})`;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// Autocomplete

/** One completion: what to show, what to insert, and a short hint. */
export interface FilterSuggestion {
  label: string;
  insert: string;
  detail: string;
}

/** What the loaded data offers for completion (service names, annotation keys). */
export interface FilterVocabulary {
  services?: readonly { name: string; type: string }[];
  annotationKeys?: readonly string[];
}

const KEYWORD_SUGGESTIONS: FilterSuggestion[] = [
  { label: 'service()', insert: 'service("")', detail: 'traces through a service' },
  { label: 'edge()', insert: 'edge("", "")', detail: 'traces through an edge' },
  { label: 'id()', insert: 'id(name: "", type: "")', detail: 'a node by name and type' },
  ...BOOL_KEYWORDS.map((k) => ({ label: k, insert: k, detail: 'boolean' })),
  ...NUMBER_KEYWORDS.map((k) => ({ label: k, insert: k, detail: k === 'http.status' ? 'number' : 'number (seconds)' })),
  ...STRING_KEYWORDS.map((k) => ({ label: k, insert: k, detail: 'string' })),
  { label: 'annotation.', insert: 'annotation.', detail: 'annotation by key' },
  { label: 'AND', insert: 'AND', detail: 'both' },
  { label: 'OR', insert: 'OR', detail: 'either' },
  { label: 'NOT', insert: 'NOT', detail: 'negation' },
  { label: 'CONTAINS', insert: 'CONTAINS', detail: 'string operator' },
  { label: 'BEGINSWITH', insert: 'BEGINSWITH', detail: 'string operator' },
  { label: 'ENDSWITH', insert: 'ENDSWITH', detail: 'string operator' },
];

/**
 * Suggestions for the word before `cursor`: keywords, functions and `annotation.<key>` for a word, service names
 * inside the quotes of `service("…` / `edge("…`. `from`..`cursor` is the range a chosen suggestion replaces.
 */
export function suggestFilter(
  text: string,
  cursor: number = text.length,
  vocab: FilterVocabulary = {},
): { from: number; items: FilterSuggestion[] } {
  const before = text.slice(0, cursor);
  // Inside an open string that follows service( / edge( / name:: suggest service names.
  let quotes = 0;
  let lastQuote = -1;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === '\\') {
      i++;
      continue;
    }
    if (before[i] === '"') {
      quotes++;
      lastQuote = i;
    }
  }
  if (quotes % 2 === 1) {
    const lead = before.slice(0, lastQuote).replace(/\s+$/, '');
    const prefix = before.slice(lastQuote + 1);
    if (/(service\(|edge\(|,|name:)$/i.test(lead)) {
      const wantType = /type:$/i.test(lead);
      const names = new Set<string>();
      for (const s of vocab.services ?? []) names.add(wantType ? s.type : s.name);
      const items = [...names]
        .filter((n) => n.toLowerCase().startsWith(prefix.toLowerCase()))
        .sort()
        .map((n) => ({ label: n, insert: n, detail: 'service' }));
      return { from: lastQuote + 1, items };
    }
    if (/type:$/i.test(lead)) {
      const types = new Set((vocab.services ?? []).map((s) => s.type).filter(Boolean));
      return {
        from: lastQuote + 1,
        items: [...types]
          .filter((n) => n.startsWith(prefix))
          .sort()
          .map((n) => ({ label: n, insert: n, detail: 'type' })),
      };
    }
    return { from: cursor, items: [] };
  }
  const m = /[A-Za-z_][A-Za-z0-9_.]*$/.exec(before);
  const word = m ? m[0] : '';
  const from = cursor - word.length;
  // Right after a value or a closing bracket nothing new can start without a space: no suggestions.
  if (word === '' && before.trim() !== '' && !/[\s({!,]$/.test(before)) return { from, items: [] };
  const lower = word.toLowerCase();
  const items: FilterSuggestion[] = [];
  if (lower.startsWith('annotation.')) {
    const keyPrefix = word.slice('annotation.'.length);
    for (const k of vocab.annotationKeys ?? []) {
      if (k.startsWith(keyPrefix))
        items.push({ label: `annotation.${k}`, insert: `annotation.${k}`, detail: 'annotation' });
    }
    return { from, items };
  }
  for (const s of KEYWORD_SUGGESTIONS) if (s.label.toLowerCase().startsWith(lower)) items.push(s);
  if (lower.length > 0 && 'annotation.'.startsWith(lower)) {
    for (const k of vocab.annotationKeys ?? [])
      items.push({ label: `annotation.${k}`, insert: `annotation.${k}`, detail: 'annotation' });
  }
  return { from, items };
}
