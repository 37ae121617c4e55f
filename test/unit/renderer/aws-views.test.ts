/**
 * The AWS panel's views in Korean leave no English of their own: every view is drawn (server-side, no DOM) from a
 * store filled through its typed actions, and every text node and every title / aria-label / placeholder is
 * checked for English words other than AWS's own names (services, statuses, ARNs), which stay as AWS spells them.
 * The English rendering is checked for the same words, so the check itself is shown to find them.
 */
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StatescopeApi } from '../../../shared/contract.ts';
import type { PanelContext } from '../../../renderer/src/aws/common.tsx';
import { ConnectionForm } from '../../../renderer/src/aws/ConnectionForm.tsx';
import { AwsEffects } from '../../../renderer/src/aws/effects.ts';
import { ExecutionList } from '../../../renderer/src/aws/ExecutionList.tsx';
import { MachineList } from '../../../renderer/src/aws/MachineList.tsx';
import { createAwsStore, type AwsAction, type Slot } from '../../../renderer/src/aws/store.ts';
import { XrayTab } from '../../../renderer/src/aws/XrayTab.tsx';
import { translate, type Lang } from '../../../renderer/src/i18n/index.ts';

const ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:m-01';

/** AWS's own words, kept as AWS writes them in every language (as the AWS console does in Korean too). */
const AWS_WORDS = new Set([
  'AWS',
  'Step',
  'Functions',
  'Ray',
  'ARN',
  'MFA',
  'SSO',
  'IAM',
  'Default',
  'STANDARD',
  'EXPRESS',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'Express',
  'CloudWatch',
  'Logs',
  // Error codes and an IAM action (states:ListStateMachines) named in the explanations, as AWS spells them.
  'AccessDenied',
  'ExpiredToken',
  'states',
  'ListStateMachines',
  'Statescope',
  'static',
  // The example endpoint and X-Ray filter expression in the placeholders are code, not prose.
  'http',
  'localhost',
  'service',
  'orders',
  'AND',
  'error',
  // Units.
  'min',
]);

function filledState(lang: Lang): PanelContext {
  const store = createAwsStore({ profile: 'p-1', region: 'us-east-1' });
  const seq = (() => {
    let n = 0;
    return () => ++n;
  })();
  const load = (action: (s: number) => Extract<AwsAction, { slot: Slot }>) => {
    const s = seq();
    const a = action(s);
    store.dispatch({ type: 'load/start', slot: a.slot, seq: s });
    store.dispatch(a);
  };
  load((s) => ({
    type: 'load/done',
    slot: 'profiles',
    seq: s,
    data: {
      profiles: [{ name: 'p-1', kind: 'static', files: ['config'] }],
      defaultProfile: 'p-1',
      regions: ['us-east-1'],
    },
  }));
  load((s) => ({
    type: 'load/done',
    slot: 'identity',
    seq: s,
    data: { account: '111122223333', arn: 'arn:aws:iam::111122223333:user/u-1', region: 'us-east-1' },
  }));
  store.dispatch({ type: 'connect/done', conn: { profile: 'p-1', region: 'us-east-1' } });
  load((s) => ({
    type: 'load/done',
    slot: 'machines',
    seq: s,
    data: [{ stateMachineArn: ARN, name: 'm-01', type: 'STANDARD' }],
  }));
  store.dispatch({ type: 'machine/select', machine: { stateMachineArn: ARN, name: 'm-01', type: 'EXPRESS' } });
  store.dispatch({
    type: 'executions/page',
    page: {
      executions: [
        {
          executionArn: `${ARN}:e-1`,
          stateMachineArn: ARN,
          name: 'e-1',
          status: 'RUNNING',
          startDate: '2026-01-01T00:00:00Z',
        },
        { executionArn: `${ARN}:e-2`, stateMachineArn: ARN, name: 'e-2', status: 'FAILED', redriveCount: 2 },
      ],
      truncated: false,
      nextToken: 't-1',
    },
    append: false,
  });
  store.dispatch({ type: 'poll', ms: 5_000 });
  load((s) => ({
    type: 'load/done',
    slot: 'mapRuns',
    seq: s,
    data: [
      {
        mapRunArn: `${ARN}:r-1`,
        status: 'FAILED',
        itemCounts: { total: 9, succeeded: 5, failed: 1, timedOut: 1, aborted: 1, running: 1 },
      },
    ],
  }));
  load((s) => ({ type: 'load/fail', slot: 'definition', seq: s, message: 'm-1', code: 'aws-access-denied' }));
  load((s) => ({ type: 'load/fail', slot: 'executions', seq: s, message: 'm-2', code: 'aws-mfa-required' }));
  store.dispatch({ type: 'edit', field: 'region', value: 'eu-west-1' }); // stale: "Reconnect?"
  load((s) => ({
    type: 'load/done',
    slot: 'xray',
    seq: s,
    data: {
      graph: { Services: [{}] },
      summaries: {
        TraceSummaries: [{ Id: '1-00000000-000000000000000000000000', HasFault: true, Duration: 1.5 }],
        TracesProcessedCount: 3,
        truncated: false,
        windows: 1,
      },
      startMs: 0,
      endMs: 1,
    },
  }));
  store.dispatch({ type: 'edit', field: 'rangeId', value: '7d' });
  store.dispatch({ type: 'retry/notice', retry: { operation: 'O', attempt: 2, maxAttempts: 5, reason: 'R' } });
  const api: StatescopeApi = { call: () => new Promise(() => {}), on: () => () => {} };
  return {
    state: store.getState(),
    effects: new AwsEffects(store, api),
    t: (k, v) => translate(lang, k, v),
    lang,
  };
}

function views(lang: Lang): string {
  const ctx = filledState(lang);
  const noop = () => undefined;
  const parts: ReactElement[] = [
    createElement(ConnectionForm, { ctx }),
    createElement(MachineList, { ctx }),
    createElement(ExecutionList, { ctx, onOpenDefinition: true, onOpenExecution: noop, onOpenTrace: noop }),
    createElement(XrayTab, { ctx, onOpenServiceGraph: noop, onOpenTraces: noop }),
  ];
  return parts.map((p) => renderToString(p)).join('\n');
}

/** English words in text nodes and in title / aria-label / placeholder, after ARNs, ids and AWS's words. */
function englishWords(html: string): string[] {
  const texts = [
    ...[...html.matchAll(/>([^<]+)</g)].map((m) => m[1]!),
    ...[...html.matchAll(/\s(?:title|aria-label|placeholder)="([^"]*)"/g)].map((m) => m[1]!),
  ].map((x) => x.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  const words: string[] = [];
  for (const text of texts) {
    const cleaned = text
      .replace(/arn:[^\s"<]+/g, ' ')
      .replace(/\b[a-z]{2}-[a-z]+-\d\b/g, ' ')
      .replace(/\b[a-z]-\d+\b|\b\d-[0-9a-f-]+\b/g, ' ');
    for (const w of cleaned.match(/[A-Za-z_]{3,}/g) ?? []) if (!AWS_WORDS.has(w)) words.push(w);
  }
  return [...new Set(words)].sort();
}

describe('AWS panel views', () => {
  it('draw every part (connection, machines, executions, X-Ray) from the store', () => {
    const html = views('en');
    for (const text of [
      'Reconnect?',
      'MFA code for profile p-1',
      'Executions: m-01',
      'Copy State machine ARN',
      '2 listed; more on the next page.',
      'Running executions refresh every 5 s.',
      '· 5/9 succeeded, 1 failed, 1 timed out, 1 aborted, 1 running',
      'Access denied',
      'read in 28 six-hour windows',
      '1 trace (3 processed)',
      'Retrying O (attempt 2 of 5) after R',
    ])
      expect(html).toContain(text.replace(/"/g, '&quot;'));
  });

  it('leave no English of their own in Korean', () => {
    expect(englishWords(views('en')).length).toBeGreaterThan(40);
    expect(englishWords(views('ko'))).toEqual([]);
  });
});
