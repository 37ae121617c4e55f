/**
 * The X-Ray pipeline and its JSON.parse floor are measured in turn, round by round (bench/xray-steps.ts
 * `pipelineAndFloor`): what each round times, which rounds count, and the ratio as the median of the rounds' own.
 */
import { describe, expect, it } from 'vitest';
import { generateTraces } from '../../../bench/gen-xray.ts';
import { pipelineAndFloor } from '../../../bench/xray-steps.ts';

describe('pipelineAndFloor', () => {
  const input = { name: 'rounds.json', text: JSON.stringify(generateTraces(3, 20)) };

  it('times the floor, then the pipeline, in each round, and leaves the warm rounds out', () => {
    const what: string[] = [];
    // A timer that runs each step, records which one it was by its result, and answers a made-up figure.
    let figure = 0;
    const time = (fn: () => unknown) => {
      const out = fn();
      what.push(typeof out === 'number' ? 'floor' : 'pipeline');
      return ++figure;
    };
    const r = pipelineAndFloor(input, 3, time, 2);
    expect(what).toEqual(Array.from({ length: 5 }, () => ['floor', 'pipeline']).flat());
    // Rounds 0 and 1 are warm: figures 1–4; the measured rounds are figures 5–10, floor first.
    expect(r.first).toEqual({ floor: 1, pipeline: 2 });
    expect(r.floor).toEqual([5, 7, 9]);
    expect(r.pipeline).toEqual([6, 8, 10]);
    expect(r.ratios).toEqual([6 / 5, 8 / 7, 10 / 9]);
    expect(r.ratio).toBe(8 / 7);
  });

  it('keeps one first round even when asked for none', () => {
    let calls = 0;
    const r = pipelineAndFloor(input, 2, (fn) => (fn(), ++calls), 0);
    expect(calls).toBe(6);
    expect(r.first).toEqual({ floor: 1, pipeline: 2 });
    expect(r.pipeline).toHaveLength(2);
  });

  it('measures real work by default', () => {
    const r = pipelineAndFloor(input, 2);
    expect(r.pipeline.every((ms) => ms > 0)).toBe(true);
    expect(r.floor.every((ms) => ms > 0)).toBe(true);
    expect(Number.isFinite(r.ratio)).toBe(true);
  });
});
