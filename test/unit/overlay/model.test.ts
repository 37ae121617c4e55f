import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  historyOverlay,
  readHistory,
  stateMachineSegments,
  statusOf,
  xrayOverlay,
  formatMs,
} from '../../../renderer/src/overlay/model.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { sameMachineName } from '../../../renderer/src/app/documents.ts';
import { langOf, translate } from '../../../renderer/src/i18n/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sample = (p: string) => fs.readFileSync(path.join(ROOT, 'samples', p), 'utf8');

describe('readHistory', () => {
  it('reads a GetExecutionHistory file and folds its states', () => {
    const text = sample('history/order-processing-payment-declined.json');
    const report = readHistory(text);
    expect(report?.status).toBe('failed');
    const overlay = historyOverlay(report!, text, 'declined');
    expect(statusOf(overlay.states, 'Charge Payment').status).toBe('failed');
    expect(statusOf(overlay.states, 'Process Order').status).toBe('caught');
    expect(statusOf(overlay.states, 'Done')).toEqual({ status: 'not-run', runs: 0, retries: 0 });
    expect(overlay.states['Validate Order']?.durationMs).toBe(295);
  });

  it('leaves ASL and X-Ray files alone', () => {
    expect(readHistory(sample('asl/order-processing.asl.json'))).toBeNull();
    expect(readHistory(sample('xray/order-processing-execution.json'))).toBeNull();
    expect(readHistory('{"events": [1, 2')).toBeNull(); // not JSON: routed on as ASL, whose loader reports the position
    const asl = { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { events: [] }, End: true } }, events: [] };
    expect(readHistory(JSON.stringify(asl))).toBeNull();
    expect(readHistory(JSON.stringify({ detail: { events: [{ type: 'x' }] } }))).toBeNull();
  });

  it('throws a readable message for an events list that is not a history', () => {
    expect(() => readHistory('{"events": [{"nope": true}]}')).toThrow(/type/);
  });

  it('a state named __proto__ is an ordinary key', () => {
    expect(statusOf({}, '__proto__').status).toBe('not-run');
  });
});

describe('xrayOverlay', () => {
  const trace = loadXray([{ name: 'x.json', text: sample('xray/order-processing-execution.json') }]).traces.find(
    (t) => stateMachineSegments(t).length > 0,
  )!;

  it('finds the state machine segment by origin', () => {
    expect(stateMachineSegments(trace).map((s) => s.name)).toEqual(['OrderProcessing']);
  });

  it('maps retried-then-ok to succeeded with a retry, and nested states only with the machine state names', () => {
    const top = xrayOverlay(trace, 't');
    expect(top.states['Validate Order']).toMatchObject({ status: 'succeeded', retries: 1 });
    expect(top.states['Pick Item']).toBeUndefined();
    const nested = xrayOverlay(trace, 't', new Set(['Validate Order', 'Pick Item', 'Pack Items']));
    expect(nested.states['Pick Item']?.status).toBe('succeeded');
    expect(nested.states['Pick Item']?.runs).toBeGreaterThan(1);
  });
});

describe('small helpers', () => {
  it('formats durations for node badges', () => {
    expect(formatMs(undefined)).toBe('');
    expect(formatMs(295)).toBe('295 ms');
    expect(formatMs(1520)).toBe('1.52 s');
    expect(formatMs(60_000)).toBe('1 min 0 s');
  });

  it('matches machine names loosely', () => {
    expect(sameMachineName('order-processing.asl.json', 'OrderProcessing')).toBe(true);
    expect(sameMachineName('order-processing', 'Order Processing')).toBe(true);
    expect(sameMachineName('refund-workflow', 'OrderProcessing')).toBe(false);
    expect(sameMachineName('', '')).toBe(false);
  });

  it('translates with placeholders and picks Korean from the locale', () => {
    expect(translate('en', 'app.close', { name: 'a.json' })).toBe('Close a.json');
    expect(translate('ko', 'app.close', { name: 'a.json' })).toBe('a.json 닫기');
    expect(langOf('ko-KR')).toBe('ko');
    expect(langOf('en-US')).toBe('en');
    expect(langOf(undefined)).toBe('en');
  });
});
