import { describe, expect, it } from 'vitest';
import {
  RANGES,
  TimeoutError,
  arnTail,
  formatDuration,
  matchesSearch,
  rangeFor,
  rangeLabel,
  runStatusLabel,
  statusTone,
  windowCount,
  withTimeout,
} from '../../../renderer/src/aws/model.ts';

describe('AWS panel logic', () => {
  it('computes ranges and the number of 6-hour windows', () => {
    expect(rangeFor('3h', 10_000_000_000)).toEqual({ startMs: 10_000_000_000 - 3 * 3_600_000, endMs: 10_000_000_000 });
    expect(rangeFor('nonsense', 5_000_000)).toEqual({ startMs: 5_000_000 - 3_600_000, endMs: 5_000_000 });
    expect(windowCount('6h')).toBe(1);
    expect(windowCount('24h')).toBe(4);
    expect(windowCount('7d')).toBe(28);
    // Every range has a label in both languages, from the i18n module.
    for (const lang of ['en', 'ko'] as const)
      expect(RANGES.map((r) => rangeLabel(r.id, lang)).filter((l) => !l)).toEqual([]);
    expect(rangeLabel('3h', 'en')).toBe('Last 3 hours');
    expect(rangeLabel('3h', 'ko')).toBe('최근 3시간');
  });

  it('gives every status a tone and a label in both languages', () => {
    expect(statusTone('SUCCEEDED')).toBe('ok');
    expect(statusTone('TIMED_OUT')).toBe('bad');
    expect(statusTone('timed-out')).toBe('bad');
    expect(statusTone('caught')).toBe('warn');
    expect(statusTone('PENDING_REDRIVE')).toBe('warn');
    expect(statusTone('RUNNING')).toBe('busy');
    expect(statusTone('not-run')).toBe('dim');
    expect(runStatusLabel('caught', 'en')).toBe('caught');
    expect(runStatusLabel('not-run', 'ko')).toBe('실행 안 됨');
  });

  it('formats durations and ARNs, and searches names and ARNs', () => {
    expect(formatDuration(undefined)).toBe('–');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(4.2 * 60_000)).toBe('4.2 min');
    expect(arnTail('arn:aws:states:us-east-1:1:stateMachine:orders')).toBe('orders');
    const m = { name: 'Orders', stateMachineArn: 'arn:aws:states:eu-west-1:1:stateMachine:Orders' };
    expect(matchesSearch(m, ' orD ')).toBe(true);
    expect(matchesSearch(m, 'eu-west')).toBe(true);
    expect(matchesSearch(m, 'billing')).toBe(false);
  });

  it('turns a call that never answers into an error instead of an endless spinner', async () => {
    await expect(withTimeout(new Promise(() => {}), 20, 'aws.machines')).rejects.toBeInstanceOf(TimeoutError);
    await expect(withTimeout(new Promise(() => {}), 20, 'aws.machines')).rejects.toThrow(/aws\.machines: no answer/);
    await expect(withTimeout(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('boom')), 1000, 'x')).rejects.toThrow('boom');
  });
});
