/**
 * The X-Ray steps the benchmarks time (bench/run.ts, bench/xray-node.ts): every trace of a parsed file built, the
 * JSON.parse floor the pipeline is compared with, and the two measured in turn.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadXray, type parseXrayFile } from '../shared/xray/load.ts';
import { computeServiceMap } from '../shared/xray/service-map.ts';
import { buildTrace } from '../shared/xray/trace.ts';
import type { Trace, XrayDiagnostic } from '../shared/xray/types.ts';
import { median } from './stats.ts';

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection, now. */
export const collect = vm.runInNewContext('gc') as () => void;

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

/** Milliseconds `fn` takes (wall clock unless the caller measures otherwise). */
export type Timer = (fn: () => unknown) => number;

const wallClock: Timer = (fn) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

export interface PipelineAndFloor {
  /** Text → traces → service map (`loadXray` + `computeServiceMap`, as the app and the CLI run them), per round. */
  pipeline: number[];
  /** `jsonFloor` of the same text, per round. */
  floor: number[];
  /** pipeline ÷ floor of each round. */
  ratios: number[];
  /** The median of the rounds' ratios. */
  ratio: number;
  /** The first round (the process's first run of this code when nothing ran it before): not in the others. */
  first: { pipeline: number; floor: number };
}

/**
 * The pipeline and its floor on the same text, in turn within each round, each after a full garbage collection.
 * In turn, so a change in the machine's load weighs on both alike (the ratio is the median of the rounds' own);
 * after a collection, so each pays for its own garbage and not the other's: measured in blocks, or in turn without
 * it, the floor's figure moved by half depending on whether the pipeline's garbage was collected during it (73 to
 * 148 ms for the same 100,000-span text), and the ratio with it. The app meets such a text in a worker or a process
 * of its own, after nothing of the kind. `rounds` are measured after `warm` (at least one) that are not; the first
 * of those is reported apart.
 */
export function pipelineAndFloor(
  input: { name: string; text: string },
  rounds: number,
  time: Timer = wallClock,
  warm = 1,
): PipelineAndFloor {
  const pipeline: number[] = [];
  const floor: number[] = [];
  let first = { pipeline: NaN, floor: NaN };
  const skip = Math.max(1, warm);
  for (let r = 0; r < skip + rounds; r++) {
    collect();
    const f = time(() => jsonFloor(input.text));
    collect();
    const p = time(() => computeServiceMap(loadXray([input]).traces));
    if (r === 0) first = { pipeline: p, floor: f };
    if (r >= skip) {
      pipeline.push(p);
      floor.push(f);
    }
  }
  const ratios = pipeline.map((p, i) => p / floor[i]!);
  return { pipeline, floor, ratios, ratio: median(ratios), first };
}
