/**
 * The AWS panel's state and the one way to change it: a reducer over typed actions (a discriminated union), in
 * plain TypeScript without React or the DOM, so every transition is tested in Node
 * (test/unit/renderer/aws-store.test.ts). Host calls live in effects.ts, which dispatches these actions; the
 * views read the state and call the effects.
 */
import type { Events } from '../../../shared/contract.ts';
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
  MachineType,
  ServiceGraph,
  TraceBatch,
  TraceSummaries,
} from '../../../shared/sfn/aws-types.ts';
import type { ExecutionReport } from '../../../shared/sfn/history.ts';
import { mergeFirstPage } from './executions.ts';
import { arnTail, matchesSearch } from './model.ts';
import { createReducerStore, type ReducerStore } from '../app/reducer-store.ts';

export type ExecutionPageResult = { executions: ExecutionSummary[]; truncated: boolean; nextToken?: string };

/** A service graph and trace summaries read for one time range (and group). */
export interface XrayResult {
  graph: ServiceGraph;
  summaries: TraceSummaries;
  startMs: number;
  endMs: number;
  group?: string;
}

/** What each async slot holds once loaded. */
export interface SlotData {
  profiles: AwsProfiles;
  identity: AwsIdentity;
  machines: MachineSummary[];
  executions: ExecutionPageResult;
  moreExecutions: ExecutionPageResult;
  history: AwsExecutionHistory;
  definition: string;
  groups: JsonObject[];
  xray: XrayResult;
  traces: TraceBatch;
  mapRuns: JsonObject[];
  comparison: [AwsExecutionHistory, AwsExecutionHistory];
}
export type Slot = keyof SlotData;

/** One async slot. `seq` numbers the request, so a slow old answer never overwrites a newer one. */
export type Load<T> =
  | { state: 'idle' }
  | { state: 'loading'; seq: number }
  | { state: 'done'; data: T }
  | { state: 'error'; message: string; code?: string };

export type Loads = { [S in Slot]: Load<SlotData[S]> };

export const SLOTS: readonly Slot[] = [
  'profiles',
  'identity',
  'machines',
  'executions',
  'moreExecutions',
  'history',
  'definition',
  'groups',
  'xray',
  'traces',
  'mapRuns',
  'comparison',
];

/** The inputs on screen. */
export interface Form {
  profile: string;
  region: string;
  endpoint: string;
  tab: 'sfn' | 'xray';
  search: string;
  machineType: '' | MachineType;
  status: '' | ExecutionStatusFilter;
  nameQuery: string;
  /** `datetime-local` values. */
  fromInput: string;
  toInput: string;
  rangeId: string;
  group: string;
  filter: string;
  mfaCode: string;
}

/** The `aws.executions` arguments the list on screen was read with; paging and polling repeat them. */
export type ExecutionQuery = AwsConnectionArgs & {
  stateMachineArn: string;
  pageSize: number;
  status?: ExecutionStatusFilter;
  nameContains?: string;
  startedAfter?: number;
  startedBefore?: number;
};

export interface AwsState {
  form: Form;
  loads: Loads;
  /** The connection the shown data was read with (null before a successful connect). */
  conn: AwsConnectionArgs | null;
  selected: MachineSummary | null;
  /** The execution whose page is open. */
  openedExec: string | null;
  /** The rows shown: the first page and every page loaded after it ("Load more"). */
  execList: { rows: ExecutionSummary[]; nextToken?: string } | null;
  execQuery: ExecutionQuery | null;
  /** Up to two executions ticked for comparison (the oldest tick drops out when a third is ticked). */
  compareArns: string[];
  /** The pause before the next refresh of a list with running executions, while one is planned. */
  pollMs?: number;
  /** A retry the host reports while it happens (throttling, a dropped connection). */
  retryNotice: Events['aws.retry'] | null;
  /**
   * The connection pickers the user has focused or changed. The defaults (remembered settings, then the host's)
   * arrive asynchronously and never fill these: a value appearing in a field the user is typing into would join
   * what they type (`http://a:1http://b:2`), and a picker the user emptied on purpose stays empty.
   */
  touched: readonly PickerField[];
}

/** The pickers the defaults fill. */
export type PickerField = 'profile' | 'region' | 'endpoint';
const PICKERS: readonly string[] = ['profile', 'region', 'endpoint'] satisfies PickerField[];

type Edit = { [K in keyof Form]: { type: 'edit'; field: K; value: Form[K] } }[keyof Form];
type LoadDone = { [S in Slot]: { type: 'load/done'; slot: S; seq: number; data: SlotData[S] } }[Slot];

export type AwsAction =
  | Edit
  /** Fills the connection pickers still empty (remembered settings, then the host's defaults). */
  | { type: 'defaults'; profile?: string; region?: string; endpoint?: string }
  /** The user put the focus on a picker: it is theirs from now on (see `AwsState.touched`). */
  | { type: 'touch'; field: PickerField }
  | { type: 'load/start'; slot: Slot; seq: number }
  | LoadDone
  | { type: 'load/fail'; slot: Slot; seq: number; message: string; code?: string }
  | { type: 'load/reset'; slot: Slot }
  /** A new connect: everything read with the old connection goes. */
  | { type: 'connect/start' }
  | { type: 'connect/done'; conn: AwsConnectionArgs }
  | { type: 'machine/select'; machine: MachineSummary }
  /** A new list read: the open execution, the comparison and the extra pages go. */
  | { type: 'executions/clear'; query: ExecutionQuery | null }
  | { type: 'executions/page'; page: ExecutionPageResult; append: boolean }
  /** A newer first page (polling) replaces its rows, keeping the pages loaded after it. */
  | { type: 'executions/refresh'; rows: ExecutionSummary[] }
  | { type: 'execution/open'; arn: string | null }
  | { type: 'compare/toggle'; arn: string; on: boolean }
  | { type: 'poll'; ms: number | undefined }
  | { type: 'retry/notice'; retry: Events['aws.retry'] | null };

const IDLE = { state: 'idle' } as const;

export function initialState(initial?: AwsConnectionArgs): AwsState {
  return {
    form: {
      profile: initial?.profile ?? '',
      region: initial?.region ?? '',
      endpoint: initial?.endpoint ?? '',
      tab: 'sfn',
      search: '',
      machineType: '',
      status: '',
      nameQuery: '',
      fromInput: '',
      toInput: '',
      rangeId: '1h',
      group: '',
      filter: '',
      mfaCode: '',
    },
    loads: Object.fromEntries(SLOTS.map((s) => [s, IDLE])) as Loads,
    conn: null,
    selected: null,
    openedExec: null,
    execList: null,
    execQuery: null,
    compareArns: [],
    retryNotice: null,
    touched: [],
  };
}

function withLoads(state: AwsState, patch: Partial<Loads>): AwsState {
  return { ...state, loads: { ...state.loads, ...patch } };
}

function isCurrent(state: AwsState, slot: Slot, seq: number): boolean {
  const cur = state.loads[slot];
  return cur.state === 'loading' && cur.seq === seq;
}

function clearExecutions(state: AwsState, query: ExecutionQuery | null): AwsState {
  return {
    ...withLoads(state, { history: IDLE, moreExecutions: IDLE, comparison: IDLE }),
    openedExec: null,
    compareArns: [],
    execList: null,
    execQuery: query,
    pollMs: undefined,
  };
}

function touch(state: AwsState, field: PickerField): AwsState {
  return state.touched.includes(field) ? state : { ...state, touched: [...state.touched, field] };
}

export function reducer(state: AwsState, action: AwsAction): AwsState {
  switch (action.type) {
    case 'edit': {
      const next = { ...state, form: { ...state.form, [action.field]: action.value } };
      return PICKERS.includes(action.field) ? touch(next, action.field as PickerField) : next;
    }
    case 'touch':
      return touch(state, action.field);
    case 'defaults': {
      const f = state.form;
      const fill = (field: PickerField) =>
        f[field] || state.touched.includes(field) ? f[field] : (action[field] ?? '');
      return { ...state, form: { ...f, profile: fill('profile'), region: fill('region'), endpoint: fill('endpoint') } };
    }
    case 'load/start':
      return withLoads(state, { [action.slot]: { state: 'loading', seq: action.seq } });
    case 'load/done':
      if (!isCurrent(state, action.slot, action.seq)) return state;
      return withLoads(state, { [action.slot]: { state: 'done', data: action.data } });
    case 'load/fail':
      if (!isCurrent(state, action.slot, action.seq)) return state;
      return withLoads(state, {
        [action.slot]: { state: 'error', message: action.message, ...(action.code ? { code: action.code } : {}) },
      });
    case 'load/reset':
      return withLoads(state, { [action.slot]: IDLE });
    case 'connect/start':
      return {
        ...withLoads(clearExecutions(state, null), { machines: IDLE, executions: IDLE, groups: IDLE, xray: IDLE }),
        conn: null,
        selected: null,
      };
    case 'connect/done':
      return { ...state, conn: action.conn };
    case 'machine/select':
      return { ...state, selected: action.machine };
    case 'executions/clear':
      return clearExecutions(state, action.query);
    case 'executions/page': {
      const { page } = action;
      const rows = action.append ? [...(state.execList?.rows ?? []), ...page.executions] : page.executions;
      return { ...state, execList: { rows, ...(page.nextToken ? { nextToken: page.nextToken } : {}) } };
    }
    case 'executions/refresh':
      return state.execList
        ? { ...state, execList: { ...state.execList, rows: mergeFirstPage(state.execList.rows, action.rows) } }
        : state;
    case 'execution/open':
      return { ...state, openedExec: action.arn };
    case 'compare/toggle': {
      const others = state.compareArns.filter((x) => x !== action.arn);
      return { ...state, compareArns: action.on ? [...others, action.arn].slice(-2) : others };
    }
    case 'poll':
      return { ...state, pollMs: action.ms };
    case 'retry/notice':
      return { ...state, retryNotice: action.retry };
  }
}

/** The connection the pickers describe now. */
export function connArgs(form: Form): AwsConnectionArgs {
  const c: AwsConnectionArgs = {};
  if (form.profile) c.profile = form.profile;
  if (form.region) c.region = form.region;
  if (form.endpoint.trim()) c.endpoint = form.endpoint.trim();
  return c;
}

/** A picker changed after connecting: the shown data no longer matches it (the panel offers Reconnect). */
export function isStale(state: AwsState): boolean {
  return state.conn !== null && JSON.stringify(state.conn) !== JSON.stringify(connArgs(state.form));
}

/** The machines matching the search box. */
export function filteredMachines(state: AwsState): MachineSummary[] {
  const m = state.loads.machines;
  return m.state === 'done' ? m.data.filter((x) => matchesSearch(x, state.form.search)) : [];
}

/** True when a list shown has a running execution (its durations tick and the list is read again). */
export function hasRunning(state: AwsState): boolean {
  return Boolean(state.execList?.rows.some((e) => e.status === 'RUNNING'));
}

/** A call failed because the role's session needs an MFA code: the panel asks for it. */
export function needsMfa(state: AwsState): boolean {
  const slots: Slot[] = ['identity', 'machines', 'executions', 'moreExecutions', 'history', 'comparison'];
  return slots.some((s) => {
    const l = state.loads[s];
    return l.state === 'error' && l.code === 'aws-mfa-required';
  });
}

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

/** The opened execution, ready to draw on its machine ("Show on graph"). */
export function openedRun(state: AwsState): AwsExecutionOpen | undefined {
  const { loads, selected, openedExec } = state;
  if (loads.history.state !== 'done' || !selected || !openedExec) return undefined;
  const h = loads.history.data;
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
  return run;
}

/** A minimal store: the state, a dispatch that runs the reducer, and change listeners (for useSyncExternalStore). */
export type AwsStore = ReducerStore<AwsState, AwsAction>;

export function createAwsStore(initial?: AwsConnectionArgs): AwsStore {
  return createReducerStore(reducer, initialState(initial));
}
