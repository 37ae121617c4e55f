/**
 * The spans of one trace while its tree is built, kept as columns (typed arrays for numbers and flags, plain
 * arrays for strings) instead of one object per span: a 100,000-span trace then costs a dozen arrays rather than
 * 100,000 short-lived records for the garbage collector. Everything a span shows is read from its document when
 * the span is added, so the parsed document is garbage as soon as it is flattened (the tree build parses one
 * document at a time). A span's index here is its order of creation (documents in turn, each in preorder), which is
 * also the tie-break of siblings that start together.
 */
import { normalizeTraceId } from './ids.ts';
import { annotationsOf, exceptionsOf, httpOf, NO_EXCEPTIONS } from './span-fields.ts';
import { inferredIdentity, resourceOf } from './identity.ts';
import { Flag } from './span-flags.ts';
import { idOf, putHexId, type IdColumns } from './span-ids.ts';
import type { RareFields } from './span-table.ts';
import type { SegmentFields } from './segment-read.ts';
import type { HttpInfo } from './types.ts';
import { isObject, num, str } from './values.ts';

export const SEGMENT = 0;
export const SUBSEGMENT = 1;
export const INFERRED = 2;
export const KIND_NAMES = ['segment', 'subsegment', 'inferred'] as const;

/** The strings one load stores once (see `intern`), and how often asking for them paid off. */
export class StringTable {
  readonly map = new Map<string, string>();
  /**
   * The string `intern` last returned for each slot of (length, last character): a string equal to it is answered
   * without hashing it for the map (see `intern`).
   */
  readonly recent: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS);
  lookups = 0;
  hits = 0;
  /** Lookups the map answered (the others were answered by `recent`): a guard counts them. */
  mapLookups = 0;
}

const RECENT_SLOTS = 256;

/**
 * Repeated names, origins and node ids are stored once per load (they repeat on every span of a service); long
 * strings are rarely repeated and are kept as they are. Strings under 10 characters skip the map: V8's JSON.parse
 * already stores such values once (it internalises them), and the lookup cost 8 % of the tree build. Past
 * `MAX_INTERNED` different strings, new ones are returned as they are; and once `GIVE_UP_AFTER` lookups found
 * under one in eight, the names are mostly one-offs (a name per span) and the table is no longer asked (the
 * lookups of a 100,000-span trace of one-off names were 6 % of its load).
 */
export function intern(table: StringTable, s: string): string {
  const length = s.length;
  if (length < 10 || length > 200) return s;
  if (table.lookups >= GIVE_UP_AFTER && table.hits * 8 < table.lookups) return s;
  table.lookups++;
  // Each string JSON.parse makes is a new one whose hash the map must compute (every character) before it can
  // look; the node names and resources of calls (a queue's URL, a topic's ARN) come again and again, so the last
  // string of the same length and last character is compared first (equal strings: a byte comparison, no hash).
  // On the benchmark's 100,000-span trace that answers all but 2 of the 20,606 look-ups of node names and resources.
  const slot = (length * 31 + s.charCodeAt(length - 1)) & (RECENT_SLOTS - 1);
  const recent = table.recent[slot];
  if (recent === s) {
    table.hits++;
    return recent;
  }
  table.mapLookups++;
  let known = table.map.get(s);
  if (known !== undefined) table.hits++;
  else {
    known = s;
    if (table.map.size < MAX_INTERNED) table.map.set(s, s);
  }
  table.recent[slot] = known;
  return known;
}

const GIVE_UP_AFTER = 16_384;
const MAX_INTERNED = 8192;

export class SpanColumns {
  /** Spans so far. */
  n = 0;
  /**
   * Ids as two words each, or as text (span-ids.ts). `text` is made at the first id that is not hexadecimal (most
   * loads have none) and then holds undefined for every word-stored id.
   */
  readonly ids: IdColumns = { words: new Int32Array(128), text: undefined };
  name: string[] = [];
  origin: string[] = [];
  namespace: string[] = [];
  kind = new Uint8Array(64);
  /** `Flag` bits (span-flags.ts). */
  flags = new Uint16Array(64);
  /** Seconds; NaN when the document has no valid start. */
  start = new Float64Array(64);
  /** Seconds; NaN when absent or in progress. */
  end = new Float64Array(64);
  /** Index of the parent span, -1 for a root. */
  parent = new Int32Array(64);
  /**
   * Where the span's document object lies: `top` is the index of its document's top span, `ord` its place in
   * that document in the order span-docs.ts reads it (0 for the top; set by tree.ts `readOrdinals` once the
   * document is read, as spans are made in another order). An added inferred node has its call's.
   */
  top = new Int32Array(64);
  ord = new Int32Array(64);
  /** For an added inferred node (`Flag.SYNTHETIC`), the index of the call it stands for; stale for other spans. */
  call = new Int32Array(64);
  http: Readonly<HttpInfo>[] = [];
  /**
   * The `aws` object, only for a document held without its text: one with its text (`Flag.AWS_IN_TEXT`) is read
   * again from it when asked for (span-docs.ts), so the load keeps no aws object per span. Made at the first span
   * that keeps one (a load of BatchGetTraces output never does), then written for every span.
   */
  aws: (Record<string, unknown> | undefined)[] | undefined = undefined;
  /**
   * The map node (name and type) of a call that may need an inferred node, or of an inferred document, worked
   * out while its `aws` object is at hand; '' for other spans.
   */
  nodeName: string[] = [];
  nodeType: string[] = [];
  /** The resource (table, bucket, queue, topic, function) of a call or inferred document (`resourceOf`). */
  resource: (string | undefined)[] = [];
  rare: (RareFields | undefined)[] = [];

  /** How many times the typed columns were made anew (`reserve`, `grow`): a guard counts them. */
  resizes = 0;

  /**
   * Spans read since `reset` that are calls which may need an inferred node (`identify`): each adds at most one
   * span to the trace once it is read (tree.ts `addInferred`).
   */
  calls = 0;

  private readonly strings: StringTable;
  private readonly nodeStrings = new StringTable();

  constructor(strings: StringTable) {
    this.strings = strings;
  }

  /**
   * Empties the columns for the next trace of a load, keeping their storage: one set of columns serves every
   * trace (entries past `n` are stale and never read), so a file of 1,000 small traces does not allocate a dozen
   * buffers per trace.
   */
  reset(): void {
    this.n = 0;
    this.calls = 0;
  }

  /**
   * Starts new columns of strings and objects for the next trace: the last trace's table took these over
   * (span-record.ts `ADOPT_MIN_SPANS`).
   */
  detachObjects(): void {
    this.name = [];
    this.origin = [];
    this.namespace = [];
    this.http = [];
    this.aws = undefined;
    this.nodeName = [];
    this.resource = [];
    this.rare = [];
  }

  /**
   * Makes room in the typed columns for `spans` spans before a trace is read (call it after `reset`), so that a big
   * trace's columns are made once at their size instead of grown by doubling, every doubling a copy and the garbage
   * of the last (on 100,000 spans, a fifth of what the build allocated). A bound from the text: more spans than
   * this still fit (the columns grow); room not filled costs nothing, as typed arrays' pages are not touched until
   * written. The columns of strings and objects are sized apart (`reserveObjects`).
   */
  reserve(spans: number): void {
    if (spans <= this.kind.length) return;
    // At least twice the room (as `grow`), so traces of a load that each need a little more do not each resize.
    this.resize(Math.max(spans, 2 * this.kind.length));
  }

  /**
   * Makes room in the columns of strings and objects for `spans` spans. Unlike a typed array's, every slot of one
   * of these is written when it is made (a hole), so their room is sized from an estimate of the trace's spans
   * rather than the text's bound (tree.ts `buildTraceFrom`): at the bound, the X-Ray developer guide's documents
   * (430 bytes of text a span) made them four times the size they needed. Spans past the room still fit: the
   * arrays grow as spans are appended.
   */
  reserveObjects(spans: number): void {
    if (spans <= this.name.length) return;
    const n = this.n;
    const room = <T>(a: T[]): T[] => {
      const b = new Array<T>(spans);
      for (let i = 0; i < n; i++) b[i] = a[i];
      return b;
    };
    if (this.ids.text !== undefined) this.ids.text = room(this.ids.text);
    this.name = room(this.name);
    this.origin = room(this.origin);
    this.namespace = room(this.namespace);
    this.http = room(this.http);
    if (this.aws !== undefined) this.aws = room(this.aws);
    this.nodeName = room(this.nodeName);
    this.nodeType = room(this.nodeType);
    this.resource = room(this.resource);
    this.rare = room(this.rare);
  }

  /**
   * Appends the span whose fields `raw` holds (segment-read.ts; kind from the document's `inferred` flag, else
   * `kind`); returns its index.
   * `top` is the index of its document's top span (-1: this span is the top); `inText` says the document's own
   * text is kept (its `aws` object is then not).
   */
  add(raw: SegmentFields, kind: number, parent: number, top: number, inText: boolean): number {
    const i = this.n++;
    if (i === this.kind.length) this.grow();
    const inProgress = raw.in_progress === true;
    const strings = this.strings;
    this.setId(i, str(raw.id) ?? '');
    this.name[i] = intern(strings, str(raw.name) ?? '');
    this.origin[i] = intern(strings, str(raw.origin) ?? '');
    this.namespace[i] = intern(strings, str(raw.namespace) ?? '');
    const k = raw.inferred === true ? INFERRED : kind;
    this.kind[i] = k;
    const hasSql = isObject(raw.sql);
    const http = httpOf(raw.http);
    const aws = isObject(raw.aws) ? raw.aws : undefined;
    this.flags[i] =
      (inProgress ? Flag.IN_PROGRESS : 0) |
      (hasSql ? Flag.HAS_SQL : 0) |
      (inText && aws !== undefined ? Flag.AWS_IN_TEXT : 0) |
      outcomeFlags(raw, http.status);
    this.start[i] = num(raw.start_time) ?? NaN;
    this.end[i] = inProgress ? NaN : (num(raw.end_time) ?? NaN);
    this.parent[i] = parent;
    this.top[i] = top < 0 ? i : top;
    this.ord[i] = top < 0 ? 0 : i - top;
    this.http[i] = http;
    const kept = inText ? undefined : aws;
    if (kept !== undefined || this.aws !== undefined) (this.aws ??= new Array(this.name.length))[i] = kept;
    this.identify(i, k, hasSql, aws);
    this.rare[i] = rareFields(raw, hasSql);
    return i;
  }

  /**
   * The map node and resource of a call that may need an inferred node (a subsegment in the `aws` or `remote`
   * namespace, or with `sql`) and of an inferred document, from its `aws` object while it is at hand.
   */
  private identify(i: number, kind: number, hasSql: boolean, aws: Record<string, unknown> | undefined): void {
    const namespace = this.namespace[i];
    let idn: { name: string; type: string } | undefined;
    if (kind === INFERRED) idn = inferredIdentity(this.name[i], '', aws, false, this.origin[i]);
    else if (kind === SUBSEGMENT && (namespace === 'aws' || namespace === 'remote' || hasSql))
      idn = inferredIdentity(this.name[i], namespace, aws, hasSql);
    if (!idn) {
      this.nodeName[i] = '';
      this.nodeType[i] = '';
      this.resource[i] = undefined;
      return;
    }
    if (kind !== INFERRED) this.calls++;
    // Node names and resources repeat on every call to a resource: stored once, in a table of their own (the
    // names table stops asking when span names are one-offs, see `intern`). A type is one string per type already
    // (a literal, an interned origin, or identity.ts's one `AWS::<service>` per service).
    const name = intern(this.nodeStrings, idn.name);
    this.nodeName[i] = name;
    this.nodeType[i] = idn.type;
    const resource = resourceOf(aws);
    // Most calls' resource is the node's name (a table, a queue): the same string, no second look-up.
    this.resource[i] =
      resource === idn.name ? name : resource === undefined ? undefined : intern(this.nodeStrings, resource);
  }

  /**
   * Appends the inferred node of the call `call`, which X-Ray did not send: it shows the call's outcome, HTTP and
   * `aws` fields, as it did when it was read from the call's document (not its exceptions, annotations, metadata
   * or links, which belong to the call). Only its numbers, name and origin are stored: its other fields are its
   * call's, written once the trace is read (`fillAddedNodes`), so each of the (often most numerous) added nodes
   * costs no stores of objects while documents are read.
   */
  addSynthetic(call: number, name: string, origin: string): number {
    const i = this.n++;
    if (i === this.kind.length) this.grow();
    // Its id is `inferred:` + the call's id (`Flag.INFERRED_ID`): the call's words or text, no string of its own.
    const { words, text } = this.ids;
    words[2 * i] = words[2 * call];
    words[2 * i + 1] = words[2 * call + 1];
    if (text !== undefined) text[i] = text[call];
    this.name[i] = name;
    this.origin[i] = origin;
    this.kind[i] = INFERRED;
    const inherited = Flag.IN_PROGRESS | Flag.HAS_SQL | Flag.ERROR | Flag.FAULT | Flag.THROTTLE | Flag.AWS_IN_TEXT;
    this.flags[i] = (this.flags[call] & inherited) | Flag.SYNTHETIC | Flag.INFERRED_ID;
    this.start[i] = this.start[call];
    this.end[i] = this.end[call];
    this.parent[i] = call;
    this.top[i] = this.top[call];
    this.ord[i] = this.ord[call];
    this.call[i] = call;
    return i;
  }

  /**
   * Writes each added node's `http`, `aws`, resource and rare fields (its call's, `syntheticRare` of the rare ones)
   * and its namespace (none) at its own index, once the trace is read: the trace's table (span-record.ts), copied
   * or reordered, then reads every span's fields at its own index. A call is never an added node, so every read
   * here is of a call's own fields.
   */
  fillAddedNodes(): void {
    const { http, aws, resource, rare, namespace } = this;
    for (let i = 0; i < this.n; i++) {
      if (!this.has(i, Flag.SYNTHETIC)) continue;
      const call = this.call[i];
      namespace[i] = '';
      http[i] = http[call];
      if (aws !== undefined) aws[i] = aws[call];
      resource[i] = resource[call];
      const r = rare[call];
      rare[i] = r === undefined ? undefined : syntheticRare(r);
    }
  }

  has(i: number, flag: number): boolean {
    return (this.flags[i] & flag) !== 0;
  }

  /** Span `i`'s id (made from its words: for diagnostics, not for every span). */
  idOf(i: number): string {
    return idOf(this.ids, this.flags, i);
  }

  private setId(i: number, id: string): void {
    const { words, text } = this.ids;
    if (!putHexId(words, i, id)) (this.ids.text ??= new Array(this.name.length))[i] = id;
    else if (text !== undefined) text[i] = undefined;
  }

  private grow(): void {
    this.resize(this.kind.length * 2);
  }

  /** The typed columns with room for `size` spans, the first `n` kept. */
  private resize(size: number): void {
    this.resizes++;
    const wider = <T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.kind = wider(this.kind, (n) => new Uint8Array(n));
    this.flags = wider(this.flags, (n) => new Uint16Array(n));
    this.start = wider(this.start, (n) => new Float64Array(n));
    this.end = wider(this.end, (n) => new Float64Array(n));
    this.parent = wider(this.parent, (n) => new Int32Array(n));
    this.top = wider(this.top, (n) => new Int32Array(n));
    this.ord = wider(this.ord, (n) => new Int32Array(n));
    this.call = wider(this.call, (n) => new Int32Array(n));
    const words = new Int32Array(size * 2);
    words.set(this.ids.words);
    this.ids.words = words;
  }
}

/** The rare fields an added inferred node shows of its call's (see `addSynthetic`); undefined when none. */
export function syntheticRare(r: RareFields): RareFields | undefined {
  const rare: RareFields = {};
  if (r.sql !== undefined) rare.sql = r.sql;
  if (r.causeRef !== undefined) rare.causeRef = r.causeRef;
  if (r.user !== undefined) rare.user = r.user;
  if (r.resourceArn !== undefined) rare.resourceArn = r.resourceArn;
  return (rare.sql ?? rare.causeRef ?? rare.user ?? rare.resourceArn) !== undefined ? rare : undefined;
}

/**
 * The outcome flags of a span. The document's own flags are what the SDK decided; the status code fills in only
 * when it recorded none (the SDKs set error for 4xx, error + throttle for 429, fault for 5xx: aws-xray-sdk-node
 * http_p.js / utils getCauseTypeFromHttpStatus), so a 404 the SDK recorded as a fault is a fault, not also an error.
 */
function outcomeFlags(raw: SegmentFields, status: number | undefined): number {
  const flagged = typeof raw.error === 'boolean' || typeof raw.fault === 'boolean' || typeof raw.throttle === 'boolean';
  const fault = flagged ? raw.fault === true : status !== undefined && status >= 500 && status < 600;
  const throttle = flagged ? raw.throttle === true : status === 429;
  const error = flagged ? raw.error === true : status !== undefined && status >= 400 && status < 500;
  return (error ? Flag.ERROR : 0) | (fault ? Flag.FAULT : 0) | (throttle ? Flag.THROTTLE : 0);
}

/** The fields few spans have (see `RareFields`), read from a document's span; undefined when it has none. */
function rareFields(raw: SegmentFields, hasSql: boolean): RareFields | undefined {
  let rare: RareFields | undefined;
  const exceptions = exceptionsOf(raw.cause);
  if (exceptions !== NO_EXCEPTIONS) (rare ??= {}).exceptions = exceptions;
  if (hasSql) (rare ??= {}).sql = raw.sql as Record<string, unknown>;
  const annotations = annotationsOf(raw.annotations);
  if (annotations) (rare ??= {}).annotations = annotations;
  if (isObject(raw.metadata)) (rare ??= {}).metadata = raw.metadata;
  if (typeof raw.cause === 'string') (rare ??= {}).causeRef = raw.cause;
  const user = str(raw.user);
  if (user !== undefined) (rare ??= {}).user = user;
  const resourceArn = str(raw.resource_arn);
  if (resourceArn !== undefined) (rare ??= {}).resourceArn = resourceArn;
  if (Array.isArray(raw.links)) {
    const links: { traceId: string; id: string }[] = [];
    for (const l of raw.links) {
      if (!isObject(l)) continue;
      const traceId = str(l.trace_id);
      const id = str(l.id);
      if (traceId && id) links.push({ traceId: normalizeTraceId(traceId), id });
    }
    if (links.length > 0) (rare ??= {}).links = links;
  }
  return rare;
}

/**
 * Children lists of every span as one array (compressed sparse rows): the children of span `p` are
 * `list[offset[p]]` to `list[offset[p + 1] - 1]`, in index order, sorted later by start time. The arrays may be
 * longer than needed (`reuse`): only the first `n + 1` offsets and `links` entries are meaningful.
 */
export interface ChildLists {
  offset: Int32Array;
  list: Int32Array;
  /** Parent → child links: the used length of `list`. */
  links: number;
  /** Scratch space of `childLists`. */
  next: Int32Array;
}

/**
 * The child lists of the spans in `cols`, in `reuse`'s arrays when they are long enough (the tree build passes
 * the same lists for every trace of a load: in the browser, making typed arrays for each of 1,000 small traces
 * cost more than filling them).
 */
export function childLists(cols: SpanColumns, reuse?: ChildLists): ChildLists {
  const n = cols.n;
  const parent = cols.parent;
  const out = reuse ?? { offset: EMPTY, list: EMPTY, links: 0, next: EMPTY };
  if (out.offset.length < n + 1) {
    out.offset = new Int32Array(Math.max(n + 1, 2 * out.offset.length));
    out.next = new Int32Array(out.offset.length);
  }
  const { offset, next } = out;
  offset.fill(0, 0, n + 1);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) offset[parent[i] + 1]++;
  for (let i = 0; i < n; i++) offset[i + 1] += offset[i];
  const links = offset[n];
  if (out.list.length < links) out.list = new Int32Array(Math.max(links, 2 * out.list.length));
  const list = out.list;
  next.set(offset.subarray(0, n));
  for (let i = 0; i < n; i++) if (parent[i] >= 0) list[next[parent[i]]++] = i;
  out.links = links;
  return out;
}

const EMPTY = new Int32Array(0);
