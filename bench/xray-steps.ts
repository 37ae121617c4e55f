/**
 * The X-Ray steps the benchmarks time (bench/run.ts, bench/xray-node.ts): every trace of a parsed file built, and
 * the JSON.parse floor the pipeline is compared with.
 */
import type { parseXrayFile } from '../shared/xray/load.ts';
import { buildTrace } from '../shared/xray/trace.ts';
import type { Trace, XrayDiagnostic } from '../shared/xray/types.ts';

export function buildAll(parsed: ReturnType<typeof parseXrayFile>): Trace[] {
  const diagnostics: XrayDiagnostic[] = [];
  const traces: Trace[] = [];
  for (const [id, list] of parsed.documents) traces.push(buildTrace(id, list, diagnostics));
  return traces;
}

/**
 * The least any reader of this text must do: parse it, and parse each segment document (BatchGetTraces carries
 * them as JSON strings). What our pipeline costs beyond this is the tree, the model and the map.
 */
export function jsonFloor(text: string): number {
  const data = JSON.parse(text) as { Traces?: { Segments?: { Document?: string }[] }[] };
  let n = 0;
  for (const t of data.Traces ?? [])
    for (const s of t.Segments ?? [])
      if (typeof s.Document === 'string') n += Object.keys(JSON.parse(s.Document) as object).length;
  return n;
}
