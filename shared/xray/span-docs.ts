/**
 * The `aws` objects of spans read again from their documents' text. A document the input held as text
 * (BatchGetTraces' `Document` strings, a JSON line) keeps that text for the Raw JSON view; its spans' `aws`
 * objects are not kept besides (`Flag.AWS_IN_TEXT`): the load would otherwise keep one object per call, which the
 * garbage collector copies between generations while the load runs. What the map and the tree need of them (node,
 * resource) is worked out when the document is read (columns.ts); a record, a filter on `aws` fields or a search
 * reads them here, parsing each document of the trace once.
 */
import { Flag } from './span-flags.ts';
import type { SpanTable } from './span-table.ts';
import type { RawSegment } from './types.ts';
import { isObject } from './values.ts';

/**
 * The objects of a parsed document in the order the tree build met them (columns.ts `add`, tree.ts
 * `flattenDocument`): the top, then, from the last object taken, each of its subsegment objects in order.
 */
function documentObjects(json: string | undefined): RawSegment[] {
  if (json === undefined) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return [];
  }
  if (!isObject(doc)) return [];
  const out: RawSegment[] = [doc as RawSegment];
  const stack: RawSegment[] = [doc as RawSegment];
  while (stack.length > 0) {
    const subs = stack.pop()!.subsegments;
    if (!Array.isArray(subs)) continue;
    for (const sub of subs) {
      if (!isObject(sub)) continue;
      out.push(sub as RawSegment);
      stack.push(sub as RawSegment);
    }
  }
  return out;
}

function awsOf(raw: RawSegment | undefined): Record<string, unknown> | undefined {
  const aws = raw?.aws;
  return isObject(aws) ? aws : undefined;
}

/** Span `k`'s `aws` object (its call's, for an added inferred node); undefined when it has none. */
export function awsAt(t: SpanTable, k: number): Record<string, unknown> | undefined {
  if ((t.flags[k] & Flag.AWS_IN_TEXT) === 0) return t.aws[k];
  return awsOf(documentObjects(t.rare[t.docTop[k]]?.rawJson)[t.ordinal[k]]);
}

/** Every span's `aws` object, in span order, each document parsed once; kept with the table once made. */
export function awsColumn(t: SpanTable): readonly (Record<string, unknown> | undefined)[] {
  const known = columns.get(t);
  if (known) return known;
  // A table without aws objects has the shared empty column (span-table.ts `NO_AWS`): the list still has n entries.
  const out = t.aws.length === t.n ? t.aws.slice() : new Array<Record<string, unknown> | undefined>(t.n);
  const docs = new Map<number, RawSegment[]>();
  for (let k = 0; k < t.n; k++) {
    if ((t.flags[k] & Flag.AWS_IN_TEXT) === 0) continue;
    const top = t.docTop[k];
    let objects = docs.get(top);
    if (!objects) docs.set(top, (objects = documentObjects(t.rare[top]?.rawJson)));
    out[k] = awsOf(objects[t.ordinal[k]]);
  }
  columns.set(t, out);
  return out;
}

const columns = new WeakMap<SpanTable, (Record<string, unknown> | undefined)[]>();
