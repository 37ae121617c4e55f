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
  describeExecution(executionArn: string): Promise<Record<string, unknown>>;
  getExecutionHistory(executionArn: string, options?: { maxEvents?: number }): Promise<{ events: HistoryEvent[]; truncated: boolean }>;
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
