/**
 * JSON pointer ↔ source range for one definition's text. Two of the checkers (asl-validator, our own rules) see
 * only the parsed object and name places by pointer (`/States/Foo/Next`); the editor and the CLI need line and
 * column. The `yaml` package parses JSON and YAML alike and keeps the offsets of every node, so one walk of its
 * tree gives both directions: pointer → range, and offset → the deepest pointer containing it.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { yamlKeyName } from './parse-yaml.ts';
import type { SourceSpan } from './types.ts';

/** One node of the definition: its pointer, the span of its value, and of its key when it is an object member. */
export interface PointerEntry {
  pointer: string;
  value: SourceSpan;
  key?: SourceSpan;
}

/** Lookups over the nodes of one text (offsets are 0-based into that text). */
export interface SourceMap {
  /** The span of the value at `pointer`, or of its nearest existing ancestor. */
  rangeOf(pointer: string, preferKey?: boolean): SourceSpan | undefined;
  /** True when `pointer` itself is in the map (not only an ancestor). */
  has(pointer: string): boolean;
  /** The deepest pointer whose value (or key) contains `offset`. */
  pointerAt(offset: number): string | undefined;
}

/** Escapes one segment the JSON-pointer way (RFC 6901), so state names with `/` or `~` stay addressable. */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a pointer into its unescaped segments; the root (`''`) has none. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins segments into a pointer. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + escapePointerSegment(String(s))).join('');
}

/**
 * Replaces `//` and `/* *\/` comments outside strings with spaces (same length, so offsets still match), for JSON
 * files that carry comments: YAML would otherwise read `//` as text.
 */
export function blankJsonComments(text: string): string {
  if (!text.includes('/')) return text;
  const out = text.split('');
  let inString: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === inString) inString = null;
      continue;
    }
    if (c === '"' || c === "'") {
      inString = c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i++) if (out[i] !== '\n') out[i] = ' ';
      i--;
    }
  }
  return out.join('');
}

function spanOf(node: YamlNode | null | undefined): SourceSpan | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { start: r[0], end: r[1] };
}

/** Builds the map from an already parsed YAML/JSON node, prefixing pointers with `base` offsets shift none. */
function collect(node: unknown, pointer: string, entries: PointerEntry[], key?: SourceSpan): void {
  const value = spanOf(node as YamlNode);
  if (value) entries.push(key ? { pointer, value, key } : { pointer, value });
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key;
      const name = isScalar(k) ? yamlKeyName(k) : String(k);
      const keySpan = spanOf(k as YamlNode);
      const child = pointer + '/' + escapePointerSegment(name);
      if (pair.value == null) {
        // `key:` with nothing after it: the value is null and sits just after the colon.
        if (keySpan)
          entries.push({ pointer: child, value: { start: keySpan.start, end: keySpan.end + 2 }, key: keySpan });
        continue;
      }
      collect(pair.value, child, entries, keySpan);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collect(item, `${pointer}/${i}`, entries));
  }
}

function build(entries: PointerEntry[]): SourceMap {
  const byPointer = new Map<string, PointerEntry>();
  for (const e of entries) if (!byPointer.has(e.pointer)) byPointer.set(e.pointer, e);
  let byStart: { e: PointerEntry; start: number }[] | undefined;
  return {
    has: (pointer) => byPointer.has(pointer),
    rangeOf(pointer, preferKey = false) {
      let p = pointer;
      for (;;) {
        const e = byPointer.get(p);
        if (e) return (preferKey && e.key) || e.value;
        if (p === '') return undefined;
        p = p.slice(0, p.lastIndexOf('/'));
      }
    },
    pointerAt(offset) {
      // Ranges nest, so the deepest one holding `offset` is the holder that starts last: walk back from the last
      // entry starting at or before it (sorted once), stopping at the first that still covers it.
      const sorted = (byStart ??= entries
        .map((e) => ({ e, start: e.key ? Math.min(e.key.start, e.value.start) : e.value.start }))
        .sort((a, b) => a.start - b.start || b.e.value.end - a.e.value.end));
      let lo = 0;
      let hi = sorted.length - 1;
      let last = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]!.start <= offset) {
          last = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      for (let i = last; i >= 0; i--) {
        const { e, start } = sorted[i]!;
        const end = e.value.end;
        const inside = offset < Math.max(end, start + 1) || (e.value.start === e.value.end && offset === end);
        if (inside) return e.pointer;
      }
      return undefined;
    },
  };
}

/**
 * A map built on first use: most definitions have no findings, and parsing a large text for positions costs
 * more than all our rules together.
 */
export function lazySourceMap(build: () => SourceMap | undefined): SourceMap | undefined {
  let map: SourceMap | undefined;
  let built = false;
  const get = (): SourceMap | undefined => {
    if (!built) {
      map = build();
      built = true;
    }
    return map;
  };
  return {
    has: (pointer) => get()?.has(pointer) ?? false,
    rangeOf: (pointer, preferKey) => get()?.rangeOf(pointer, preferKey),
    pointerAt: (offset) => get()?.pointerAt(offset),
  };
}

/** Maps the whole of `text` (a JSON or YAML document whose root is the definition). Never throws. */
export function sourceMapOf(text: string, json: boolean): SourceMap {
  const entries: PointerEntry[] = [];
  try {
    let doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
    if (json && doc.errors.length > 0) {
      doc = parseDocument(blankJsonComments(text), { uniqueKeys: false });
    }
    collect(doc.contents, '', entries);
  } catch {
    // An unparseable text simply has no map: callers fall back to state spans.
  }
  return build(entries);
}

/**
 * Maps a definition that sits inside a larger document (a template's `Definition:`), found as the node whose
 * value starts at `span.start`. Returns undefined when the definition is not an object there (a DefinitionString).
 */
export function sourceMapWithin(text: string, span: SourceSpan, json: boolean): SourceMap | undefined {
  try {
    let doc = parseDocument(text, { uniqueKeys: false });
    if (json && doc.errors.length > 0) doc = parseDocument(blankJsonComments(text), { uniqueKeys: false });
    let found: unknown;
    const visit = (node: unknown, depth: number): void => {
      if (found || depth > 64) return;
      const r = (node as YamlNode | null)?.range;
      if (isMap(node) && r && r[0] === span.start) {
        found = node;
        return;
      }
      if (r && (r[1] < span.start || r[0] > span.end)) return;
      if (isMap(node)) for (const pair of node.items) if (isPair(pair)) visit(pair.value, depth + 1);
      if (isSeq(node)) for (const item of node.items) visit(item, depth + 1);
    };
    visit(doc.contents, 0);
    if (!found) return undefined;
    const entries: PointerEntry[] = [];
    collect(found, '', entries);
    return build(entries);
  } catch {
    return undefined;
  }
}

/** 0-based offset → 1-based line/column, indexed once per text (diagnostics can be many on a large file). */
export function lineColumnIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  };
}
