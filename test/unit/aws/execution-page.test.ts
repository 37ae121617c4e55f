/**
 * The executions list and the execution page without a browser: status colours shared with the graph, durations
 * of running executions, polling back-off, the table of states and its sorting, the events filter, the timeline,
 * and the first paint of the page (header, error banner, table) from a real-shaped history.
 */
import fs from 'node:fs';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExecutionDetails } from '../../../renderer/src/aws/ExecutionDetails.tsx';
import {
  compareReports,
  eventSummary,
  jsonChanges,
  lambdaOf,
  logGroupsOf,
  traceIdOf,
  executionDurationMs,
  filterEvents,
  mergeFirstPage,
  nextPollDelay,
  runStatusOf,
  sortRows,
  stateRows,
  timelineBars,
} from '../../../renderer/src/aws/executions.ts';
import { translate } from '../../../renderer/src/i18n/index.ts';
import type { AwsExecutionHistory, HistoryEvent } from '../../../shared/sfn/aws-types.ts';
import { analyzeHistory } from '../../../shared/sfn/history.ts';

const HISTORY = JSON.parse(
  fs.readFileSync(new URL('../../../samples/history/order-processing-payment-declined.json', import.meta.url), 'utf8'),
) as { events: HistoryEvent[] };
const report = analyzeHistory(HISTORY);

describe('executions list helpers', () => {
  it('gives each ListExecutions status the overlay status the graph colours it with', () => {
    // One table: the list chip and the graph node use `.is-<status>` from overlay.css.
    expect(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'].map(runStatusOf)).toEqual([
      'running',
      'succeeded',
      'failed',
      'timed-out',
      'aborted',
      'failed',
    ]);
    expect(runStatusOf('caught')).toBe('caught');
    expect(runStatusOf('SOMETHING_NEW')).toBe('not-run');
  });

  it('counts a running execution up to now and a finished one to its stop', () => {
    const start = '2026-01-01T00:00:00.000Z';
    expect(executionDurationMs({ startDate: start, stopDate: '2026-01-01T00:00:02.500Z' }, 0)).toBe(2500);
    expect(executionDurationMs({ startDate: start }, Date.parse(start) + 7000)).toBe(7000);
    expect(executionDurationMs({}, 0)).toBeUndefined();
  });

  it('backs the polling off from 5 s to at most 60 s', () => {
    const seq: number[] = [];
    let d: number | undefined;
    for (let i = 0; i < 6; i++) seq.push((d = nextPollDelay(d)));
    expect(seq).toEqual([5000, 10000, 20000, 40000, 60000, 60000]);
  });

  it('merges a refreshed first page over the loaded rows without losing later pages', () => {
    const e = (name: string, status = 'SUCCEEDED') => ({
      executionArn: `arn:${name}`,
      stateMachineArn: 'm',
      name,
      status,
    });
    const merged = mergeFirstPage([e('c', 'RUNNING'), e('b'), e('a')], [e('d', 'RUNNING'), e('c')]);
    expect(merged.map((x) => `${x.name}:${x.status}`)).toEqual([
      'd:RUNNING',
      'c:SUCCEEDED',
      'b:SUCCEEDED',
      'a:SUCCEEDED',
    ]);
  });
});

describe('execution page helpers', () => {
  it('builds the table of states and sorts it by any column', () => {
    const rows = stateRows(report);
    expect(rows.length).toBe(Object.keys(report.states).length);
    const charge = rows.find((r) => r.name === 'Charge Payment')!;
    expect(charge).toMatchObject({ type: 'Task', status: 'failed', error: 'PaymentDeclined' });
    const byDuration = sortRows(rows, 'durationMs', true);
    expect(byDuration[0]!.durationMs).toBe(Math.max(...rows.map((r) => r.durationMs ?? 0)));
    const byStart = sortRows(rows, 'startedMs', false).map((r) => r.name);
    expect(byStart[0]).toBe('Validate Order');
    expect(sortRows(rows, 'name', false).map((r) => r.name)).toEqual(
      [...rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('filters events by type and by text, and summarises each', () => {
    expect(filterEvents(HISTORY.events, '', 'TaskFailed').map((e) => e.type)).toEqual(['TaskFailed']);
    const declined = filterEvents(HISTORY.events, 'paymentdeclined', '');
    expect(declined.length).toBeGreaterThan(0);
    expect(declined.every((e) => JSON.stringify(e).toLowerCase().includes('paymentdeclined'))).toBe(true);
    expect(eventSummary(HISTORY.events.find((e) => e.type === 'TaskScheduled')!)).toBe('lambda:invoke');
    expect(eventSummary(HISTORY.events.find((e) => e.type === 'TaskStateEntered')!)).toBe('Validate Order');
  });

  it('lays the runs out on a timeline within the execution span', () => {
    const bars = timelineBars(report);
    expect(bars.length).toBe(report.runs.filter((r) => r.startMs !== undefined).length);
    for (const b of bars) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.left + b.width).toBeLessThanOrEqual(1.01);
    }
    expect(bars[0]!.label).toBe('Validate Order');
    const pick = bars.filter((b) => b.label.startsWith('Pick Item'));
    expect(pick.map((b) => b.label)).toEqual(['Pick Item #0', 'Pick Item #1']);
    expect(pick.every((b) => b.depth === 2)).toBe(true); // Pack Items (Map) inside Process Order (Parallel)
  });
});

describe('the execution page, first paint', () => {
  const history: AwsExecutionHistory = {
    execution: {
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:order-processing:declined',
      name: 'declined',
      status: 'FAILED',
      startDate: '2026-11-02T10:02:41.870Z',
      stopDate: '2026-11-02T10:02:43.451Z',
      error: 'OrderFailed',
      cause: 'The order could not be processed: payment declined.',
      redriveCount: 1,
      redriveStatus: 'NOT_REDRIVABLE',
    },
    events: HISTORY.events,
    truncated: false,
    report,
  };

  it('shows the header, the error banner with error and cause, and the table of states', () => {
    const html = renderToString(createElement(ExecutionDetails, { history, lang: 'en' }));
    expect(html).toContain('arn:aws:states:us-east-1:123456789012:execution:order-processing:declined');
    expect(html).toMatch(
      /data-testid="aws-exec-error"[^>]*>.*OrderFailed.*The order could not be processed: payment declined\./s,
    );
    expect(html).toContain('class="aws-badge is-failed" data-testid="aws-exec-status">FAILED');
    expect(html).toContain('Redriven 1× (status: NOT_REDRIVABLE)');
    expect(html).toContain('data-state="Charge Payment"');
    expect(html).toContain('aria-sort="ascending"');
  });

  it('speaks Korean', () => {
    const html = renderToString(createElement(ExecutionDetails, { history, lang: 'ko' }));
    expect(html).toContain(translate('ko', 'aws.exec.states'));
    expect(html).toContain('원인');
    expect(translate('ko', 'aws.err.aws-timeout')).not.toBe(translate('en', 'aws.err.aws-timeout'));
  });
});

describe('comparing two executions', () => {
  const ok = analyzeHistory(
    JSON.parse(
      fs.readFileSync(new URL('../../../samples/history/order-processing-succeeded.json', import.meta.url), 'utf8'),
    ),
  );

  it('lines up each state of both runs and marks the ones that differ', () => {
    const rows = compareReports(report, ok);
    const charge = rows.find((r) => r.name === 'Charge Payment')!;
    expect(charge.a?.status).toBe('failed');
    expect(charge.b?.status).toBe('succeeded');
    expect(charge.differs).toBe(true);
    expect(charge.deltaMs).toBe(charge.b!.durationMs! - charge.a!.durationMs!);
    expect(rows.find((r) => r.name === 'Reserve Stock')!.differs).toBe(false);
    // A retry in one run and not the other is a difference, even when both succeeded.
    expect(rows.find((r) => r.name === 'Validate Order')).toMatchObject({
      differs: true,
      a: { retries: 0 },
      b: { retries: 1 },
    });
    // States only one run reached are there too, marked.
    const onlyOne = rows.filter((r) => !r.a || !r.b);
    expect(onlyOne.length).toBeGreaterThan(0);
    expect(onlyOne.every((r) => r.differs)).toBe(true);
  });

  it('names input differences by JSON path', () => {
    expect(jsonChanges({ a: 1, b: { c: [1, 2] }, 'x y': true }, { a: 1, b: { c: [1, 3, 4] }, d: null })).toEqual([
      { path: '$.b.c[1]', kind: 'changed', a: 2, b: 3 },
      { path: '$.b.c[2]', kind: 'added', b: 4 },
      { path: '$["x y"]', kind: 'removed', a: true },
      { path: '$.d', kind: 'added', b: null },
    ]);
    expect(jsonChanges({ same: [1] }, { same: [1] })).toEqual([]);
    expect(jsonChanges('a', 3)).toEqual([{ path: '$', kind: 'changed', a: 'a', b: 3 }]);
  });
});

describe('execution page links', () => {
  it('reads the X-Ray trace id, the log groups and the Lambda function from AWS shapes', () => {
    // DescribeExecution.traceHeader, as in the Step Functions API reference.
    expect(traceIdOf('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1')).toBe('1-5759e988-bd862e3fe1be46a994272793');
    expect(traceIdOf('Sampled=0')).toBeUndefined();
    expect(traceIdOf(undefined)).toBeUndefined();
    const logging = {
      level: 'ALL',
      includeExecutionData: true,
      destinations: [
        {
          cloudWatchLogsLogGroup: {
            logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/orders:*',
          },
        },
      ],
    };
    expect(logGroupsOf(logging)).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/orders:*',
    ]);
    expect(logGroupsOf({ ...logging, level: 'OFF' })).toEqual([]);
    expect(
      lambdaOf('{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:validate-order","Payload":{}}'),
    ).toBe('arn:aws:lambda:us-east-1:123456789012:function:validate-order');
    expect(lambdaOf({ TableName: 't' })).toBeUndefined();
  });

  it('shows the trace with an Open button and the log group in the header', () => {
    const html = renderToString(
      createElement(ExecutionDetails, {
        history: {
          execution: {
            name: 'traced',
            status: 'SUCCEEDED',
            traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
          },
          definition: {
            stateMachineArn: 'arn:m',
            name: 'm',
            type: 'STANDARD',
            definition: '{}',
            loggingConfiguration: {
              level: 'ERROR',
              destinations: [
                { cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:us-east-1:1:log-group:orders:*' } },
              ],
            },
          },
          events: HISTORY.events,
          truncated: false,
          report,
        },
        lang: 'en',
        onOpenTrace: () => undefined,
      }),
    );
    expect(html).toContain('1-5759e988-bd862e3fe1be46a994272793');
    expect(html).toContain('Open in the X-Ray view');
    expect(html).toContain('arn:aws:logs:us-east-1:1:log-group:orders:*');
  });
});
