/* eslint-disable max-lines -- the one contract: every method, event and argument validator in one place, so a call is typed once. */
/**
 * The one API between the renderer and the host. The Electron preload and the web-mode HTTP bridge both
 * implement exactly this, and the host registers handlers by walking `METHODS`, so a call added here is
 * typed end to end and validated at the boundary in one place.
 *
 * Rules: every method takes one plain-object argument and returns a promise of JSON-serialisable data; there is
 * no method that writes to an AWS account. Credentials never cross this boundary.
 */
import type { PreparedDocument } from './asl/prepared.ts';
import { EXECUTION_STATUSES } from './sfn/aws-types.ts';

/** A file as the renderer sees it: its text and where it came from. */
export interface FileText {
  /** Absolute path on the host, or `sample:<id>` for a bundled sample. */
  path: string;
  /** Base name, for tabs and titles. */
  name: string;
  text: string;
  size: number;
  /** Modification time (ms since epoch), to detect external changes. */
  mtimeMs: number;
}

export interface SampleInfo {
  id: string;
  name: string;
  kind: 'asl' | 'xray' | 'history';
  description: string;
}

export interface HostInfo {
  mode: 'electron' | 'web';
  platform: string;
  version: string;
  /** Files named on the command line (`statescope open FILE…`), opened once at start. */
  launchFiles: string[];
  /** The OS locale, for the default UI language. */
  locale: string;
}

/** A message from the host for the user (see `app.notices`). */
export interface HostNotice {
  id: number;
  message: string;
}

/** The local trace receiver (`statescope serve --daemon`): where it listens and what it has counted. */
export interface DaemonStatus {
  /** UDP address of the X-Ray daemon protocol, e.g. `127.0.0.1:2000`. */
  udp: string;
  /** TCP address of the sampling API. */
  tcp: string;
  /** OTLP/HTTP address, when that receiver runs. */
  otlp?: string;
  accepted: number;
  /** Documents not kept, per reason (malformed, oversized, non-loopback, trace-full, evicted). */
  dropped: Record<string, number>;
  traces: number;
  maxTraces: number;
}

/**
 * What a page needs to start, in one round trip (`app.start`): each part is what its own method answers
 * (`app.info`, `settings.get`, `files.samples`, `session.getOpenDocuments`, `daemon.status`).
 */
export interface StartInfo {
  info: HostInfo;
  /** The saved preferences; null when they cannot be read (the page then follows the OS). */
  settings: Settings | null;
  samples: SampleInfo[];
  /** Why the samples could not be listed (then `samples` is empty). */
  samplesError?: string;
  /** What was open when the page crashed; handed back once, like `session.getOpenDocuments`. */
  openDocuments: string[];
  /** The local trace receiver of `statescope serve --daemon`, else null. */
  daemon: DaemonStatus | null;
  /**
   * The first ASL sample, read, with its first machine laid out by the host ahead of the page (null when the
   * host could not prepare it: the page then opens it the usual way). Only when asked for and when neither
   * launch files nor crashed documents are to open first.
   */
  first: { file: FileText; prepared: PreparedDocument | null } | null;
}

/** Argument and result types, per method. Names are `<group>.<verb>`. */
export interface Methods {
  /** Who is serving us and which files to open first. */
  'app.info': { args: Record<string, never>; result: HostInfo };
  /** Everything start-up needs at once (see `StartInfo`); `first`: the page would open the first sample. */
  'app.start': { args: { first?: boolean }; result: StartInfo };
  /**
   * What the host had to tell the user this run (data it set aside or backed up, with the path of the copy),
   * oldest first. `app.notice` events announce new ones; the page shows each id once.
   */
  'app.notices': { args: Record<string, never>; result: { notices: HostNotice[] } };
  /** Reads a file (refuses directories, over-size files and non-text content with a clear message). */
  'files.read': { args: { path: string }; result: FileText };
  /** Reads a file relative to another one (DefinitionUri in a template). */
  'files.readRelative': { args: { from: string; path: string }; result: FileText };
  /** Lists the bundled samples shown on the welcome screen. */
  'files.samples': { args: Record<string, never>; result: SampleInfo[] };
  /** Reads one bundled sample. */
  'files.readSample': { args: { id: string }; result: FileText };
  /** Shows the native open dialog (Electron); web mode returns [] and the renderer uses a file input. */
  'files.openDialog': { args: Record<string, never>; result: string[] };
  /** The bundled exam notes in one language, optionally searched or narrowed to a topic, with the topic tree. */
  'notes.list': {
    args: { lang: 'en' | 'ko'; query?: string; topic?: string };
    result: {
      notes: import('./notes/types.ts').Note[];
      topics: import('./notes/topics.ts').TopicNode[];
      attribution: string;
    };
  };
  /** The user's own annotations (host data, not AWS): all, or those for one file and optionally one element. */
  'notes.annotations.list': {
    args: { key?: string; element?: string };
    result: import('./notes/annotations.ts').Annotation[];
  };
  /** Pins a new markdown annotation to an element of a file; written to disk before it resolves. */
  'notes.annotations.add': {
    args: { key: string; element: string; markdown: string };
    result: import('./notes/annotations.ts').Annotation;
  };
  /** Replaces an annotation's text. */
  'notes.annotations.update': {
    args: { id: string; markdown: string };
    result: import('./notes/annotations.ts').Annotation;
  };
  /** Removes an annotation; `deleted: false` when the id was not there. */
  'notes.annotations.delete': { args: { id: string }; result: { deleted: boolean } };
  /** Every annotation as one JSON document, for the user to save. */
  'notes.annotations.export': {
    args: Record<string, never>;
    result: import('./notes/annotations.ts').AnnotationExport;
  };
  /** Validates the text of an export file and merges it (new ids added, newer versions win). */
  'notes.annotations.import': {
    args: { text: string };
    result: import('./notes/annotations.ts').ImportSummary;
  };
  /**
   * AWS, read-only (`aws.*`): every call carries its connection (profile, region, endpoint: none of it secret).
   * The host keeps credentials; no method here can change anything in the account.
   */
  /** Profiles from the AWS config/credentials files (names and login kinds only), regions, env defaults. */
  'aws.profiles': { args: Record<string, never>; result: import('./sfn/aws-types.ts').AwsProfiles };
  /** Connects and says who we are (GetCallerIdentity): account and ARN. */
  'aws.connect': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs;
    result: import('./sfn/aws-types.ts').AwsIdentity;
  };
  /** All state machines (every page), optionally searched by name/ARN and filtered by type. */
  'aws.machines': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & { search?: string; type?: 'STANDARD' | 'EXPRESS' };
    result: import('./sfn/aws-types.ts').MachineSummary[];
  };
  /** One machine with its definition text, which the renderer loads exactly like a local file. */
  'aws.describeMachine': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & { stateMachineArn: string };
    result: import('./sfn/aws-types.ts').MachineDetails;
  };
  /**
   * Executions of a machine, newest first, optionally by status. With `pageSize` or `nextToken` (or a name or
   * date filter) one page comes back with the `nextToken` of the next; otherwise at most `maxItems` (default 1000).
   */
  'aws.executions': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & {
      stateMachineArn: string;
      status?: import('./sfn/aws-types.ts').ExecutionStatusFilter;
      maxItems?: number;
      nameContains?: string;
      startedAfter?: number;
      startedBefore?: number;
      pageSize?: number;
      nextToken?: string;
    };
    result: {
      executions: import('./sfn/aws-types.ts').ExecutionSummary[];
      truncated: boolean;
      nextToken?: string;
      scanned?: number;
    };
  };
  /** Stops every AWS call still running (the panel's Cancel); says how many were stopped. */
  'aws.cancel': { args: Record<string, never>; result: { cancelled: number } };
  /** An execution's whole history (all pages), the per-state analysis, and the definition that ran. */
  'aws.history': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & { executionArn: string };
    result: import('./sfn/aws-types.ts').AwsExecutionHistory;
  };
  /** Distributed Map runs of an execution, each with its DescribeMapRun status and item counts. */
  'aws.mapRuns': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & { executionArn: string };
    result: import('./sfn/aws-types.ts').JsonObject[];
  };
  /** X-Ray groups (for the group picker). */
  'aws.xrayGroups': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs;
    result: import('./sfn/aws-types.ts').JsonObject[];
  };
  /** The X-Ray service graph of a time range (longer than 6 hours: merged from 6-hour windows). */
  'aws.serviceGraph': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & { startMs: number; endMs: number; groupName?: string };
    result: import('./sfn/aws-types.ts').ServiceGraph;
  };
  /** Trace summaries of a time range, with an X-Ray filter expression (at most `maxTraces`, default 1000). */
  'aws.traceSummaries': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & {
      startMs: number;
      endMs: number;
      filterExpression?: string;
      maxTraces?: number;
    };
    result: import('./sfn/aws-types.ts').TraceSummaries;
  };
  /** Full traces (segment documents) by id. */
  'aws.batchGetTraces': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & { traceIds: string[] };
    result: import('./sfn/aws-types.ts').TraceBatch;
  };
  /** The service graph of some traces. */
  'aws.traceGraph': {
    args: import('./sfn/aws-types.ts').AwsConnectionArgs & { traceIds: string[] };
    result: { Services: import('./sfn/aws-types.ts').JsonObject[] };
  };
  /** The user's preferences (theme, language, panels, last AWS profile and region); never credentials. */
  'settings.get': { args: Record<string, never>; result: Settings };
  /** Changes some preferences (the others keep their values); written atomically before it resolves. */
  'settings.set': { args: Partial<Settings>; result: Settings };
  /** The paths of the documents open now, kept by the host so a crashed window can reopen them. */
  'session.setOpenDocuments': { args: { paths: string[] }; result: { count: number } };
  /** The open documents last reported by `session.setOpenDocuments` (after a renderer crash and reload). */
  'session.getOpenDocuments': { args: Record<string, never>; result: { paths: string[] } };
  /** The renderer reports an error into the host's log file (rate-limited and size-limited by the host). */
  'log.error': {
    args: { message: string; stack?: string; source?: string };
    result: { logged: boolean };
  };
  /** Watches an opened file; changes arrive as `files.changed` events (debounced). */
  'files.watch': { args: { path: string }; result: { watching: boolean } };
  /** Stops watching a file. */
  'files.unwatch': { args: { path: string }; result: { watching: boolean } };
  /**
   * Saves text to a file opened in this session (atomic: temp file, fsync, rename). With `expectedMtimeMs`, a file
   * changed on disk since it was read is a `conflict` error instead of being overwritten.
   */
  'files.write': {
    args: { path: string; text: string; expectedMtimeMs?: number };
    result: { path: string; size: number; mtimeMs: number };
  };
  /** Validates the text being edited (unsaved), in the host because the validator is too large for the renderer. */
  /**
   * Loads a definition and lays out its first machine on the host, as the page's document worker would (the page
   * asks while that worker is still starting cold; the first answer wins). `file` is the page's path for it,
   * `name` its file name (what the loader sees for a sample or a picked file).
   */
  'asl.prepare': { args: { file: string; name: string; text: string }; result: PreparedDocument };
  /**
   * The document a page was loaded with a link to (a host path, or `sample:<id>`): read as `files.read` or
   * `files.readSample` reads it and, when its text is at most `prepareMax` characters, loaded and laid out at its
   * first machine as `asl.prepare` does (`prepared` is null otherwise, or when that fails). The read and the layout
   * in one round trip: the page's first graph waited for two in a row.
   */
  'asl.readPrepared': {
    args: { path: string; prepareMax: number };
    result: { file: FileText; prepared: PreparedDocument | null };
  };
  'asl.validate': {
    args: { file: string; text: string };
    result: { diagnostics: import('./diagnostics.ts').Diagnostic[] };
  };
  /** Completions at `offset` in the text being edited (host-side, like `asl.validate`); empty for templates. */
  'asl.complete': {
    args: { file: string; text: string; offset: number };
    result: {
      items: { label: string; kind: string; detail?: string; insertText?: string; documentation?: string }[];
      from: number;
      to: number;
    };
  };
  /** Hover text (markdown) at `offset` in the text being edited; `markdown: null` when there is none. */
  'asl.hover': {
    args: { file: string; text: string; offset: number };
    result: { markdown: string | null; from?: number; to?: number };
  };
  /** The local trace receiver's addresses and counts; `null` when this host runs none (only `serve --daemon` does). */
  'daemon.status': { args: Record<string, never>; result: DaemonStatus | null };
  /**
   * The documents the receiver keeps, as NDJSON (one segment document per line): the file "Save as" writes. With
   * `newest`, only the documents of the newest that many traces (what the live view shows).
   */
  'daemon.snapshot': { args: { newest?: number }; result: { text: string; status: DaemonStatus; traces: number } };
  /** Forgets every kept trace (the counters stay). */
  'daemon.clear': { args: Record<string, never>; result: DaemonStatus };
}

export type MethodName = keyof Methods;
export type Args<M extends MethodName> = Methods[M]['args'];
export type Result<M extends MethodName> = Methods[M]['result'];

/** The client object the renderer calls: `api.call('files.read', { path })`. */
export interface StatescopeApi {
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>>;
  /** Subscribes to host events; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** Events pushed from host to renderer. */
/** The commands the desktop menu sends to the page (`menu.command`). */
export const MENU_COMMANDS = ['open', 'close-tab', 'theme-system', 'theme-light', 'theme-dark'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface Events {
  /** Files handed to the running app (second launch, OS open-file, menu). */
  'files.open': { paths: string[] };
  /** A watched file changed on disk. */
  'files.changed': { path: string; kind: 'changed' | 'deleted' | 'renamed' };
  /** A menu command the renderer carries out (File › Open in web mode is the renderer's own). */
  'menu.command': { command: MenuCommand };
  /** The host has a new notice for the user (also listed by `app.notices`). */
  'app.notice': HostNotice;
  /** The local trace receiver took documents for these traces (batched, at most every 20 ms). */
  'daemon.documents': { traceIds: string[]; status: DaemonStatus };
  /** An AWS call is being retried (throttling, a dropped connection): shown while it happens, not after. */
  'aws.retry': { operation: string; attempt: number; maxAttempts: number; reason: string };
  /** A `statescope://open?…` link the desktop app was asked to open, as the fragment of a view link (#doc=…). */
  'app.openLink': { hash: string };
}
export type EventName = keyof Events;

type Validator<T> = (value: unknown) => T;

/** Thrown at the boundary when arguments do not have the declared shape. */
export class ContractError extends Error {
  override name = 'ContractError';
}

function object(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ContractError('Arguments must be an object.');
  }
  return value as Record<string, unknown>;
}

function str(o: Record<string, unknown>, key: string, max = 4096): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max || v.includes('\0')) {
    throw new ContractError(`Argument "${key}" must be a non-empty string of at most ${max} characters.`);
  }
  return v;
}

const empty: Validator<Record<string, never>> = (v) => {
  if (v !== undefined && v !== null) object(v);
  return {};
};

/**
 * Argument validators, one per method; the keys of this object are the list of methods the host serves.
 * Adding a method to `Methods` without a validator here is a type error.
 */
export const VALIDATORS: { [M in MethodName]: Validator<Args<M>> } = {
  'app.info': empty,
  'app.start': (v) => {
    const o = v === undefined || v === null ? {} : object(v);
    if (o.first === undefined) return {};
    if (typeof o.first !== 'boolean') throw new ContractError('Argument "first" must be a boolean.');
    return { first: o.first };
  },
  'app.notices': empty,
  'files.read': (v) => ({ path: str(object(v), 'path') }),
  'files.readRelative': (v) => {
    const o = object(v);
    return { from: str(o, 'from'), path: str(o, 'path') };
  },
  'files.samples': empty,
  'files.readSample': (v) => ({ id: str(object(v), 'id', 200) }),
  'files.openDialog': empty,
  'notes.list': (v) => {
    const o = object(v);
    const lang = o.lang === undefined ? 'en' : o.lang;
    if (lang !== 'en' && lang !== 'ko') throw new ContractError('Argument "lang" must be "en" or "ko".');
    if (o.query !== undefined && (typeof o.query !== 'string' || o.query.length > 200)) {
      throw new ContractError('Argument "query" must be a string of at most 200 characters.');
    }
    return {
      lang,
      ...(o.query !== undefined ? { query: o.query as string } : {}),
      ...(o.topic !== undefined ? { topic: str(o, 'topic', 64) } : {}),
    };
  },
  'notes.annotations.list': (v) => {
    const o = v === undefined || v === null ? {} : object(v);
    return {
      ...(o.key !== undefined ? { key: str(o, 'key', 4096) } : {}),
      ...(o.element !== undefined ? { element: str(o, 'element', 1024) } : {}),
    };
  },
  'notes.annotations.add': (v) => {
    const o = object(v);
    return { key: str(o, 'key', 4096), element: str(o, 'element', 1024), markdown: str(o, 'markdown', 100_000) };
  },
  'notes.annotations.update': (v) => {
    const o = object(v);
    return { id: str(o, 'id', 64), markdown: str(o, 'markdown', 100_000) };
  },
  'notes.annotations.delete': (v) => ({ id: str(object(v), 'id', 64) }),
  'notes.annotations.export': empty,
  'notes.annotations.import': (v) => ({ text: str(object(v), 'text', 20 * 1024 * 1024) }),
  // aws.*: 'aws.connect' checks the connection fields; the others reuse it and add their own.
  'aws.profiles': empty,
  'aws.connect': (v) => {
    const o = v === undefined || v === null ? {} : object(v);
    const out: import('./sfn/aws-types.ts').AwsConnectionArgs = {};
    if (o.profile !== undefined && o.profile !== '') {
      out.profile = str(o, 'profile', 128);
      if (!/^[\w.@+=,:/-]+$/.test(out.profile))
        throw new ContractError('Argument "profile" has characters a profile name cannot have.');
    }
    if (o.region !== undefined && o.region !== '') {
      out.region = str(o, 'region', 32);
      if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(out.region))
        throw new ContractError('Argument "region" must be a region name such as us-east-1.');
    }
    if (o.endpoint !== undefined && o.endpoint !== '') {
      out.endpoint = str(o, 'endpoint', 2048);
      if (!/^https?:\/\//.test(out.endpoint))
        throw new ContractError('Argument "endpoint" must be an http:// or https:// URL.');
    }
    if (o.mfaCode !== undefined && o.mfaCode !== '') {
      out.mfaCode = str(o, 'mfaCode', 6);
      if (!/^\d{6}$/.test(out.mfaCode))
        throw new ContractError('Argument "mfaCode" must be the 6 digits shown by the MFA device.');
    }
    return out;
  },
  'aws.machines': (v) => {
    const o = object(v);
    if (o.type !== undefined && o.type !== 'STANDARD' && o.type !== 'EXPRESS') {
      throw new ContractError('Argument "type" must be "STANDARD" or "EXPRESS".');
    }
    return {
      ...VALIDATORS['aws.connect'](o),
      ...(o.search !== undefined && o.search !== '' ? { search: str(o, 'search', 256) } : {}),
      ...(o.type !== undefined ? { type: o.type as 'STANDARD' | 'EXPRESS' } : {}),
    };
  },
  'aws.describeMachine': (v) => {
    const o = object(v);
    return { ...VALIDATORS['aws.connect'](o), stateMachineArn: str(o, 'stateMachineArn', 2048) };
  },
  'aws.executions': (v) => {
    const o = object(v);
    const statuses: readonly string[] = EXECUTION_STATUSES;
    if (o.status !== undefined && !statuses.includes(o.status as string)) {
      throw new ContractError(`Argument "status" must be one of ${statuses.join(', ')}.`);
    }
    if (
      o.maxItems !== undefined &&
      (!Number.isSafeInteger(o.maxItems) || (o.maxItems as number) < 1 || (o.maxItems as number) > 100_000)
    ) {
      throw new ContractError('Argument "maxItems" must be an integer from 1 to 100000.');
    }
    if (
      o.pageSize !== undefined &&
      (!Number.isSafeInteger(o.pageSize) || (o.pageSize as number) < 1 || (o.pageSize as number) > 1000)
    ) {
      throw new ContractError('Argument "pageSize" must be an integer from 1 to 1000.');
    }
    for (const k of ['startedAfter', 'startedBefore'] as const) {
      if (o[k] !== undefined && (typeof o[k] !== 'number' || !Number.isFinite(o[k])))
        throw new ContractError(`Argument "${k}" must be a time in epoch milliseconds.`);
    }
    return {
      ...VALIDATORS['aws.connect'](o),
      stateMachineArn: str(o, 'stateMachineArn', 2048),
      ...(o.status !== undefined ? { status: o.status as import('./sfn/aws-types.ts').ExecutionStatusFilter } : {}),
      ...(o.maxItems !== undefined ? { maxItems: o.maxItems as number } : {}),
      ...(o.pageSize !== undefined ? { pageSize: o.pageSize as number } : {}),
      ...(o.nextToken !== undefined && o.nextToken !== '' ? { nextToken: str(o, 'nextToken', 4096) } : {}),
      ...(o.nameContains !== undefined && o.nameContains !== '' ? { nameContains: str(o, 'nameContains', 256) } : {}),
      ...(o.startedAfter !== undefined ? { startedAfter: o.startedAfter as number } : {}),
      ...(o.startedBefore !== undefined ? { startedBefore: o.startedBefore as number } : {}),
    };
  },
  'aws.cancel': empty,
  'aws.history': (v) => {
    const o = object(v);
    return { ...VALIDATORS['aws.connect'](o), executionArn: str(o, 'executionArn', 2048) };
  },
  'aws.mapRuns': (v) => {
    const o = object(v);
    return { ...VALIDATORS['aws.connect'](o), executionArn: str(o, 'executionArn', 2048) };
  },
  'aws.xrayGroups': (v) => VALIDATORS['aws.connect'](v),
  'aws.serviceGraph': (v) => {
    const o = object(v);
    const r = VALIDATORS['aws.traceSummaries']({ ...o, filterExpression: undefined, maxTraces: undefined });
    return {
      ...VALIDATORS['aws.connect'](o),
      startMs: r.startMs,
      endMs: r.endMs,
      ...(o.groupName !== undefined && o.groupName !== '' ? { groupName: str(o, 'groupName', 128) } : {}),
    };
  },
  'aws.traceSummaries': (v) => {
    const o = object(v);
    for (const k of ['startMs', 'endMs']) {
      if (typeof o[k] !== 'number' || !Number.isFinite(o[k]) || (o[k] as number) < 0) {
        throw new ContractError(`Argument "${k}" must be a time in milliseconds since 1970.`);
      }
    }
    if ((o.endMs as number) <= (o.startMs as number))
      throw new ContractError('Argument "endMs" must be after "startMs".');
    if (
      o.maxTraces !== undefined &&
      (!Number.isSafeInteger(o.maxTraces) || (o.maxTraces as number) < 1 || (o.maxTraces as number) > 10_000)
    ) {
      throw new ContractError('Argument "maxTraces" must be an integer from 1 to 10000.');
    }
    return {
      ...VALIDATORS['aws.connect'](o),
      startMs: o.startMs as number,
      endMs: o.endMs as number,
      ...(o.filterExpression !== undefined && o.filterExpression !== ''
        ? { filterExpression: str(o, 'filterExpression', 2000) }
        : {}),
      ...(o.maxTraces !== undefined ? { maxTraces: o.maxTraces as number } : {}),
    };
  },
  'aws.batchGetTraces': (v) => {
    const o = object(v);
    const ids = o.traceIds;
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > 100 ||
      !ids.every((x) => typeof x === 'string' && /^[\w-]{1,64}$/.test(x))
    ) {
      throw new ContractError('Argument "traceIds" must be a list of 1 to 100 trace ids.');
    }
    return { ...VALIDATORS['aws.connect'](o), traceIds: ids as string[] };
  },
  'aws.traceGraph': (v) => VALIDATORS['aws.batchGetTraces'](v),
  'settings.get': empty,
  'settings.set': (v) => validateSettings(object(v)),
  'session.setOpenDocuments': (v) => {
    const paths = object(v).paths;
    if (!Array.isArray(paths) || paths.length > 200) {
      throw new ContractError('Argument "paths" must be a list of at most 200 paths.');
    }
    return { paths: paths.map((p, i) => str({ [`paths[${i}]`]: p }, `paths[${i}]`)) };
  },
  'session.getOpenDocuments': empty,
  'log.error': (v) => {
    const o = object(v);
    if (typeof o.message !== 'string') throw new ContractError('Argument "message" must be a string.');
    for (const k of ['stack', 'source']) {
      if (o[k] !== undefined && typeof o[k] !== 'string') throw new ContractError(`Argument "${k}" must be a string.`);
    }
    // Long reports are cut rather than refused: a huge stack must still leave a trace in the log.
    return {
      message: o.message.slice(0, 4000),
      ...(o.stack !== undefined ? { stack: (o.stack as string).slice(0, 16_000) } : {}),
      ...(o.source !== undefined ? { source: (o.source as string).slice(0, 200) } : {}),
    };
  },
  'files.watch': (v) => ({ path: str(object(v), 'path') }),
  'files.unwatch': (v) => ({ path: str(object(v), 'path') }),
  'files.write': (v) => {
    const o = object(v);
    if (typeof o.text !== 'string' || o.text.length > 256 * 1024 * 1024) {
      throw new ContractError('Argument "text" must be a string of at most 256 MB.');
    }
    if (
      o.expectedMtimeMs !== undefined &&
      (typeof o.expectedMtimeMs !== 'number' || !Number.isFinite(o.expectedMtimeMs))
    ) {
      throw new ContractError('Argument "expectedMtimeMs" must be a number.');
    }
    return {
      path: str(o, 'path'),
      text: o.text,
      ...(o.expectedMtimeMs !== undefined ? { expectedMtimeMs: o.expectedMtimeMs as number } : {}),
    };
  },
  'asl.prepare': (v) => {
    const o = object(v);
    if (typeof o.text !== 'string' || o.text.length > 1024 * 1024) {
      throw new ContractError('Argument "text" must be a string of at most 1 MB.');
    }
    return { file: str(o, 'file'), name: str(o, 'name'), text: o.text };
  },
  'asl.readPrepared': (v) => {
    const o = object(v);
    const max = o.prepareMax;
    if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 0 || max > 1024 * 1024) {
      throw new ContractError('Argument "prepareMax" must be an integer from 0 to 1048576.');
    }
    return { path: str(o, 'path'), prepareMax: max };
  },
  'asl.validate': (v) => {
    const o = object(v);
    if (typeof o.text !== 'string' || o.text.length > 64 * 1024 * 1024) {
      throw new ContractError('Argument "text" must be a string of at most 64 MB.');
    }
    return { file: str(o, 'file'), text: o.text };
  },
  'asl.complete': (v) => languageArgs(v),
  'asl.hover': (v) => languageArgs(v),
  'daemon.status': empty,
  'daemon.snapshot': (v) => {
    const o = v === undefined || v === null ? {} : object(v);
    if (o.newest === undefined) return {};
    if (!Number.isSafeInteger(o.newest) || (o.newest as number) < 1 || (o.newest as number) > 1_000_000) {
      throw new ContractError('Argument "newest" must be an integer from 1 to 1000000.');
    }
    return { newest: o.newest as number };
  },
  'daemon.clear': empty,
};

/** The arguments `asl.complete` and `asl.hover` share: a file name, the text (at most 64 MB) and an offset in it. */
function languageArgs(v: unknown): { file: string; text: string; offset: number } {
  const o = object(v);
  if (typeof o.text !== 'string' || o.text.length > 64 * 1024 * 1024) {
    throw new ContractError('Argument "text" must be a string of at most 64 MB.');
  }
  if (typeof o.offset !== 'number' || !Number.isInteger(o.offset) || o.offset < 0 || o.offset > o.text.length) {
    throw new ContractError('Argument "offset" must be a whole number within the text.');
  }
  return { file: str(o, 'file'), text: o.text, offset: o.offset };
}

export const METHODS = Object.keys(VALIDATORS) as MethodName[];

/** The user's preferences the host keeps in its data folder (never credentials or secrets). */
export interface Settings {
  theme: 'system' | 'light' | 'dark';
  language: 'en' | 'ko';
  /** Panel visibility and sizes by panel id (e.g. `notes: true`, `notesWidth: 320`). */
  panels: Record<string, boolean | number>;
  /** The AWS profile and region last connected with (names only). */
  lastProfile?: string;
  lastRegion?: string;
  /** The custom endpoint last connected with (LocalStack, moto), when one was used. */
  lastEndpoint?: string;
}

/** Defaults for a first start or a missing/corrupt settings file. */
export const DEFAULT_SETTINGS: Settings = { theme: 'system', language: 'en', panels: {} };

/**
 * Checks a partial settings object strictly: unknown keys, wrong types and odd profile/region names are refused,
 * so nothing but preferences (and never a secret in a free-form field) reaches the settings file.
 */
export function validateSettings(o: Record<string, unknown>): Partial<Settings> {
  const known = ['theme', 'language', 'panels', 'lastProfile', 'lastRegion', 'lastEndpoint'];
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) throw new ContractError(`Unknown setting "${key}".`);
  }
  const out: Partial<Settings> = {};
  if (o.theme !== undefined) {
    if (o.theme !== 'system' && o.theme !== 'light' && o.theme !== 'dark') {
      throw new ContractError('Setting "theme" must be "system", "light" or "dark".');
    }
    out.theme = o.theme;
  }
  if (o.language !== undefined) {
    if (o.language !== 'en' && o.language !== 'ko') throw new ContractError('Setting "language" must be "en" or "ko".');
    out.language = o.language;
  }
  if (o.panels !== undefined) {
    const panels = o.panels;
    if (panels === null || typeof panels !== 'object' || Array.isArray(panels)) {
      throw new ContractError('Setting "panels" must be an object.');
    }
    const entries = Object.entries(panels as Record<string, unknown>);
    if (entries.length > 64) throw new ContractError('Setting "panels" may hold at most 64 entries.');
    const clean: Record<string, boolean | number> = {};
    for (const [key, value] of entries) {
      if (!/^[A-Za-z][\w.-]{0,63}$/.test(key) || key === '__proto__' || key === 'constructor' || key === 'prototype') {
        throw new ContractError(`Panel id "${key.slice(0, 80)}" is not a valid panel id.`);
      }
      if (typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
        throw new ContractError(`Panel "${key}" must be true/false or a number.`);
      }
      Object.defineProperty(clean, key, { value, enumerable: true, writable: true, configurable: true });
    }
    out.panels = clean;
  }
  const conn = VALIDATORS['aws.connect']({
    ...(o.lastProfile !== undefined ? { profile: o.lastProfile } : {}),
    ...(o.lastRegion !== undefined ? { region: o.lastRegion } : {}),
    ...(o.lastEndpoint !== undefined ? { endpoint: o.lastEndpoint } : {}),
  });
  if (o.lastEndpoint !== undefined) {
    if (o.lastEndpoint === '' || conn.endpoint === undefined)
      throw new ContractError('Setting "lastEndpoint" must be an http:// or https:// URL.');
    out.lastEndpoint = conn.endpoint;
  }
  if (o.lastProfile !== undefined) {
    if (o.lastProfile === '' || conn.profile === undefined)
      throw new ContractError('Setting "lastProfile" must be a profile name.');
    out.lastProfile = conn.profile;
  }
  if (o.lastRegion !== undefined) {
    if (o.lastRegion === '' || conn.region === undefined)
      throw new ContractError('Setting "lastRegion" must be a region name.');
    out.lastRegion = conn.region;
  }
  return out;
}

export function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(VALIDATORS, name);
}

/** The IPC channel for a method, derived so no channel name is written twice. */
export function channelOf(method: MethodName): string {
  return `statescope:${method}`;
}

/** The host's implementation of the contract: one async function per method. */
export type Handlers = { [M in MethodName]: (args: Args<M>) => Promise<Result<M>> };

/** Errors cross the boundary as this shape so the renderer can show the message and the code. */
export interface WireError {
  error: { message: string; code?: string };
}

/**
 * What one call answers, on every transport: IPC carries it as it is, web mode as the HTTP body (the result, or a
 * `WireError` with `status`). Plain data on purpose: Electron's contextBridge clones values structurally, which keeps
 * an object's fields but drops the custom properties (such as `code`) of a thrown error.
 */
export type CallEnvelope =
  { ok: true; result: unknown } | { ok: false; error: { message: string; code: string; status: number } };

/** The IPC channel host events travel on, as `{ event, payload }`. */
export const EVENT_CHANNEL = 'statescope:event';

/** Methods whose arguments carry a whole definition, so the web bridge accepts larger request bodies for them. */
export const LARGE_BODY_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'files.write',
  'asl.prepare',
  'asl.validate',
  'asl.complete',
  'asl.hover',
]);

/**
 * What the Electron preload exposes as `window.statescope`: calls answer envelopes, never throw across the bridge;
 * the page's client (renderer/src/api.ts) turns a failed envelope into an error carrying its code.
 */
export interface BridgeApi {
  call(method: string, args: unknown): Promise<CallEnvelope>;
  on: StatescopeApi['on'];
}
