/**
 * The AWS side panel: pick a profile, region and (optionally) endpoint, see who you are connected as, browse
 * state machines and their executions, open a definition or an execution (with per-state runs for the overlay),
 * and read X-Ray service graphs and traces for a time range and group. Everything goes through the read-only
 * `aws.*` contract methods; the connection state and every error stay on screen, each error with a Retry.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Events, StatescopeApi } from '../../../shared/contract.ts';
import type {
  AwsConnectionArgs,
  AwsExecutionHistory,
  AwsIdentity,
  AwsProfiles,
  ExecutionStatusFilter,
  ExecutionSummary,
  HistoryEvent,
  JsonObject,
  MachineSummary,
  ServiceGraph,
  TraceBatch,
  TraceSummaries,
} from '../../../shared/sfn/aws-types.ts';
import type { ExecutionReport } from '../../../shared/sfn/history.ts';
import { errorMessage, getApi } from '../api.ts';
import { translate, type MessageKey } from '../i18n/index.ts';
import '../overlay/overlay.css';
import { CompareExecutions } from './CompareExecutions.tsx';
import { ExecutionDetails } from './ExecutionDetails.tsx';
import { executionDurationMs, localInputMs, mergeFirstPage, nextPollDelay, runStatusOf } from './executions.ts';
import {
  EXECUTION_STATUSES,
  RANGES,
  arnTail,
  formatDuration,
  formatTime,
  matchesSearch,
  rangeFor,
  windowCount,
  withTimeout,
  type Lang,
} from './model.ts';
import './aws.css';

/** What `onOpenExecution` receives: enough to draw the machine and colour it with the run. */
export interface AwsExecutionOpen {
  machineName: string;
  stateMachineArn: string;
  executionArn: string;
  executionName: string;
  /** The definition the execution ran (absent when the role may not read it): load it like a local file. */
  definitionText?: string;
  /** Per-state runs; pass `report` to `applyExecution(graph, report)` for the overlay. */
  report: ExecutionReport;
  events: HistoryEvent[];
  execution: Record<string, unknown>;
}

/** Props of `AwsPanel`. Every callback is optional; without one, the matching button is hidden. */
export interface AwsPanelProps {
  /** The contract client (default: `getApi()`); tests pass their own. */
  api?: StatescopeApi;
  /** UI language (default `en`). */
  lang?: Lang;
  /** Profile / region / endpoint to start with (default: the host's AWS_PROFILE / AWS_REGION / endpoint env). */
  initialConnection?: AwsConnectionArgs;
  /** Opens a machine's definition text as a document, exactly like a local file. */
  onOpenDefinition?: (definition: { name: string; stateMachineArn: string; text: string }) => void;
  /** Opens an execution: the lead draws the definition and overlays `report`. */
  onOpenExecution?: (run: AwsExecutionOpen) => void;
  /** Shows a service graph (GetServiceGraph shape) in the X-Ray view. */
  onOpenServiceGraph?: (graph: ServiceGraph, info: { startMs: number; endMs: number; group?: string }) => void;
  /** Shows full traces (BatchGetTraces shape) in the X-Ray view. */
  onOpenTraces?: (batch: TraceBatch) => void;
  /** Longest wait for one host call before the panel gives up and offers Retry (default 120 s). */
  timeoutMs?: number;
}

type ExecutionPageResult = { executions: ExecutionSummary[]; truncated: boolean; nextToken?: string };

type Load<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; data: T }
  | { state: 'error'; message: string; code?: string; retry: () => void };

const TEXT = {
  en: {
    title: 'AWS (read-only)',
    profile: 'Profile',
    defaultChain: '(default credential chain)',
    region: 'Region',
    regionDefault: '(profile default)',
    endpoint: 'Endpoint',
    endpointHint: 'optional, e.g. http://localhost:4566',
    connect: 'Connect',
    reconnect: 'Reconnect',
    notConnected: 'Not connected',
    connecting: 'Connecting…',
    connectedAs: 'Connected',
    failed: 'Connection failed',
    retry: 'Retry',
    loading: 'Loading…',
    sfn: 'Step Functions',
    xray: 'X-Ray',
    search: 'Search machines',
    allTypes: 'All types',
    refresh: 'Refresh',
    noMachines: 'No state machines.',
    noMatch: 'No machine matches the search.',
    more: (n: number) => `${n} more: refine the search.`,
    executions: 'Executions',
    allStatuses: 'All statuses',
    noExecutions: 'No executions.',
    openDefinition: 'Open definition',
    openExecution: 'Open',
    opened: 'Opened',
    selectMachine: 'Select a state machine to see its executions.',
    mapRuns: 'Distributed Map runs',
    express:
      'Express workflows keep no execution history in Step Functions (it goes to CloudWatch Logs when logging is on).',
    range: 'Time range',
    group: 'Group',
    filter: 'Filter expression',
    filterHint: 'e.g. service("orders") AND error',
    load: 'Load',
    windows: (n: number) => (n > 1 ? `read in ${n} six-hour windows` : ''),
    services: (n: number) => `${n} service${n === 1 ? '' : 's'}`,
    traces: (n: number, processed: number) => `${n} trace${n === 1 ? '' : 's'} (${processed} processed)`,
    openMap: 'Show service map',
    openTraces: (n: number) => `Open ${n} trace${n === 1 ? '' : 's'}`,
    noTraces: 'No traces in this range.',
    readOnly: 'Statescope only reads: it cannot change anything in the account.',
  },
  ko: {
    title: 'AWS (읽기 전용)',
    profile: '프로필',
    defaultChain: '(기본 자격 증명 체인)',
    region: '리전',
    regionDefault: '(프로필 기본값)',
    endpoint: '엔드포인트',
    endpointHint: '선택 사항, 예: http://localhost:4566',
    connect: '연결',
    reconnect: '다시 연결',
    notConnected: '연결되지 않음',
    connecting: '연결 중…',
    connectedAs: '연결됨',
    failed: '연결 실패',
    retry: '다시 시도',
    loading: '불러오는 중…',
    sfn: 'Step Functions',
    xray: 'X-Ray',
    search: '상태 머신 검색',
    allTypes: '모든 유형',
    refresh: '새로 고침',
    noMachines: '상태 머신이 없습니다.',
    noMatch: '검색과 일치하는 상태 머신이 없습니다.',
    more: (n: number) => `${n}개 더 있음: 검색어를 좁혀 주세요.`,
    executions: '실행',
    allStatuses: '모든 상태',
    noExecutions: '실행이 없습니다.',
    openDefinition: '정의 열기',
    openExecution: '열기',
    opened: '열림',
    selectMachine: '상태 머신을 선택하면 실행 목록이 나타납니다.',
    mapRuns: '분산 맵 실행',
    express: 'Express 워크플로는 Step Functions에 실행 기록을 남기지 않습니다(로깅을 켜면 CloudWatch Logs에 남습니다).',
    range: '시간 범위',
    group: '그룹',
    filter: '필터 식',
    filterHint: '예: service("orders") AND error',
    load: '불러오기',
    windows: (n: number) => (n > 1 ? `6시간 구간 ${n}개로 나누어 읽음` : ''),
    services: (n: number) => `서비스 ${n}개`,
    traces: (n: number, processed: number) => `트레이스 ${n}개 (${processed}개 처리)`,
    openMap: '서비스 맵 보기',
    openTraces: (n: number) => `트레이스 ${n}개 열기`,
    noTraces: '이 범위에 트레이스가 없습니다.',
    readOnly: 'Statescope는 읽기만 합니다. 계정의 어떤 것도 바꿀 수 없습니다.',
  },
} as const;

const MAX_ROWS = 500;

function codeOf(err: unknown): string | undefined {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** One async slot: a request number guards against a slow old answer overwriting a newer one. */
function useLoad<T>(timeoutMs: number, what: string) {
  const [value, setValue] = useState<Load<T>>({ state: 'idle' });
  const seq = useRef(0);
  const run = useCallback(
    (fn: () => Promise<T>, limitMs = timeoutMs): Promise<T | undefined> => {
      const id = ++seq.current;
      setValue({ state: 'loading' });
      return withTimeout(fn(), limitMs, what).then(
        (data) => {
          if (id === seq.current) setValue({ state: 'done', data });
          return data;
        },
        (err: unknown) => {
          if (id === seq.current) {
            const code = codeOf(err);
            setValue({
              state: 'error',
              message: errorMessage(err),
              ...(code ? { code } : {}),
              retry: () => void run(fn, limitMs),
            });
          }
          return undefined;
        },
      );
    },
    [timeoutMs, what],
  );
  const reset = useCallback(() => {
    seq.current++;
    setValue({ state: 'idle' });
  }, []);
  return [value, run, reset] as const;
}

/** Error codes the i18n dictionaries have a heading for. */
const TRANSLATED_CODES = new Set([
  'aws-timeout',
  'aws-cancelled',
  'aws-network',
  'aws-tls',
  'aws-unknown-profile',
  'aws-sso-expired',
  'aws-mfa-required',
  'aws-sts',
  'aws-no-credentials',
  'aws-bad-credentials',
  'aws-credentials-expired',
  'aws-access-denied',
  'aws-throttled',
  'aws-region',
  'aws-not-found',
  'aws-endpoint',
  'aws-unsupported',
  'aws-invalid-request',
  'aws-read-only',
  'aws-error',
]);

function ErrorBox({ load, retryLabel, lang = 'en' }: { load: Load<unknown>; retryLabel: string; lang?: Lang }) {
  if (load.state !== 'error') return null;
  // The heading is in the UI language; the detail keeps the names (profile, endpoint, command) AWS uses.
  const heading =
    load.code && TRANSLATED_CODES.has(load.code) ? translate(lang, `aws.err.${load.code}` as MessageKey) : undefined;
  const login = load.code === 'aws-sso-expired' ? /Run: (aws sso login [^\s]+ \S+)/.exec(load.message)?.[1] : undefined;
  return (
    <div className="aws-error" role="alert" data-code={load.code}>
      <span className="aws-error-text">
        {heading ? <strong className="aws-error-heading">{heading}. </strong> : null}
        {load.message}
        {login ? (
          <span className="aws-error-hint">
            {' '}
            {translate(lang, 'aws.ssoHint')} <code>{login}</code>
          </span>
        ) : null}
      </span>
      <button type="button" className="aws-button" onClick={load.retry}>
        {retryLabel}
      </button>
    </div>
  );
}

function Busy({
  load,
  label,
  onCancel,
  cancelLabel,
}: {
  load: Load<unknown>;
  label: string;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  return load.state === 'loading' ? (
    <div className="aws-busy" role="status" aria-live="polite">
      <span className="aws-spinner" aria-hidden="true" />
      {label}
      {onCancel ? (
        <button type="button" className="aws-button aws-small" onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : null}
    </div>
  ) : null;
}

/** A status chip in the overlay's colour for that status, so the list and the graph agree (ABORTED, TIMED_OUT…). */
function Badge({ status, children }: { status: string; children?: ReactNode }) {
  return <span className={`aws-badge is-${runStatusOf(status)}`}>{children ?? status}</span>;
}

/** The AWS panel. See `AwsPanelProps`. */
export function AwsPanel({
  api: apiProp,
  lang = 'en',
  initialConnection,
  onOpenDefinition,
  onOpenExecution,
  onOpenServiceGraph,
  onOpenTraces,
  timeoutMs = 120_000,
}: AwsPanelProps) {
  const t = TEXT[lang];
  const api = useMemo(() => apiProp ?? getApi(), [apiProp]);

  const [profile, setProfile] = useState(initialConnection?.profile ?? '');
  const [region, setRegion] = useState(initialConnection?.region ?? '');
  const [endpoint, setEndpoint] = useState(initialConnection?.endpoint ?? '');
  const [conn, setConn] = useState<AwsConnectionArgs | null>(null);
  const [tab, setTab] = useState<'sfn' | 'xray'>('sfn');

  const [profiles, loadProfiles] = useLoad<AwsProfiles>(timeoutMs, 'aws.profiles');
  const [identity, loadIdentity] = useLoad<AwsIdentity>(timeoutMs, 'aws.connect');
  const [machines, loadMachines, resetMachines] = useLoad<MachineSummary[]>(timeoutMs, 'aws.machines');
  const [executions, loadExecutions, resetExecutions] = useLoad<ExecutionPageResult>(timeoutMs, 'aws.executions');
  const [moreExecutions, loadMoreExecutions, resetMoreExecutions] = useLoad<ExecutionPageResult>(
    timeoutMs,
    'aws.executions',
  );
  // The rows shown: the first page and every page loaded after it ("Load more").
  const [execList, setExecList] = useState<{ rows: ExecutionSummary[]; nextToken?: string } | null>(null);
  const [history, loadHistory, resetHistory] = useLoad<AwsExecutionHistory>(timeoutMs, 'aws.history');
  const [definition, loadDefinition] = useLoad<string>(timeoutMs, 'aws.describeMachine');
  const [groups, loadGroups, resetGroups] = useLoad<JsonObject[]>(timeoutMs, 'aws.xrayGroups');
  const [xray, loadXray, resetXray] = useLoad<{
    graph: ServiceGraph;
    summaries: TraceSummaries;
    startMs: number;
    endMs: number;
    group?: string;
  }>(timeoutMs, 'X-Ray');
  const [traces, loadTraces] = useLoad<TraceBatch>(timeoutMs, 'aws.batchGetTraces');
  const [mapRuns, loadMapRuns, resetMapRuns] = useLoad<JsonObject[]>(timeoutMs, 'aws.mapRuns');
  const [comparison, loadComparison, resetComparison] = useLoad<[AwsExecutionHistory, AwsExecutionHistory]>(
    timeoutMs,
    'aws.history',
  );
  /** Up to two executions ticked for comparison (the oldest tick drops out when a third is ticked). */
  const [compareArns, setCompareArns] = useState<string[]>([]);

  const [search, setSearch] = useState('');
  const [type, setType] = useState<'' | 'STANDARD' | 'EXPRESS'>('');
  const [selected, setSelected] = useState<MachineSummary | null>(null);
  const [status, setStatus] = useState<'' | ExecutionStatusFilter>('');
  const [openedExec, setOpenedExec] = useState<string | null>(null);
  const [rangeId, setRangeId] = useState('1h');
  const [group, setGroup] = useState('');
  const [filter, setFilter] = useState('');
  const [nameQuery, setNameQuery] = useState('');
  const [fromInput, setFromInput] = useState('');
  const [toInput, setToInput] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const [mfaCode, setMfaCode] = useState('');
  const [pollMs, setPollMs] = useState<number | undefined>(undefined);
  const pollRef = useRef<number | undefined>(undefined);
  const tr = useCallback(
    (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars),
    [lang],
  );
  // Retries the host reports while they happen (throttling, a dropped connection); the notice fades after 15 s.
  const [retry, setRetry] = useState<Events['aws.retry'] | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('aws.retry', (r) => {
      setRetry(r);
      clearTimeout(timer);
      timer = setTimeout(() => setRetry(null), 15_000);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api]);
  const cancel = useCallback(() => void api.call('aws.cancel', {}).catch(() => undefined), [api]);

  // The last profile, region and endpoint first, then the host's env defaults fill the pickers still empty.
  useEffect(() => {
    const remembered = initialConnection
      ? Promise.resolve(undefined)
      : api.call('settings.get', {}).catch(() => undefined);
    void remembered
      .then((st) => {
        if (st?.lastProfile) setProfile((cur) => cur || st.lastProfile!);
        if (st?.lastRegion) setRegion((cur) => cur || st.lastRegion!);
        if (st?.lastEndpoint) setEndpoint((cur) => cur || st.lastEndpoint!);
        return loadProfiles(() => api.call('aws.profiles', {}));
      })
      .then((p) => {
        if (!p) return;
        setProfile((cur) => cur || (p.profiles.some((x) => x.name === p.defaultProfile) ? p.defaultProfile : ''));
        setRegion((cur) => cur || p.defaultRegion || '');
        setEndpoint((cur) => cur || p.endpoint || '');
      });
    // Only on start: initialConnection is the starting point, not a live binding.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, loadProfiles]);

  const connArgs = useCallback((): AwsConnectionArgs => {
    const c: AwsConnectionArgs = {};
    if (profile) c.profile = profile;
    if (region) c.region = region;
    if (endpoint.trim()) c.endpoint = endpoint.trim();
    return c;
  }, [profile, region, endpoint]);

  const fetchMachines = useCallback(
    (c: AwsConnectionArgs, ty: '' | 'STANDARD' | 'EXPRESS') =>
      loadMachines(() => api.call('aws.machines', { ...c, ...(ty ? { type: ty } : {}) })),
    [api, loadMachines],
  );

  const connect = useCallback(
    (code?: string) => {
      const c = connArgs();
      setConn(null);
      setSelected(null);
      setOpenedExec(null);
      setExecList(null);
      resetMachines();
      resetExecutions();
      resetHistory();
      resetGroups();
      resetXray();
      // The MFA code is used for this connect only; it is never kept or stored.
      void loadIdentity(() => api.call('aws.connect', code ? { ...c, mfaCode: code } : c)).then((id) => {
        setMfaCode('');
        if (!id) return;
        setConn(c);
        const remember = {
          ...(c.profile ? { lastProfile: c.profile } : {}),
          ...(c.region ? { lastRegion: c.region } : {}),
          ...(c.endpoint ? { lastEndpoint: c.endpoint } : {}),
        };
        if (Object.keys(remember).length) void api.call('settings.set', remember).catch(() => undefined);
        void fetchMachines(c, type);
      });
    },
    [
      api,
      connArgs,
      fetchMachines,
      loadIdentity,
      resetExecutions,
      resetGroups,
      resetHistory,
      resetMachines,
      resetXray,
      type,
    ],
  );

  // Changing a picker after connecting means the shown data no longer matches: say so, and offer Reconnect.
  const stale = conn !== null && JSON.stringify(conn) !== JSON.stringify(connArgs());

  /** The list query from the filters on screen (status on the server; name and dates while paging). */
  const execQuery = useCallback(
    (m: MachineSummary, st: '' | ExecutionStatusFilter) => {
      if (!conn) return null;
      const after = localInputMs(fromInput);
      const before = localInputMs(toInput);
      return {
        ...conn,
        stateMachineArn: m.stateMachineArn,
        pageSize: 100,
        ...(st ? { status: st } : {}),
        ...(nameQuery.trim() ? { nameContains: nameQuery.trim() } : {}),
        ...(after !== undefined ? { startedAfter: after } : {}),
        ...(before !== undefined ? { startedBefore: before } : {}),
      };
    },
    [conn, fromInput, nameQuery, toInput],
  );

  const fetchExecutions = useCallback(
    (m: MachineSummary, st: '' | ExecutionStatusFilter) => {
      const q = execQuery(m, st);
      if (!q) return;
      setOpenedExec(null);
      resetHistory();
      resetMoreExecutions();
      resetComparison();
      setCompareArns([]);
      setExecList(null);
      pollRef.current = undefined;
      if (m.type === 'EXPRESS') {
        resetExecutions();
        return;
      }
      void loadExecutions(() => api.call('aws.executions', q)).then((page) => {
        if (page) setExecList({ rows: page.executions, ...(page.nextToken ? { nextToken: page.nextToken } : {}) });
      });
    },
    [api, execQuery, loadExecutions, resetComparison, resetExecutions, resetHistory, resetMoreExecutions],
  );

  const fetchMore = useCallback(() => {
    const token = execList?.nextToken;
    const q = selected ? execQuery(selected, status) : null;
    if (!q || !token) return;
    void loadMoreExecutions(() => api.call('aws.executions', { ...q, nextToken: token })).then((page) => {
      if (page)
        setExecList((cur) => ({
          rows: [...(cur?.rows ?? []), ...page.executions],
          ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        }));
    });
  }, [api, execList, execQuery, loadMoreExecutions, selected, status]);

  const running = Boolean(execList?.rows.some((e) => e.status === 'RUNNING'));
  // Running executions: their durations tick every second (not while the window is hidden)…
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) setNow(Date.now());
    }, 1000);
    return () => clearInterval(id);
  }, [running]);
  // …and the first page is read again with a growing pause (5 s, 10 s, … 60 s), paused while hidden.
  useEffect(() => {
    const q = selected && running ? execQuery(selected, status) : null;
    if (!q) {
      setPollMs(undefined);
      return;
    }
    const delay = nextPollDelay(pollRef.current);
    pollRef.current = delay;
    setPollMs(delay);
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      if (typeof document !== 'undefined' && document.hidden) {
        timer = setTimeout(tick, delay);
        return;
      }
      void api.call('aws.executions', q).then(
        (page) => setExecList((cur) => (cur ? { ...cur, rows: mergeFirstPage(cur.rows, page.executions) } : cur)),
        () => undefined,
      );
    };
    timer = setTimeout(tick, delay);
    return () => clearTimeout(timer);
  }, [api, execList, execQuery, running, selected, status]);

  const openExecution = useCallback(
    (e: ExecutionSummary) => {
      if (!conn || !selected) return;
      resetMapRuns();
      void loadHistory(() => api.call('aws.history', { ...conn, executionArn: e.executionArn })).then((h) => {
        if (!h) return;
        setOpenedExec(e.executionArn);
        // Distributed Map iterations run as child executions: their counts come from the map runs.
        if (h.report.runs.some((r) => r.mapRunArn))
          void loadMapRuns(() => api.call('aws.mapRuns', { ...conn, executionArn: e.executionArn }));
      });
    },
    [api, conn, loadHistory, loadMapRuns, resetMapRuns, selected],
  );

  const compare = useCallback(() => {
    if (!conn || compareArns.length !== 2) return;
    const [x, y] = compareArns as [string, string];
    void loadComparison(async () => {
      const [a, b] = await Promise.all([
        api.call('aws.history', { ...conn, executionArn: x }),
        api.call('aws.history', { ...conn, executionArn: y }),
      ]);
      return [a, b] as [AwsExecutionHistory, AwsExecutionHistory];
    });
  }, [api, compareArns, conn, loadComparison]);

  /** Draws the opened execution on its machine (the graph tab). */
  const showOnGraph = useCallback(() => {
    if (history.state !== 'done' || !selected || !openedExec) return;
    const h = history.data;
    const run: AwsExecutionOpen = {
      machineName: selected.name,
      stateMachineArn: selected.stateMachineArn,
      executionArn: openedExec,
      executionName: String(h.execution.name ?? arnTail(openedExec)),
      report: h.report,
      events: h.events,
      execution: h.execution,
    };
    if (h.definition?.definition) run.definitionText = h.definition.definition;
    onOpenExecution?.(run);
  }, [history, onOpenExecution, openedExec, selected]);

  const openDefinition = useCallback(() => {
    if (!conn || !selected) return;
    const m = selected;
    void loadDefinition(
      async () => (await api.call('aws.describeMachine', { ...conn, stateMachineArn: m.stateMachineArn })).definition,
    ).then((text) => {
      if (text !== undefined) onOpenDefinition?.({ name: m.name, stateMachineArn: m.stateMachineArn, text });
    });
  }, [api, conn, loadDefinition, onOpenDefinition, selected]);

  useEffect(() => {
    if (tab === 'xray' && conn && groups.state === 'idle') void loadGroups(() => api.call('aws.xrayGroups', conn));
  }, [api, conn, groups.state, loadGroups, tab]);

  const loadXrayData = useCallback(() => {
    if (!conn) return;
    const range = rangeFor(rangeId);
    const g = group || undefined;
    void loadXray(
      async () => {
        const [graph, summaries] = await Promise.all([
          api.call('aws.serviceGraph', { ...conn, ...range, ...(g ? { groupName: g } : {}) }),
          api.call('aws.traceSummaries', {
            ...conn,
            ...range,
            ...(filter.trim() ? { filterExpression: filter.trim() } : {}),
            maxTraces: 1000,
          }),
        ]);
        return { graph, summaries, ...range, ...(g ? { group: g } : {}) };
        // Long ranges are read window by window: allow each 6-hour window its share of time.
      },
      Math.max(timeoutMs, windowCount(rangeId) * 30_000),
    );
  }, [api, conn, filter, group, loadXray, rangeId, timeoutMs]);

  const openTraceIds = useCallback(
    (ids: string[]) => {
      if (!conn || !ids.length) return;
      void loadTraces(() => api.call('aws.batchGetTraces', { ...conn, traceIds: ids.slice(0, 100) })).then((b) => {
        if (b) onOpenTraces?.(b);
      });
    },
    [api, conn, loadTraces, onOpenTraces],
  );

  const filtered = useMemo(
    () => (machines.state === 'done' ? machines.data.filter((m) => matchesSearch(m, search)) : []),
    [machines, search],
  );

  const profileList = profiles.state === 'done' ? profiles.data.profiles : [];
  const regionList = profiles.state === 'done' ? profiles.data.regions : [];

  let connectionLine: ReactNode;
  if (identity.state === 'loading') connectionLine = <span className="aws-conn aws-tone-busy">{t.connecting}</span>;
  else if (identity.state === 'error') connectionLine = <span className="aws-conn aws-tone-bad">{t.failed}</span>;
  else if (identity.state === 'done' && conn)
    connectionLine = (
      <span className="aws-conn aws-tone-ok" title={identity.data.arn}>
        {t.connectedAs}: {identity.data.arn} · {identity.data.account} · {identity.data.region}
        {identity.data.endpoint ? ` · ${identity.data.endpoint}` : ''}
      </span>
    );
  else connectionLine = <span className="aws-conn aws-tone-dim">{t.notConnected}</span>;

  return (
    <section className="aws-panel" aria-label={t.title}>
      <header className="aws-header">
        <h2 className="aws-title">{t.title}</h2>
        <div className="aws-status" role="status" aria-live="polite" data-testid="aws-connection">
          <span
            className={`aws-dot aws-tone-${identity.state === 'done' && conn ? 'ok' : identity.state === 'error' ? 'bad' : identity.state === 'loading' ? 'busy' : 'dim'}`}
            aria-hidden="true"
          />
          {connectionLine}
          {stale ? <span className="aws-stale"> · {t.reconnect}?</span> : null}
        </div>
      </header>

      <form
        className="aws-connect"
        onSubmit={(e) => {
          e.preventDefault();
          connect();
        }}
      >
        <label>
          {t.profile}
          <select value={profile} onChange={(e) => setProfile(e.target.value)} aria-label={t.profile}>
            <option value="">{t.defaultChain}</option>
            {profile && !profileList.some((p) => p.name === profile) ? (
              <option value={profile}>{profile}</option>
            ) : null}
            {profileList.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} ({p.kind}
                {p.region ? `, ${p.region}` : ''})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.region}
          <select value={region} onChange={(e) => setRegion(e.target.value)} aria-label={t.region}>
            <option value="">{t.regionDefault}</option>
            {(regionList.includes(region) || !region ? regionList : [region, ...regionList]).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="aws-grow">
          {t.endpoint}
          <input
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value)}
            placeholder={t.endpointHint}
            aria-label={t.endpoint}
            spellCheck={false}
          />
        </label>
        <button
          type="submit"
          className="aws-button aws-primary"
          disabled={identity.state === 'loading' || profiles.state === 'loading'}
        >
          {conn ? t.reconnect : t.connect}
        </button>
      </form>
      <Busy load={identity} label={t.connecting} onCancel={cancel} cancelLabel={tr('aws.cancel')} />
      <ErrorBox load={profiles} retryLabel={t.retry} lang={lang} />
      <ErrorBox load={identity} retryLabel={t.retry} lang={lang} />
      {/* The role's session can end later too (a list or history call then needs a new code): ask the same way. */}
      {[identity, machines, executions, moreExecutions, history, comparison].some(
        (l) => l.state === 'error' && l.code === 'aws-mfa-required',
      ) ? (
        <form
          className="aws-mfa"
          role="dialog"
          aria-label={tr('aws.mfaTitle', { profile: profile || 'default' })}
          data-testid="aws-mfa"
          onSubmit={(e) => {
            e.preventDefault();
            if (/^\d{6}$/.test(mfaCode)) connect(mfaCode);
          }}
        >
          <strong>{tr('aws.mfaTitle', { profile: profile || 'default' })}</strong>
          <span className="aws-note">{tr('aws.mfaHint')}</span>
          <div className="aws-row">
            <input
              value={mfaCode}
              onChange={(e) => setMfaCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
              inputMode="numeric"
              autoComplete="one-time-code"
              aria-label={tr('aws.mfaCode')}
              placeholder="123456"
              autoFocus
            />
            <button type="submit" className="aws-button aws-primary" disabled={!/^\d{6}$/.test(mfaCode)}>
              {t.connect}
            </button>
          </div>
        </form>
      ) : null}
      {retry ? (
        <p className="aws-note aws-tone-warn" role="status" data-testid="aws-retry">
          {tr('aws.retrying', {
            operation: retry.operation,
            attempt: retry.attempt,
            max: retry.maxAttempts,
            reason: retry.reason,
          })}
        </p>
      ) : null}
      <p className="aws-note">{t.readOnly}</p>

      {conn ? (
        <>
          <div className="aws-tabs" role="tablist">
            {(['sfn', 'xray'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className={`aws-tab${tab === k ? ' aws-active' : ''}`}
                onClick={() => setTab(k)}
              >
                {t[k]}
              </button>
            ))}
          </div>

          {tab === 'sfn' ? (
            <div className="aws-body" role="tabpanel">
              <div className="aws-row">
                <input
                  className="aws-grow"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                  placeholder={t.search}
                  aria-label={t.search}
                  type="search"
                />
                <select
                  value={type}
                  aria-label={t.allTypes}
                  onChange={(e) => {
                    const v = e.target.value as '' | 'STANDARD' | 'EXPRESS';
                    setType(v);
                    void fetchMachines(conn, v);
                  }}
                >
                  <option value="">{t.allTypes}</option>
                  <option value="STANDARD">STANDARD</option>
                  <option value="EXPRESS">EXPRESS</option>
                </select>
                <button type="button" className="aws-button" onClick={() => void fetchMachines(conn, type)}>
                  {t.refresh}
                </button>
              </div>
              <Busy load={machines} label={t.loading} onCancel={cancel} cancelLabel={tr('aws.cancel')} />
              <ErrorBox load={machines} retryLabel={t.retry} lang={lang} />
              {machines.state === 'done' ? (
                machines.data.length === 0 ? (
                  <p className="aws-empty">{t.noMachines}</p>
                ) : filtered.length === 0 ? (
                  <p className="aws-empty">{t.noMatch}</p>
                ) : (
                  <ul className="aws-list" aria-label={t.sfn}>
                    {filtered.slice(0, MAX_ROWS).map((m) => (
                      <li key={m.stateMachineArn}>
                        <button
                          type="button"
                          className={`aws-item${selected?.stateMachineArn === m.stateMachineArn ? ' aws-selected' : ''}`}
                          title={m.stateMachineArn}
                          onClick={() => {
                            setSelected(m);
                            fetchExecutions(m, status);
                          }}
                        >
                          <span className="aws-name">{m.name}</span>
                          {m.type ? <span className="aws-type">{m.type}</span> : null}
                        </button>
                      </li>
                    ))}
                    {filtered.length > MAX_ROWS ? (
                      <li className="aws-empty">{t.more(filtered.length - MAX_ROWS)}</li>
                    ) : null}
                  </ul>
                )
              ) : null}

              <h3 className="aws-subtitle">
                {t.executions}
                {selected ? `: ${selected.name}` : ''}
              </h3>
              {selected ? (
                <>
                  <div className="aws-row">
                    <select
                      value={status}
                      aria-label={t.allStatuses}
                      onChange={(e) => {
                        const v = e.target.value as '' | ExecutionStatusFilter;
                        setStatus(v);
                        fetchExecutions(selected, v);
                      }}
                    >
                      <option value="">{t.allStatuses}</option>
                      {EXECUTION_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </select>
                    <button type="button" className="aws-button" onClick={() => fetchExecutions(selected, status)}>
                      {t.refresh}
                    </button>
                    {onOpenDefinition ? (
                      <button
                        type="button"
                        className="aws-button"
                        onClick={openDefinition}
                        disabled={definition.state === 'loading'}
                      >
                        {t.openDefinition}
                      </button>
                    ) : null}
                  </div>
                  <Busy load={definition} label={t.loading} />
                  <ErrorBox load={definition} retryLabel={t.retry} lang={lang} />
                  {selected.type === 'EXPRESS' ? <p className="aws-note">{t.express}</p> : null}
                  <form
                    className="aws-row"
                    onSubmit={(e) => {
                      e.preventDefault();
                      fetchExecutions(selected, status);
                    }}
                  >
                    <input
                      className="aws-grow"
                      type="search"
                      value={nameQuery}
                      onChange={(e) => setNameQuery(e.target.value)}
                      placeholder={tr('aws.searchExecutions')}
                      aria-label={tr('aws.searchExecutions')}
                    />
                    <label>
                      {tr('aws.startedFrom')}
                      <input
                        type="datetime-local"
                        value={fromInput}
                        onChange={(e) => setFromInput(e.target.value)}
                        aria-label={tr('aws.startedFrom')}
                      />
                    </label>
                    <label>
                      {tr('aws.startedTo')}
                      <input
                        type="datetime-local"
                        value={toInput}
                        onChange={(e) => setToInput(e.target.value)}
                        aria-label={tr('aws.startedTo')}
                      />
                    </label>
                    <button type="submit" className="aws-button">
                      {tr('aws.apply')}
                    </button>
                  </form>
                  <Busy load={executions} label={t.loading} onCancel={cancel} cancelLabel={tr('aws.cancel')} />
                  <ErrorBox load={executions} retryLabel={t.retry} lang={lang} />
                  {execList ? (
                    execList.rows.length === 0 ? (
                      <p className="aws-empty">{t.noExecutions}</p>
                    ) : (
                      <div className="aws-table-wrap">
                        <table
                          className="aws-table aws-exec-list"
                          aria-label={t.executions}
                          data-testid="aws-executions"
                        >
                          <thead>
                            <tr>
                              <th>{tr('aws.compare')}</th>
                              <th>{tr('aws.colStatus')}</th>
                              <th>{tr('aws.colName')}</th>
                              <th>{tr('aws.colStarted')}</th>
                              <th>{tr('aws.colEnded')}</th>
                              <th>{tr('aws.colDuration')}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {execList.rows.map((e) => (
                              <tr
                                key={e.executionArn}
                                className={openedExec === e.executionArn ? 'aws-selected' : ''}
                                data-status={e.status}
                              >
                                <td>
                                  <input
                                    type="checkbox"
                                    aria-label={tr('aws.compareSelect', { name: e.name })}
                                    checked={compareArns.includes(e.executionArn)}
                                    onChange={(ev) => {
                                      const on = ev.target.checked;
                                      setCompareArns((cur) =>
                                        on
                                          ? [...cur.filter((x) => x !== e.executionArn), e.executionArn].slice(-2)
                                          : cur.filter((x) => x !== e.executionArn),
                                      );
                                    }}
                                  />
                                </td>
                                <td>
                                  <Badge status={e.status} />
                                  {e.redriveCount ? (
                                    <span className="aws-note"> {tr('aws.redriven', { n: e.redriveCount })}</span>
                                  ) : null}
                                </td>
                                <td>
                                  <button
                                    type="button"
                                    className="aws-link aws-exec-open"
                                    title={e.executionArn}
                                    disabled={history.state === 'loading'}
                                    onClick={() => openExecution(e)}
                                  >
                                    {e.name}
                                  </button>
                                </td>
                                <td className="aws-time">{formatTime(e.startDate)}</td>
                                <td className="aws-time">{formatTime(e.stopDate)}</td>
                                <td
                                  className="aws-time"
                                  data-testid={e.status === 'RUNNING' ? 'aws-running-duration' : undefined}
                                >
                                  {formatDuration(executionDurationMs(e, now))}
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                        <div className="aws-row">
                          <span className="aws-note">
                            {execList.nextToken
                              ? tr('aws.listed', { n: execList.rows.length })
                              : tr('aws.allListed', { n: execList.rows.length })}
                          </span>
                          {execList.nextToken ? (
                            <button
                              type="button"
                              className="aws-button"
                              onClick={fetchMore}
                              disabled={moreExecutions.state === 'loading'}
                            >
                              {tr('aws.loadMore')}
                            </button>
                          ) : null}
                          {pollMs ? (
                            <span className="aws-note">{tr('aws.polling', { s: Math.round(pollMs / 1000) })}</span>
                          ) : null}
                          <span className="aws-spacer" />
                          <button
                            type="button"
                            className="aws-button"
                            disabled={compareArns.length !== 2 || comparison.state === 'loading'}
                            onClick={compare}
                          >
                            {tr('aws.compareTwo')}
                          </button>
                        </div>
                        <Busy
                          load={moreExecutions}
                          label={t.loading}
                          onCancel={cancel}
                          cancelLabel={tr('aws.cancel')}
                        />
                        <ErrorBox load={moreExecutions} retryLabel={t.retry} lang={lang} />
                      </div>
                    )
                  ) : null}
                  <Busy load={comparison} label={t.loading} onCancel={cancel} cancelLabel={tr('aws.cancel')} />
                  <ErrorBox load={comparison} retryLabel={t.retry} lang={lang} />
                  {comparison.state === 'done' ? (
                    <CompareExecutions
                      a={comparison.data[0]}
                      b={comparison.data[1]}
                      lang={lang}
                      onClose={resetComparison}
                    />
                  ) : null}
                  <Busy load={history} label={t.loading} onCancel={cancel} cancelLabel={tr('aws.cancel')} />
                  <ErrorBox load={history} retryLabel={t.retry} lang={lang} />
                  {history.state === 'done' && openedExec ? (
                    <ExecutionDetails
                      key={openedExec}
                      history={history.data}
                      lang={lang}
                      {...(onOpenExecution ? { onShowOnGraph: showOnGraph } : {})}
                      {...(onOpenTraces ? { onOpenTrace: (id: string) => openTraceIds([id]) } : {})}
                    />
                  ) : null}
                  <Busy load={mapRuns} label={t.loading} />
                  <ErrorBox load={mapRuns} retryLabel={t.retry} lang={lang} />
                  {mapRuns.state === 'done' && mapRuns.data.length ? (
                    <MapRuns runs={mapRuns.data} title={t.mapRuns} />
                  ) : null}
                </>
              ) : (
                <p className="aws-empty">{t.selectMachine}</p>
              )}
            </div>
          ) : (
            <div className="aws-body" role="tabpanel">
              <div className="aws-row">
                <label>
                  {t.range}
                  <select value={rangeId} onChange={(e) => setRangeId(e.target.value)} aria-label={t.range}>
                    {RANGES.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r[lang]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t.group}
                  <select value={group} onChange={(e) => setGroup(e.target.value)} aria-label={t.group}>
                    <option value="">Default</option>
                    {(groups.state === 'done' ? groups.data : [])
                      .map((g) => String(g.GroupName ?? ''))
                      .filter((n) => n && n !== 'Default')
                      .map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                  </select>
                </label>
              </div>
              <ErrorBox load={groups} retryLabel={t.retry} lang={lang} />
              <div className="aws-row">
                <input
                  className="aws-grow"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  placeholder={t.filterHint}
                  aria-label={t.filter}
                  spellCheck={false}
                />
                <button
                  type="button"
                  className="aws-button aws-primary"
                  onClick={loadXrayData}
                  disabled={xray.state === 'loading'}
                >
                  {t.load}
                </button>
              </div>
              {windowCount(rangeId) > 1 ? <p className="aws-note">{t.windows(windowCount(rangeId))}</p> : null}
              <Busy load={xray} label={t.loading} onCancel={cancel} cancelLabel={tr('aws.cancel')} />
              <ErrorBox load={xray} retryLabel={t.retry} lang={lang} />
              {xray.state === 'done' ? (
                <>
                  <div className="aws-row">
                    <span>{t.services(xray.data.graph.Services.length)}</span>
                    {onOpenServiceGraph && xray.data.graph.Services.length ? (
                      <button
                        type="button"
                        className="aws-button"
                        onClick={() =>
                          onOpenServiceGraph(xray.data.graph, {
                            startMs: xray.data.startMs,
                            endMs: xray.data.endMs,
                            ...(xray.data.group ? { group: xray.data.group } : {}),
                          })
                        }
                      >
                        {t.openMap}
                      </button>
                    ) : null}
                  </div>
                  <div className="aws-row">
                    <span>
                      {t.traces(xray.data.summaries.TraceSummaries.length, xray.data.summaries.TracesProcessedCount)}
                    </span>
                    {onOpenTraces && xray.data.summaries.TraceSummaries.length ? (
                      <button
                        type="button"
                        className="aws-button"
                        disabled={traces.state === 'loading'}
                        onClick={() =>
                          openTraceIds(xray.data.summaries.TraceSummaries.slice(0, 25).map((s) => String(s.Id)))
                        }
                      >
                        {t.openTraces(Math.min(25, xray.data.summaries.TraceSummaries.length))}
                      </button>
                    ) : null}
                  </div>
                  <Busy load={traces} label={t.loading} />
                  <ErrorBox load={traces} retryLabel={t.retry} lang={lang} />
                  {xray.data.summaries.TraceSummaries.length === 0 ? (
                    <p className="aws-empty">{t.noTraces}</p>
                  ) : (
                    <ul className="aws-list" aria-label={t.xray}>
                      {xray.data.summaries.TraceSummaries.slice(0, MAX_ROWS).map((s) => {
                        const http = (s.Http ?? {}) as { HttpStatus?: number; HttpURL?: string; HttpMethod?: string };
                        const tone = s.HasFault ? 'FAILED' : s.HasError || s.HasThrottle ? 'caught' : 'SUCCEEDED';
                        return (
                          <li key={String(s.Id)}>
                            <button
                              type="button"
                              className="aws-item"
                              title={String(s.Id)}
                              disabled={!onOpenTraces || traces.state === 'loading'}
                              onClick={() => openTraceIds([String(s.Id)])}
                            >
                              <Badge status={tone}>
                                {String(http.HttpStatus ?? (s.HasFault ? 'fault' : s.HasError ? 'error' : 'ok'))}
                              </Badge>
                              <span className="aws-name">
                                {`${http.HttpMethod ?? ''} ${http.HttpURL ?? String(s.Id)}`.trim()}
                              </span>
                              <span className="aws-time">
                                {typeof s.Duration === 'number' ? formatDuration(s.Duration * 1000) : '–'}
                              </span>
                            </button>
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </>
              ) : null}
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

/** Distributed Map runs of the opened execution: status and item counts per run. */
function MapRuns({ runs, title }: { runs: JsonObject[]; title: string }) {
  return (
    <div className="aws-summary" data-testid="aws-map-runs">
      <strong>{title}</strong>
      <ul className="aws-plain">
        {runs.map((r) => {
          const arn = String(r.mapRunArn ?? '');
          const c = (r.itemCounts ?? {}) as Record<string, number>;
          const status = String(r.status ?? 'UNKNOWN');
          return (
            <li key={arn} title={arn}>
              <Badge status={status} /> {arnTail(arn)}{' '}
              {typeof c.total === 'number'
                ? `· ${c.succeeded ?? 0}/${c.total} succeeded${c.failed ? `, ${c.failed} failed` : ''}${c.timedOut ? `, ${c.timedOut} timed out` : ''}${c.aborted ? `, ${c.aborted} aborted` : ''}${c.running ? `, ${c.running} running` : ''}`
                : ''}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
