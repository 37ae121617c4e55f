/**
 * The plain-JSON shapes of the `aws.*` contract methods, shared by the host readers, the CLI and the renderer's
 * AWS panel, so all three agree on one shape without the renderer importing host code.
 */
import type { ExecutionReport } from './history.ts';

/** Which account view to use. Every `aws.*` call carries it; nothing about it is secret. */
export interface AwsConnectionArgs {
  /** Profile from ~/.aws/config or ~/.aws/credentials; absent: AWS_PROFILE, else the default chain. */
  profile?: string;
  /** Absent: AWS_REGION, then the profile's region. */
  region?: string;
  /** A custom endpoint (LocalStack, moto, a VPC endpoint); absent: STATESCOPE_AWS_ENDPOINT, then AWS's. */
  endpoint?: string;
  /**
   * A code from the MFA device of a profile with `mfa_serial`, used once to assume its role; only `aws.connect`
   * reads it. Never stored.
   */
  mfaCode?: string;
}

/** What the profile picker shows: names and login kinds only, never key material. */
export interface ProfileInfo {
  name: string;
  region?: string;
  /** How the profile gets credentials, as far as the files tell. */
  kind: 'sso' | 'role' | 'process' | 'static' | 'web-identity' | 'other';
  /** For SSO profiles: the session name or start URL, so the user knows which `aws sso login` to run. */
  ssoSession?: string;
  /** True when assuming the profile's role needs an MFA code (`mfa_serial` on the profile or its source chain). */
  mfa?: boolean;
  files: ('config' | 'credentials')[];
}

export interface AwsProfiles {
  profiles: ProfileInfo[];
  /** AWS_PROFILE or `default`. */
  defaultProfile: string;
  /** AWS_REGION / AWS_DEFAULT_REGION, when set. */
  defaultRegion?: string;
  regions: string[];
  /** STATESCOPE_AWS_ENDPOINT, when set. */
  endpoint?: string;
}

/** Who we are connected as (GetCallerIdentity), plus the resolved connection. */
export interface AwsIdentity {
  account: string;
  arn: string;
  userId?: string;
  region: string;
  profile?: string;
  endpoint?: string;
}

export type MachineType = 'STANDARD' | 'EXPRESS';
/** The execution statuses ListExecutions filters by (its `statusFilter`), in the console's order. */
export const EXECUTION_STATUSES = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
] as const;
export type ExecutionStatusFilter = (typeof EXECUTION_STATUSES)[number];

export interface MachineSummary {
  stateMachineArn: string;
  name: string;
  type: MachineType;
  creationDate?: string;
}

export interface MachineDetails extends MachineSummary {
  /** The ASL text exactly as AWS stores it: the renderer loads it like a local file. */
  definition: string;
  status?: string;
  roleArn?: string;
  description?: string;
  revisionId?: string;
  loggingConfiguration?: unknown;
  tracingConfiguration?: { enabled?: boolean };
}

export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  mapRunArn?: string;
  redriveCount?: number;
  redriveDate?: string;
  redriveStatus?: string;
}

/** `aws.executions` in pages: what to list and where to go on. */
export interface ExecutionPageQuery {
  stateMachineArn: string;
  status?: ExecutionStatusFilter;
  /** Case-insensitive part of the execution name (ListExecutions has no such filter: applied while paging). */
  nameContains?: string;
  /** Start-date range, epoch ms (inclusive). */
  startedAfter?: number;
  startedBefore?: number;
  /** Matching executions per page (default 100). */
  pageSize?: number;
  /** From the previous page's `nextToken`. */
  nextToken?: string;
}

/** One page of executions; `nextToken` is absent on the last page. */
export interface ExecutionPage {
  executions: ExecutionSummary[];
  nextToken?: string;
  /** How many executions were read to fill this page (more than returned when filters are on). */
  scanned: number;
}

/** One GetExecutionHistory event with Dates as ISO strings. */
export interface HistoryEvent {
  id: number;
  previousEventId?: number;
  type: string;
  timestamp: string;
  [details: string]: unknown;
}

/** `aws.history`: the raw events (all pages), the per-state analysis, and the definition that ran. */
export interface AwsExecutionHistory {
  execution: Record<string, unknown>;
  /** The definition the execution ran (DescribeStateMachineForExecution), ready to load like a file. */
  definition?: MachineDetails;
  events: HistoryEvent[];
  truncated: boolean;
  report: ExecutionReport;
}

export type JsonObject = Record<string, unknown>;

export interface ServiceGraph {
  StartTime?: string;
  EndTime?: string;
  Services: JsonObject[];
  ContainsOldGroupVersions?: boolean;
}

export interface TraceSummaries {
  TraceSummaries: JsonObject[];
  TracesProcessedCount: number;
  /** True when the trace limit stopped the listing before the range was exhausted. */
  truncated: boolean;
  /** How many 6-hour windows the range was cut into. */
  windows: number;
}

export interface TraceBatch {
  Traces: JsonObject[];
  UnprocessedTraceIds: string[];
}
