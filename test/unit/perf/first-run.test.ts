/**
 * The benchmark's first-run floors (bench/first-run.ts) come from a process of their own: what it prints is read
 * back, and a child that did not do the work must fail the benchmark with its reason, never give a figure.
 * Counted, not timed.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstRunMs } from '../../../bench/first-run.ts';

const sample = fs.readFileSync(new URL('../../../samples/asl/order-processing.asl.json', import.meta.url), 'utf8');

describe('first-run floors', () => {
  it('times one run per fresh process and gives their median', () => {
    const r = firstRunMs('pipeline', sample, 2);
    expect(r.samples).toHaveLength(2);
    for (const ms of r.samples) expect(ms).toBeGreaterThan(0);
    expect(r.ms).toBeCloseTo((r.samples[0]! + r.samples[1]!) / 2, 6);
  }, 60_000);

  it('validates in the child', () => {
    expect(firstRunMs('validate', sample, 1).ms).toBeGreaterThan(0);
  }, 60_000);

  it('fails with the child’s reason when there is no machine to lay out', () => {
    expect(() => firstRunMs('pipeline', '{ "not": "a state machine" }', 1)).toThrow(/did not load/);
  }, 60_000);
});
