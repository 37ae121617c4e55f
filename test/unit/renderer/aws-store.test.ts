/**
 * The AWS panel's store and dispatcher without a DOM: the reducer's transitions (typed actions), the request
 * numbering that keeps a slow old answer from overwriting a newer one, and the effects against a scripted contract
 * client (connect, remember, list, page with the query that was applied, poll with back-off, Retry, Express).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Events, StatescopeApi } from '../../../shared/contract.ts';
import type { ExecutionSummary, MachineSummary } from '../../../shared/sfn/aws-types.ts';
import { AwsEffects } from '../../../renderer/src/aws/effects.ts';
import { errorView, EXPLAINED_CODES, HEADED_CODES } from '../../../renderer/src/aws/errors.ts';
import { MACHINE_LIST_STATUSES } from '../../../renderer/src/aws/ExecutionList.tsx';
import {
  createAwsStore,
  filteredMachines,
  initialState,
  isStale,
  needsMfa,
  openedRun,
  reducer,
  type AwsAction,
  type AwsState,
} from '../../../renderer/src/aws/store.ts';
import { MESSAGES } from '../../../renderer/src/i18n/index.ts';

const MACHINE: MachineSummary = {
  stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:orders',
  name: 'orders',
  type: 'STANDARD',
};

function exec(name: string, status = 'SUCCEEDED'): ExecutionSummary {
  return {
    executionArn: `arn:aws:states:us-east-1:111122223333:execution:orders:${name}`,
    stateMachineArn: MACHINE.stateMachineArn,
    name,
    status,
    startDate: '2026-01-01T00:00:00.000Z',
  };
}

function run(state: AwsState, ...actions: AwsAction[]): AwsState {
  return actions.reduce(reducer, state);
}

describe('AWS panel reducer', () => {
  it('starts from the given connection, and defaults fill only the pickers still empty', () => {
    const s = initialState({ profile: 'dev' });
    expect(s.form).toMatchObject({ profile: 'dev', region: '', endpoint: '', tab: 'sfn', rangeId: '1h' });
    const next = reducer(s, { type: 'defaults', profile: 'prod', region: 'eu-west-1' });
    expect(next.form.profile).toBe('dev');
    expect(next.form.region).toBe('eu-west-1');
    expect(Object.values(next.loads).every((l) => l.state === 'idle')).toBe(true);
  });

  it('never fills a picker the user has focused or changed, even when it is still empty', () => {
    // Focus on the endpoint field, then the remembered endpoint arrives: the field stays the user's.
    let s = run(initialState(), { type: 'touch', field: 'endpoint' }, { type: 'defaults', endpoint: 'http://a:1' });
    expect(s.form.endpoint).toBe('');
    // A region emptied on purpose stays empty; the untouched profile takes the default.
    s = run(s, { type: 'edit', field: 'region', value: 'eu-west-1' }, { type: 'edit', field: 'region', value: '' });
    s = run(s, { type: 'defaults', profile: 'prod', region: 'us-east-1', endpoint: 'http://b:2' });
    expect(s.form).toMatchObject({ profile: 'prod', region: '', endpoint: '' });
    expect(s.touched).toEqual(['endpoint', 'region']);
    // Editing other inputs claims nothing, and touching twice changes nothing.
    expect(run(s, { type: 'edit', field: 'search', value: 'x' }).touched).toEqual(['endpoint', 'region']);
    expect(run(s, { type: 'touch', field: 'region' })).toBe(s);
  });

  it('keeps the newest request: an older answer, or one after a reset, changes nothing', () => {
    let s = run(initialState(), { type: 'load/start', slot: 'machines', seq: 1 });
    s = run(s, { type: 'load/start', slot: 'machines', seq: 2 });
    const stale = run(s, { type: 'load/done', slot: 'machines', seq: 1, data: [MACHINE] });
    expect(stale).toBe(s);
    expect(run(s, { type: 'load/fail', slot: 'machines', seq: 1, message: 'old' })).toBe(s);
    const done = run(s, { type: 'load/done', slot: 'machines', seq: 2, data: [MACHINE] });
    expect(done.loads.machines).toEqual({ state: 'done', data: [MACHINE] });
    const reset = run(s, { type: 'load/reset', slot: 'machines' });
    expect(run(reset, { type: 'load/done', slot: 'machines', seq: 2, data: [MACHINE] })).toBe(reset);
    const failed = run(s, { type: 'load/fail', slot: 'machines', seq: 2, message: 'no', code: 'aws-access-denied' });
    expect(failed.loads.machines).toEqual({ state: 'error', message: 'no', code: 'aws-access-denied' });
  });

  it('a new connect drops everything read with the old connection', () => {
    let s = run(
      initialState(),
      { type: 'connect/done', conn: { profile: 'a' } },
      { type: 'load/start', slot: 'machines', seq: 1 },
      { type: 'load/done', slot: 'machines', seq: 1, data: [MACHINE] },
      { type: 'machine/select', machine: MACHINE },
      { type: 'executions/page', page: { executions: [exec('x')], truncated: false }, append: false },
      { type: 'execution/open', arn: exec('x').executionArn },
      { type: 'compare/toggle', arn: 'x', on: true },
    );
    expect(s.execList?.rows).toHaveLength(1);
    s = reducer(s, { type: 'connect/start' });
    expect(s).toMatchObject({ conn: null, selected: null, openedExec: null, execList: null, compareArns: [] });
    expect(s.loads.machines.state).toBe('idle');
  });

  it('appends pages, merges a polled first page, and ticks at most two executions for comparison', () => {
    let s = run(
      initialState(),
      {
        type: 'executions/page',
        page: { executions: [exec('c'), exec('b')], truncated: false, nextToken: 't' },
        append: false,
      },
      { type: 'executions/page', page: { executions: [exec('a')], truncated: false }, append: true },
    );
    expect(s.execList).toEqual({ rows: [exec('c'), exec('b'), exec('a')] });
    s = reducer(s, { type: 'executions/refresh', rows: [exec('d', 'RUNNING'), exec('c')] });
    expect(s.execList?.rows.map((e) => e.name)).toEqual(['d', 'c', 'b', 'a']);
    s = run(
      s,
      { type: 'compare/toggle', arn: '1', on: true },
      { type: 'compare/toggle', arn: '2', on: true },
      { type: 'compare/toggle', arn: '3', on: true },
    );
    expect(s.compareArns).toEqual(['2', '3']);
    expect(reducer(s, { type: 'compare/toggle', arn: '2', on: false }).compareArns).toEqual(['3']);
    expect(reducer(s, { type: 'executions/clear', query: null })).toMatchObject({ execList: null, compareArns: [] });
  });

  it('derives what the views show: stale pickers, search, the MFA dialog, the run for the graph', () => {
    let s = run(initialState({ profile: 'a' }), { type: 'connect/done', conn: { profile: 'a' } });
    expect(isStale(s)).toBe(false);
    expect(isStale(reducer(s, { type: 'edit', field: 'profile', value: 'b' }))).toBe(true);
    s = run(
      s,
      { type: 'load/start', slot: 'machines', seq: 1 },
      {
        type: 'load/done',
        slot: 'machines',
        seq: 1,
        data: [MACHINE, { ...MACHINE, name: 'billing', stateMachineArn: 'x' }],
      },
      { type: 'edit', field: 'search', value: 'ORD' },
    );
    expect(filteredMachines(s).map((m) => m.name)).toEqual(['orders']);
    expect(needsMfa(s)).toBe(false);
    const mfa = run(
      s,
      { type: 'load/start', slot: 'history', seq: 2 },
      { type: 'load/fail', slot: 'history', seq: 2, message: 'm', code: 'aws-mfa-required' },
    );
    expect(needsMfa(mfa)).toBe(true);
    expect(openedRun(s)).toBeUndefined();
  });
});

/** A scripted contract client: each method answers from `answers`, and every call is recorded. */
function fakeApi(answers: Record<string, (args: Record<string, unknown>) => unknown>) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const listeners: ((r: Events['aws.retry']) => void)[] = [];
  const api: StatescopeApi = {
    call: ((method: string, args: Record<string, unknown>) => {
      calls.push({ method, args });
      const answer = answers[method];
      if (!answer) return Promise.reject(new Error(`unexpected ${method}`));
      try {
        return Promise.resolve(answer(args));
      } catch (e) {
        return Promise.reject(e);
      }
    }) as StatescopeApi['call'],
    on: ((event: string, listener: (r: Events['aws.retry']) => void) => {
      if (event === 'aws.retry') listeners.push(listener);
      return () => undefined;
    }) as StatescopeApi['on'],
  };
  return { api, calls, listeners };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('AWS panel effects', () => {
  afterEach(() => vi.useRealTimers());

  it('connects, remembers the connection, lists machines; a failure keeps its code and Retry connects again', async () => {
    let deny = true;
    const { api, calls } = fakeApi({
      'settings.get': () => ({ lastRegion: 'eu-west-1' }),
      'settings.set': () => ({}),
      'aws.profiles': () => ({
        profiles: [{ name: 'dev', kind: 'static', files: ['config'] }],
        defaultProfile: 'dev',
        regions: [],
      }),
      'aws.connect': () => {
        if (deny) throw Object.assign(new Error('Access denied for profile "dev"'), { code: 'aws-access-denied' });
        return { account: '111122223333', arn: 'arn:aws:iam::111122223333:user/dev', region: 'eu-west-1' };
      },
      'aws.machines': () => [MACHINE],
    });
    const store = createAwsStore();
    const fx = new AwsEffects(store, api, 5_000);
    const stop = fx.start();
    await flush();
    await flush();
    expect(store.getState().form).toMatchObject({ profile: 'dev', region: 'eu-west-1' });

    fx.connect();
    await flush();
    expect(store.getState().loads.identity).toMatchObject({ state: 'error', code: 'aws-access-denied' });
    expect(store.getState().conn).toBeNull();

    deny = false;
    fx.retry('identity');
    await flush();
    await flush();
    expect(store.getState().conn).toEqual({ profile: 'dev', region: 'eu-west-1' });
    expect(store.getState().loads.machines).toEqual({ state: 'done', data: [MACHINE] });
    expect(calls.find((c) => c.method === 'settings.set')?.args).toEqual({
      lastProfile: 'dev',
      lastRegion: 'eu-west-1',
    });
    stop();
  });

  it('pages and polls with the query that was applied, backing off while executions run', async () => {
    vi.useFakeTimers();
    let polls = 0;
    const { api, calls } = fakeApi({
      'aws.executions': (a) => {
        if (a.nextToken) return { executions: [exec('old')], truncated: false };
        if (calls.filter((c) => c.method === 'aws.executions' && !c.args.nextToken).length > 1) polls++;
        return { executions: [exec('new', polls > 1 ? 'SUCCEEDED' : 'RUNNING')], truncated: false, nextToken: 'p2' };
      },
    });
    const store = createAwsStore();
    store.dispatch({ type: 'connect/done', conn: { region: 'us-east-1' } });
    store.dispatch({ type: 'edit', field: 'nameQuery', value: 'ne' });
    const fx = new AwsEffects(store, api, 5_000);
    fx.selectMachine(MACHINE);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().execList?.rows.map((e) => e.name)).toEqual(['new']);
    expect(store.getState().pollMs).toBe(5_000);

    // Typed but not applied: Load more and polling keep reading what the list shows.
    store.dispatch({ type: 'edit', field: 'nameQuery', value: 'something else' });
    fx.fetchMore();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().execList?.rows.map((e) => e.name)).toEqual(['new', 'old']);
    expect(calls.at(-1)?.args).toMatchObject({ nameContains: 'ne', nextToken: 'p2' });
    expect(store.getState().pollMs).toBe(10_000);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.at(-1)?.args).toMatchObject({ nameContains: 'ne' });
    expect(calls.at(-1)?.args.nextToken).toBeUndefined();
    expect(store.getState().pollMs).toBe(20_000);
    await vi.advanceTimersByTimeAsync(20_000);
    // Nothing runs any more: no further poll is planned.
    expect(store.getState().execList?.rows[0]?.status).toBe('SUCCEEDED');
    expect(store.getState().pollMs).toBeUndefined();
    const count = calls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls.length).toBe(count);
  });

  it('lists no executions for an Express machine (Step Functions keeps no history for them)', () => {
    const { api, calls } = fakeApi({});
    const store = createAwsStore();
    store.dispatch({ type: 'connect/done', conn: {} });
    new AwsEffects(store, api).selectMachine({ ...MACHINE, type: 'EXPRESS' });
    expect(calls).toEqual([]);
    expect(store.getState().loads.executions.state).toBe('idle');
  });

  it('turns a call that never answers into an error with Retry', async () => {
    vi.useFakeTimers();
    const { api } = fakeApi({ 'aws.machines': () => new Promise(() => {}) });
    const store = createAwsStore();
    store.dispatch({ type: 'connect/done', conn: {} });
    new AwsEffects(store, api, 1_000).fetchMachines();
    expect(store.getState().loads.machines.state).toBe('loading');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.getState().loads.machines).toMatchObject({
      state: 'error',
      message: 'aws.machines: no answer after 1 s.',
      code: 'aws-timeout',
    });
  });
});

describe('AWS error texts', () => {
  it('has a heading for every code in both languages, and a Korean explanation for the codes a user can act on', () => {
    for (const code of HEADED_CODES)
      for (const lang of ['en', 'ko'] as const) expect(errorView(lang, code, 'm').heading).toBeTruthy();
    for (const code of EXPLAINED_CODES) {
      const ko = errorView('ko', code, 'm').explanation ?? '';
      expect(ko).toMatch(/[\uac00-\ud7a3]/);
      // English users read the host's own message, which already explains; no second explanation.
      expect(errorView('en', code, 'm').explanation).toBeUndefined();
      expect(MESSAGES.en[`aws.explain.${code}` as keyof typeof MESSAGES.en]).toBeTruthy();
    }
    // The known codes of the brief: AccessDenied, ExpiredToken, throttling, timeout / unreachable, not found.
    expect(EXPLAINED_CODES).toEqual(
      expect.arrayContaining([
        'aws-access-denied',
        'aws-credentials-expired',
        'aws-throttled',
        'aws-timeout',
        'aws-network',
        'aws-not-found',
      ]),
    );
    expect(errorView('ko', 'aws-access-denied', 'x').explanation).toContain('AccessDenied');
    expect(errorView('ko', 'aws-credentials-expired', 'x').explanation).toContain('ExpiredToken');
    expect(errorView('ko', 'something-else', 'x')).toEqual({});
  });

  it('finds the SSO login command in the message', () => {
    const v = errorView(
      'en',
      'aws-sso-expired',
      'The SSO session has expired. Run: aws sso login --profile dev then retry.',
    );
    expect(v.login).toBe('aws sso login --profile dev');
  });

  it('offers every ListExecutions status but PENDING_REDRIVE for a machine list', () => {
    expect(MACHINE_LIST_STATUSES).toEqual(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
  });
});
