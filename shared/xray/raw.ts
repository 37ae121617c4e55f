/**
 * The raw document behind a span, for the Raw JSON view: spans keep only their document's text (on the
 * document's top span), and the object is parsed again on demand, because parsed documents are several times
 * larger than their text.
 */
import { Flag } from './span-flags.ts';
import { spanIdAt, spanTable } from './span-table.ts';
import type { RawSegment, Trace } from './types.ts';
import { isObject, num, str } from './values.ts';

/** What identifies a span inside its document. */
interface SpanKey {
  id: string;
  name: string;
  start: number;
}

function matchesSpan(v: Record<string, unknown>, span: SpanKey): boolean {
  const id = str(v.id) ?? '';
  if (id !== span.id) return false;
  // Documents without ids (broken data) are told apart by name and start time.
  return id !== '' || ((str(v.name) ?? '') === span.name && num(v.start_time) === span.start);
}

/** The object with the span's id inside one parsed document (iteratively: nesting depth is unbounded). */
function findInDocument(doc: Record<string, unknown>, span: SpanKey): RawSegment | undefined {
  const stack: Record<string, unknown>[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (matchesSpan(v, span)) return v as RawSegment;
    if (Array.isArray(v.subsegments)) {
      for (let k = v.subsegments.length - 1; k >= 0; k--) {
        const sub: unknown = v.subsegments[k];
        if (isObject(sub)) stack.push(sub);
      }
    }
  }
  return undefined;
}

function parseDocument(json: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(json);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The raw segment or subsegment object a span was read from, parsed on demand for the Raw JSON view (spans keep
 * only their document's text, on the document's top span, because the parsed documents are several times
 * larger). An inferred span made from a call gives the calling subsegment, as X-Ray's console does. Undefined
 * when the document is not available (a document too deeply nested to store as text).
 */
export function rawSegment(trace: Trace, index: number): RawSegment | undefined {
  // Read from the trace's columns: showing one span's document makes no record of the others.
  const t = spanTable(trace);
  if (index < 0 || index >= t.n) return undefined;
  const rawJson = (k: number) => t.rare[k]?.rawJson;
  // An inferred node made from a call shows the calling subsegment (its parent).
  let j = t.flags[index] & Flag.SYNTHETIC && t.parent[index] >= 0 ? t.parent[index] : index;
  const span: SpanKey = { id: spanIdAt(t, j), name: t.name[j], start: t.start[j] };
  // The document's top is up the parent links unless a broken parent cycle was cut inside the document.
  while (j >= 0 && rawJson(j) === undefined) j = t.parent[j];
  if (j >= 0) {
    const doc = parseDocument(rawJson(j)!);
    const found = doc && findInDocument(doc, span);
    if (found) return found;
  }
  for (let k = 0; k < t.n; k++) {
    const json = rawJson(k);
    if (json === undefined || (span.id !== '' && !json.includes(span.id))) continue;
    const doc = parseDocument(json);
    const found = doc && findInDocument(doc, span);
    if (found) return found;
  }
  return undefined;
}

/**
 * The raw JSON text of a span's segment or subsegment document (see `rawSegment`): the stored text itself for a
 * document's top span, re-serialised from its document otherwise; `indent` pretty-prints. Undefined when not
 * available (see `rawSegment`) or too deeply nested to serialise.
 */
export function rawSegmentJson(trace: Trace, index: number, indent?: number): string | undefined {
  const t = spanTable(trace);
  if (index < 0 || index >= t.n) return undefined;
  const own = t.rare[index]?.rawJson;
  if (own !== undefined && indent === undefined) return own;
  const raw = rawSegment(trace, index);
  if (raw === undefined) return undefined;
  try {
    return JSON.stringify(raw, null, indent);
  } catch {
    return undefined;
  }
}
