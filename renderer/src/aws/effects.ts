/**
 * The AWS panel's dispatcher: every host call (`aws.*`, settings) goes through here, bounded by a timeout, and
 * reports its progress to the store as typed actions (store.ts). The views never call the host themselves; the
 * panel's callbacks (open a definition, traces…) receive what these methods resolve to.
 */
import type { StatescopeApi } from '../../../shared/contract.ts';
import type { AwsConnectionArgs, ExecutionSummary, MachineSummary, TraceBatch } from '../../../shared/sfn/aws-types.ts';
import { errorMessage } from '../api.ts';
import { localInputMs, nextPollDelay } from './executions.ts';
import { rangeFor, windowCount, withTimeout } from './model.ts';
import {
  connArgs,
  hasRunning,
  type AwsAction,
  type AwsStore,
  type ExecutionQuery,
  type Slot,
  type SlotData,
} from './store.ts';

/** What a timeout message names for each slot (the contract method). */
const WHAT: Record<Slot, string> = {
  profiles: 'aws.profiles',
  identity: 'aws.connect',
  machines: 'aws.machines',
  executions: 'aws.executions',
  moreExecutions: 'aws.executions',
  history: 'aws.history',
  definition: 'aws.describeMachine',
  groups: 'aws.xrayGroups',
  xray: 'X-Ray',
  traces: 'aws.batchGetTraces',
  mapRuns: 'aws.mapRuns',
  comparison: 'aws.history',
};

function codeOf(err: unknown): string | undefined {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** True while the window is hidden (no ticking or polling then). */
function hidden(): boolean {
  return typeof document !== 'undefined' && document.hidden;
}

/** Where opened things go (the panel's props); set by the panel on every render. */
export interface AwsHandlers {
  onOpenDefinition?: (definition: { name: string; stateMachineArn: string; text: string }) => void;
  onOpenTraces?: (batch: TraceBatch) => void;
}

/** Request numbers, unique across dispatchers (a panel given a new client keeps its store). */
let lastSeq = 0;

export class AwsEffects {
  private handlers: AwsHandlers = {};
  /** What Retry runs again per slot: the whole operation, so its follow-up steps run too. */
  private readonly again = new Map<Slot, () => void>();
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private pollDelay: number | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: AwsStore,
    private readonly api: StatescopeApi,
    private readonly timeoutMs = 120_000,
  ) {}

  setHandlers(handlers: AwsHandlers): void {
    this.handlers = handlers;
  }

  dispatch(action: AwsAction): void {
    this.store.dispatch(action);
  }

  private get state() {
    return this.store.getState();
  }

  /**
   * Runs one host call into `slot`. Resolves to its data, or to undefined when it failed (the error is in the
   * slot, with Retry) or when a newer call into the same slot (or a reset) overtook it.
   */
  private load<S extends Slot>(
    slot: S,
    fn: () => Promise<SlotData[S]>,
    options: { limitMs?: number; again?: () => void } = {},
  ): Promise<SlotData[S] | undefined> {
    const seq = ++lastSeq;
    const limitMs = options.limitMs ?? this.timeoutMs;
    this.again.set(slot, options.again ?? (() => void this.load(slot, fn, options)));
    this.dispatch({ type: 'load/start', slot, seq });
    const current = () => {
      const l = this.state.loads[slot];
      return l.state === 'loading' && l.seq === seq;
    };
    return withTimeout(fn(), limitMs, WHAT[slot]).then(
      (data) => {
        if (!current()) return undefined;
        this.dispatch({ type: 'load/done', slot, seq, data } as AwsAction);
        return data;
      },
      (err: unknown) => {
        if (current()) {
          const code = codeOf(err);
          this.dispatch({ type: 'load/fail', slot, seq, message: errorMessage(err), ...(code ? { code } : {}) });
        }
        return undefined;
      },
    );
  }

  /** Retry of the failed call in `slot`. */
  retry(slot: Slot): void {
    this.again.get(slot)?.();
  }

  reset(slot: Slot): void {
    this.dispatch({ type: 'load/reset', slot });
  }

  /**
   * Starts the panel: listens for the host's retry notices (each fades after 15 s), fills the pickers (the last
   * profile, region and endpoint first, then the host's env defaults) and reads the profiles. Returns the stop.
   */
  start(initial?: AwsConnectionArgs): () => void {
    const off = this.api.on('aws.retry', (r) => {
      this.dispatch({ type: 'retry/notice', retry: r });
      clearTimeout(this.noticeTimer);
      this.noticeTimer = setTimeout(() => this.dispatch({ type: 'retry/notice', retry: null }), 15_000);
    });
    const remembered = initial ? Promise.resolve(undefined) : this.api.call('settings.get', {}).catch(() => undefined);
    void remembered
      .then((st) => {
        this.dispatch({
          type: 'defaults',
          ...(st?.lastProfile ? { profile: st.lastProfile } : {}),
          ...(st?.lastRegion ? { region: st.lastRegion } : {}),
          ...(st?.lastEndpoint ? { endpoint: st.lastEndpoint } : {}),
        });
        return this.load('profiles', () => this.api.call('aws.profiles', {}));
      })
      .then((p) => {
        if (!p) return;
        const known = p.profiles.some((x) => x.name === p.defaultProfile);
        this.dispatch({
          type: 'defaults',
          ...(known ? { profile: p.defaultProfile } : {}),
          ...(p.defaultRegion ? { region: p.defaultRegion } : {}),
          ...(p.endpoint ? { endpoint: p.endpoint } : {}),
        });
      });
    return () => {
      off();
      clearTimeout(this.noticeTimer);
      this.stopPolling();
    };
  }

  /** Stops a host call in flight (the host answers it with `aws-cancelled`). */
  cancel(): void {
    void this.api.call('aws.cancel', {}).catch(() => undefined);
  }

  /** Connects with the pickers' values; the MFA code is used for this connect only, never kept or stored. */
  connect(mfaCode?: string): void {
    const c = connArgs(this.state.form);
    this.stopPolling();
    this.dispatch({ type: 'connect/start' });
    void this.load('identity', () => this.api.call('aws.connect', mfaCode ? { ...c, mfaCode } : c), {
      again: () => this.connect(),
    }).then((id) => {
      this.dispatch({ type: 'edit', field: 'mfaCode', value: '' });
      if (!id) return;
      this.dispatch({ type: 'connect/done', conn: c });
      const remember = {
        ...(c.profile ? { lastProfile: c.profile } : {}),
        ...(c.region ? { lastRegion: c.region } : {}),
        ...(c.endpoint ? { lastEndpoint: c.endpoint } : {}),
      };
      if (Object.keys(remember).length) void this.api.call('settings.set', remember).catch(() => undefined);
      this.fetchMachines();
      if (this.state.form.tab === 'xray') this.fetchGroups();
    });
  }

  fetchMachines(): void {
    const { conn, form } = this.state;
    if (!conn) return;
    const ty = form.machineType;
    void this.load('machines', () => this.api.call('aws.machines', { ...conn, ...(ty ? { type: ty } : {}) }));
  }

  selectTab(tab: 'sfn' | 'xray'): void {
    this.dispatch({ type: 'edit', field: 'tab', value: tab });
    if (tab === 'xray' && this.state.loads.groups.state === 'idle') this.fetchGroups();
  }

  private fetchGroups(): void {
    const { conn } = this.state;
    if (conn) void this.load('groups', () => this.api.call('aws.xrayGroups', conn));
  }

  /** The list query from the filters on screen (status on the server; name and dates while paging). */
  private executionQuery(): ExecutionQuery | null {
    const { conn, selected, form } = this.state;
    if (!conn || !selected) return null;
    const after = localInputMs(form.fromInput);
    const before = localInputMs(form.toInput);
    return {
      ...conn,
      stateMachineArn: selected.stateMachineArn,
      pageSize: 100,
      ...(form.status ? { status: form.status } : {}),
      ...(form.nameQuery.trim() ? { nameContains: form.nameQuery.trim() } : {}),
      ...(after !== undefined ? { startedAfter: after } : {}),
      ...(before !== undefined ? { startedBefore: before } : {}),
    };
  }

  selectMachine(machine: MachineSummary): void {
    this.dispatch({ type: 'machine/select', machine });
    this.fetchExecutions();
  }

  /** Reads the first page of the selected machine's executions (Express machines keep no history to list). */
  fetchExecutions(): void {
    const q = this.executionQuery();
    if (!q) return;
    this.stopPolling();
    this.pollDelay = undefined;
    this.dispatch({ type: 'executions/clear', query: q });
    if (this.state.selected?.type === 'EXPRESS') {
      this.reset('executions');
      return;
    }
    void this.load('executions', () => this.api.call('aws.executions', q), {
      again: () => this.fetchExecutions(),
    }).then((page) => {
      if (!page) return;
      this.dispatch({ type: 'executions/page', page, append: false });
      this.schedulePoll();
    });
  }

  /** "Load more": the next page of the same query. */
  fetchMore(): void {
    const { execList, execQuery } = this.state;
    const token = execList?.nextToken;
    if (!execQuery || !token) return;
    void this.load('moreExecutions', () => this.api.call('aws.executions', { ...execQuery, nextToken: token }), {
      again: () => this.fetchMore(),
    }).then((page) => {
      if (!page) return;
      this.dispatch({ type: 'executions/page', page, append: true });
      this.schedulePoll();
    });
  }

  private stopPolling(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  /**
   * While the list has running executions, its first page is read again with a growing pause (5 s, 10 s, … 60 s),
   * paused while the window is hidden.
   */
  private schedulePoll(): void {
    this.stopPolling();
    const q = this.state.execQuery;
    if (!q || !hasRunning(this.state)) {
      if (this.state.pollMs !== undefined) this.dispatch({ type: 'poll', ms: undefined });
      return;
    }
    const delay = nextPollDelay(this.pollDelay);
    this.pollDelay = delay;
    this.dispatch({ type: 'poll', ms: delay });
    const tick = () => {
      if (hidden()) {
        this.pollTimer = setTimeout(tick, delay);
        return;
      }
      void this.api.call('aws.executions', q).then(
        (page) => {
          if (this.state.execQuery !== q) return;
          this.dispatch({ type: 'executions/refresh', rows: page.executions });
          this.schedulePoll();
        },
        () => undefined,
      );
    };
    this.pollTimer = setTimeout(tick, delay);
  }

  /** Opens an execution's page; Distributed Map iterations run as child executions, counted by their map runs. */
  openExecution(e: ExecutionSummary): void {
    const { conn, selected } = this.state;
    if (!conn || !selected) return;
    this.reset('mapRuns');
    void this.load('history', () => this.api.call('aws.history', { ...conn, executionArn: e.executionArn }), {
      again: () => this.openExecution(e),
    }).then((h) => {
      if (!h) return;
      this.dispatch({ type: 'execution/open', arn: e.executionArn });
      if (h.report.runs.some((r) => r.mapRunArn))
        void this.load('mapRuns', () => this.api.call('aws.mapRuns', { ...conn, executionArn: e.executionArn }));
    });
  }

  /** Reads the two ticked executions for the side-by-side comparison. */
  compare(): void {
    const { conn, compareArns } = this.state;
    if (!conn || compareArns.length !== 2) return;
    const [x, y] = compareArns as [string, string];
    void this.load('comparison', () =>
      Promise.all([
        this.api.call('aws.history', { ...conn, executionArn: x }),
        this.api.call('aws.history', { ...conn, executionArn: y }),
      ]),
    );
  }

  /** Reads the selected machine's definition and hands it to `onOpenDefinition`, to open like a local file. */
  openDefinition(): void {
    const { conn, selected: m } = this.state;
    if (!conn || !m) return;
    void this.load(
      'definition',
      async () =>
        (await this.api.call('aws.describeMachine', { ...conn, stateMachineArn: m.stateMachineArn })).definition,
      { again: () => this.openDefinition() },
    ).then((text) => {
      if (text !== undefined)
        this.handlers.onOpenDefinition?.({ name: m.name, stateMachineArn: m.stateMachineArn, text });
    });
  }

  /** The service graph and trace summaries for the range, group and filter on screen. */
  loadXray(): void {
    const { conn, form } = this.state;
    if (!conn) return;
    const range = rangeFor(form.rangeId);
    const g = form.group || undefined;
    const filter = form.filter.trim();
    void this.load(
      'xray',
      async () => {
        const [graph, summaries] = await Promise.all([
          this.api.call('aws.serviceGraph', { ...conn, ...range, ...(g ? { groupName: g } : {}) }),
          this.api.call('aws.traceSummaries', {
            ...conn,
            ...range,
            ...(filter ? { filterExpression: filter } : {}),
            maxTraces: 1000,
          }),
        ]);
        return { graph, summaries, ...range, ...(g ? { group: g } : {}) };
      },
      // Long ranges are read window by window: allow each 6-hour window its share of time.
      { limitMs: Math.max(this.timeoutMs, windowCount(form.rangeId) * 30_000) },
    );
  }

  /** Reads full traces (at most 100 ids per call) and hands them to `onOpenTraces`. */
  openTraces(ids: string[]): void {
    const { conn } = this.state;
    if (!conn || !ids.length) return;
    void this.load('traces', () => this.api.call('aws.batchGetTraces', { ...conn, traceIds: ids.slice(0, 100) }), {
      again: () => this.openTraces(ids),
    }).then((b) => {
      if (b) this.handlers.onOpenTraces?.(b);
    });
  }
}
