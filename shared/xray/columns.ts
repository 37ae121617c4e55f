/**
 * The spans of one trace while its tree is built, kept as columns (typed arrays for numbers and flags, plain
 * arrays for strings) instead of one object per span: a 100,000-span trace then costs a dozen arrays rather than
 * 100,000 short-lived records for the garbage collector, and the final `Span` of each is made once, in tree order.
 * A span's index here is its order of creation, which is also the tie-break of siblings that start together.
 */
import type { RawSegment } from './types.ts';
import { isObject, num, str } from './values.ts';

export const SEGMENT = 0;
export const SUBSEGMENT = 1;
export const INFERRED = 2;
export const KIND_NAMES = ['segment', 'subsegment', 'inferred'] as const;

export const IN_PROGRESS = 1;
export const HAS_SQL = 2;
export const SYNTHETIC = 4;
export const ORPHAN = 8;
export const CYCLE = 16;

/**
 * Repeated names, origins and node ids are stored once per load (they repeat on every span of a service); long
 * strings are rarely repeated and are kept as they are. Strings under 10 characters skip the map: V8's JSON.parse
 * already stores such values once (it internalises them), and the lookup cost 8 % of the tree build. Past
 * `MAX_INTERNED` different strings, new ones are returned as they are.
 */
export function intern(strings: Map<string, string>, s: string): string {
  if (s.length < 10 || s.length > 200) return s;
  const known = strings.get(s);
  if (known !== undefined) return known;
  // Past this many different strings the rest are mostly one-offs (a name per span): stop growing the map.
  if (strings.size < MAX_INTERNED) strings.set(s, s);
  return s;
}

const MAX_INTERNED = 8192;

export class SpanColumns {
  /** Spans so far. */
  n = 0;
  readonly raw: RawSegment[] = [];
  readonly id: string[] = [];
  readonly name: string[] = [];
  readonly origin: string[] = [];
  readonly namespace: string[] = [];
  kind = new Uint8Array(64);
  flags = new Uint8Array(64);
  /** Seconds; NaN when the document has no valid start. */
  start = new Float64Array(64);
  /** Seconds; NaN when absent or in progress. */
  end = new Float64Array(64);
  /** Index of the parent span, -1 for a root. */
  parent = new Int32Array(64);
  /** Index of the document a top span was read from, -1 for nested and inferred spans. */
  doc = new Int32Array(64);

  private readonly strings: Map<string, string>;

  constructor(strings: Map<string, string>) {
    this.strings = strings;
  }

  /** Appends the span read from `raw` (kind from the document's `inferred` flag, else `kind`); returns its index. */
  add(raw: RawSegment, kind: number, parent: number): number {
    const i = this.n++;
    if (i === this.kind.length) this.grow();
    const inProgress = raw.in_progress === true;
    const strings = this.strings;
    this.raw.push(raw);
    this.id.push(str(raw.id) ?? '');
    this.name.push(intern(strings, str(raw.name) ?? ''));
    this.origin.push(intern(strings, str(raw.origin) ?? ''));
    this.namespace.push(intern(strings, str(raw.namespace) ?? ''));
    this.kind[i] = raw.inferred === true ? INFERRED : kind;
    this.flags[i] = (inProgress ? IN_PROGRESS : 0) | (isObject(raw.sql) ? HAS_SQL : 0);
    this.start[i] = num(raw.start_time) ?? NaN;
    this.end[i] = inProgress ? NaN : (num(raw.end_time) ?? NaN);
    this.parent[i] = parent;
    this.doc[i] = -1;
    return i;
  }

  has(i: number, flag: number): boolean {
    return (this.flags[i] & flag) !== 0;
  }

  /** The `aws` object of the document span `i` was read from. */
  aws(i: number): Record<string, unknown> | undefined {
    const aws = this.raw[i].aws;
    return isObject(aws) ? aws : undefined;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const wider = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.kind = wider(this.kind, (n) => new Uint8Array(n));
    this.flags = wider(this.flags, (n) => new Uint8Array(n));
    this.start = wider(this.start, (n) => new Float64Array(n));
    this.end = wider(this.end, (n) => new Float64Array(n));
    this.parent = wider(this.parent, (n) => new Int32Array(n));
    this.doc = wider(this.doc, (n) => new Int32Array(n));
  }
}

/**
 * Children lists of every span as one array (compressed sparse rows): the children of span `p` are
 * `list[offset[p]]` to `list[offset[p + 1] - 1]`, in index order, sorted later by start time.
 */
export interface ChildLists {
  offset: Int32Array;
  list: Int32Array;
}

export function childLists(cols: SpanColumns): ChildLists {
  const n = cols.n;
  const parent = cols.parent;
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) offset[parent[i] + 1]++;
  for (let i = 0; i < n; i++) offset[i + 1] += offset[i];
  const list = new Int32Array(offset[n]);
  const next = offset.slice(0, n);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) list[next[parent[i]]++] = i;
  return { offset, list };
}
