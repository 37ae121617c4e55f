/**
 * X-Ray traces: the span tree of one trace (tree.ts, built in named steps over typed columns), the identity of
 * each span on the service map (identity.ts), its fields read from the document (span-fields.ts), its raw
 * document on demand (raw.ts), and a few questions the list, the timeline and the CLI ask of a trace. Callers
 * import from here.
 */
import { Flag } from './span-flags.ts';
import { builtTable } from './span-table.ts';
import type { Trace, XrayException } from './types.ts';

export { buildTrace, type PendingDocumentLike } from './tree.ts';
export { newSharedValues, type SharedValues } from './span-record.ts';
export {
  canonicalAwsService,
  inferredIdentity,
  isInferredType,
  isServiceSpan,
  nodeIdOf,
  resourceOf,
} from './identity.ts';
export { NO_CHILDREN, NO_EXCEPTIONS, NO_HTTP, traceOk, traceStatus, traceStatusOf } from './span-fields.ts';
export { rawSegment, rawSegmentJson } from './raw.ts';
export { spanAnnotations, spanIdAt, spanOf, spanTable } from './span-table.ts';
export { awsAt, awsColumn } from './span-docs.ts';

/**
 * The spans a trace's documents recorded: segments and subsegments as sent, and the inferred segments X-Ray wrote
 * into BatchGetTraces output, but not the inferred nodes we add for calls (they are no span anyone sent). The
 * list, the timeline header and the CLI all show this count.
 */
export function recordedSpanCount(trace: Trace): number {
  let n = 0;
  const t = builtTable(trace);
  if (t) {
    for (let k = 0; k < t.n; k++) if ((t.flags[k] & Flag.SYNTHETIC) === 0) n++;
    return n;
  }
  for (const s of trace.spans) if (!s.synthetic) n++;
  return n;
}

/** Finds an exception by id anywhere in the trace, to resolve `cause` given as an exception id. */
export function findException(trace: Trace, id: string): XrayException | undefined {
  for (const s of trace.spans) {
    for (const e of s.exceptions) if (e.id === id) return e;
  }
  return undefined;
}
