/**
 * Step Functions, read-only: state machines, executions, histories and map runs, every page fetched. Takes its
 * client as a dependency (`createSfnReader(client)`) so tests hand it a client pointed at a local server.
 */
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  ListStateMachinesCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { allPages, plain } from './plain.ts';

import type {
  ExecutionPage,
  ExecutionPageQuery,
  ExecutionStatusFilter,
  ExecutionSummary,
  HistoryEvent,
  MachineDetails,
  MachineSummary,
  MachineType,
} from '../../../shared/sfn/aws-types.ts';

export type { ExecutionStatusFilter, ExecutionSummary, HistoryEvent, MachineDetails, MachineSummary, MachineType };

/** Reads Step Functions. Every method returns plain JSON. */
export interface SfnReader {
  listStateMachines(options?: { search?: string; type?: MachineType; maxItems?: number }): Promise<MachineSummary[]>;
  describeStateMachine(stateMachineArn: string): Promise<MachineDetails>;
  describeStateMachineForExecution(executionArn: string): Promise<MachineDetails>;
  listExecutions(options: {
    stateMachineArn?: string;
    mapRunArn?: string;
    status?: ExecutionStatusFilter;
    maxItems?: number;
  }): Promise<{ executions: ExecutionSummary[]; truncated: boolean }>;
  /** One page of executions for a console-like list; see `ExecutionPageQuery`. */
  listExecutionsPage(query: ExecutionPageQuery): Promise<ExecutionPage>;
  describeExecution(executionArn: string): Promise<Record<string, unknown>>;
  getExecutionHistory(
    executionArn: string,
    options?: { maxEvents?: number },
  ): Promise<{ events: HistoryEvent[]; truncated: boolean }>;
  listMapRuns(executionArn: string): Promise<Record<string, unknown>[]>;
  describeMapRun(mapRunArn: string): Promise<Record<string, unknown>>;
}

/** Builds the Step Functions reader over a (read-only) client. */
export function createSfnReader(client: SFNClient): SfnReader {
  const toDetails = (out: unknown): MachineDetails => {
    const p = plain<Record<string, unknown>>(out);
    return { ...(p as object), definition: String(p.definition ?? '') } as MachineDetails;
  };
  return {
    async listStateMachines(options = {}) {
      const { items } = await allPages(
        async (nextToken) => {
          const out = await client.send(new ListStateMachinesCommand({ maxResults: 1000, nextToken }));
          return { items: out.stateMachines, next: out.nextToken };
        },
        { maxItems: options.maxItems ?? 10_000 },
      );
      const needle = options.search?.trim().toLowerCase();
      const machines = plain<MachineSummary[]>(items);
      if (options.type) {
        // AWS always lists the type; some local emulators do not, so ask for the few that lack it.
        const missing = machines.filter((m) => !m.type).slice(0, 200);
        for (let i = 0; i < missing.length; i += 4) {
          await Promise.all(
            missing.slice(i, i + 4).map(async (m) => {
              const d = await client.send(new DescribeStateMachineCommand({ stateMachineArn: m.stateMachineArn }));
              if (d.type) m.type = d.type as MachineType;
            }),
          );
        }
      }
      return machines.filter(
        (m) =>
          (!options.type || m.type === options.type) &&
          (!needle || m.name.toLowerCase().includes(needle) || m.stateMachineArn.toLowerCase().includes(needle)),
      );
    },
    async describeStateMachine(stateMachineArn) {
      return toDetails(await client.send(new DescribeStateMachineCommand({ stateMachineArn })));
    },
    async describeStateMachineForExecution(executionArn) {
      return toDetails(await client.send(new DescribeStateMachineForExecutionCommand({ executionArn })));
    },
    async listExecutions(options) {
      const { items, truncated } = await allPages(
        async (nextToken) => {
          const out = await client.send(
            new ListExecutionsCommand({
              stateMachineArn: options.stateMachineArn,
              mapRunArn: options.mapRunArn,
              statusFilter: options.status,
              maxResults: 1000,
              nextToken,
            }),
          );
          return { items: out.executions, next: out.nextToken };
        },
        { maxItems: options.maxItems ?? 1000 },
      );
      return { executions: plain<ExecutionSummary[]>(items), truncated };
    },
    async listExecutionsPage(query) {
      return readExecutionPage(query, async (nextToken, maxResults) => {
        const out = await client.send(
          new ListExecutionsCommand({
            stateMachineArn: query.stateMachineArn,
            statusFilter: query.status,
            maxResults,
            nextToken,
          }),
        );
        return { items: plain<ExecutionSummary[]>(out.executions ?? []), next: out.nextToken };
      });
    },
    async describeExecution(executionArn) {
      return plain(await client.send(new DescribeExecutionCommand({ executionArn })));
    },
    async getExecutionHistory(executionArn, options = {}) {
      const { items, truncated } = await allPages(
        async (nextToken) => {
          const out = await client.send(
            new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken, includeExecutionData: true }),
          );
          return { items: out.events, next: out.nextToken };
        },
        { maxItems: options.maxEvents ?? 100_000 },
      );
      return { events: plain<HistoryEvent[]>(items), truncated };
    },
    async listMapRuns(executionArn) {
      const { items } = await allPages(async (nextToken) => {
        const out = await client.send(new ListMapRunsCommand({ executionArn, maxResults: 1000, nextToken }));
        return { items: out.mapRuns, next: out.nextToken };
      });
      return plain(items);
    },
    async describeMapRun(mapRunArn) {
      return plain(await client.send(new DescribeMapRunCommand({ mapRunArn })));
    },
  };
}

/**
 * Our page token: AWS's token plus how many executions of that AWS page we already handed out. ListExecutions has
 * no name or date filter, so filtered pages are cut from AWS pages, and the cut must resume exactly there.
 */
interface PageCursor {
  t?: string;
  skip: number;
}

function encodeCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(token: string | undefined): PageCursor {
  if (!token) return { skip: 0 };
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageCursor;
    if ((c.t === undefined || typeof c.t === 'string') && Number.isSafeInteger(c.skip) && c.skip >= 0) return c;
  } catch {
    // falls through to the message below
  }
  throw new RangeError('The page token is not one this list handed out: reload the list.');
}

/**
 * Reads executions (newest first, as ListExecutions returns them) until `pageSize` match the name and date
 * filters, or the list ends. Executions started before `startedAfter` end the list: everything after is older.
 */
export async function readExecutionPage(
  query: ExecutionPageQuery,
  fetchPage: (
    token: string | undefined,
    maxResults: number,
  ) => Promise<{ items: ExecutionSummary[]; next: string | undefined }>,
): Promise<ExecutionPage> {
  const pageSize = query.pageSize ?? 100;
  const needle = query.nameContains?.trim().toLowerCase();
  const filtered = Boolean(needle || query.startedAfter !== undefined || query.startedBefore !== undefined);
  const out: ExecutionSummary[] = [];
  let cursor = decodeCursor(query.nextToken);
  let scanned = 0;
  const seen = new Set<string>();
  for (let pages = 0; pages < 1000; pages++) {
    // Unfiltered, ask for exactly what is missing; filtered, read whole AWS pages (1000, the API's maximum).
    const maxResults = filtered ? 1000 : Math.min(1000, cursor.skip + pageSize - out.length);
    const { items, next } = await fetchPage(cursor.t, maxResults);
    for (let i = cursor.skip; i < items.length; i++) {
      const e = items[i]!;
      scanned++;
      const started = e.startDate ? Date.parse(e.startDate) : NaN;
      if (query.startedAfter !== undefined && Number.isFinite(started) && started < query.startedAfter) {
        return { executions: out, scanned }; // older than the range: nothing further can match
      }
      const inRange = query.startedBefore === undefined || !Number.isFinite(started) || started <= query.startedBefore;
      if (inRange && (!needle || e.name.toLowerCase().includes(needle))) out.push(e);
      if (out.length >= pageSize) {
        const rest: PageCursor =
          i + 1 < items.length
            ? { ...(cursor.t ? { t: cursor.t } : {}), skip: i + 1 }
            : { ...(next ? { t: next } : {}), skip: 0 };
        const more = i + 1 < items.length || Boolean(next);
        return { executions: out, scanned, ...(more ? { nextToken: encodeCursor(rest) } : {}) };
      }
    }
    if (!next || seen.has(next)) return { executions: out, scanned };
    seen.add(next);
    cursor = { t: next, skip: 0 };
  }
  return { executions: out, scanned, nextToken: encodeCursor(cursor) };
}
