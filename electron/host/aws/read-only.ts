/**
 * Read-only by construction. Every AWS client the app uses is made by `createReadOnlyClient`, which puts a
 * middleware at the very front of the client's stack (step `initialize`, priority `high`): a command whose name
 * is not on `ALLOWED_COMMANDS` is rejected there, before it is serialised, signed or sent. A second check at the
 * `build` step looks at the JSON-protocol target header of the request actually built, so a command object that
 * lies about its name still cannot reach a mutating operation of Step Functions.
 */
import { HostError } from '../errors.ts';

/** The only operations the app may call. Each one only reads. */
export const ALLOWED_COMMANDS: ReadonlySet<string> = new Set([
  // Step Functions
  'ListStateMachinesCommand',
  'DescribeStateMachineCommand',
  'DescribeStateMachineForExecutionCommand',
  'ListExecutionsCommand',
  'DescribeExecutionCommand',
  'GetExecutionHistoryCommand',
  'ListMapRunsCommand',
  'DescribeMapRunCommand',
  // X-Ray
  'GetServiceGraphCommand',
  'GetTraceSummariesCommand',
  'BatchGetTracesCommand',
  'GetTraceGraphCommand',
  'GetGroupsCommand',
  // STS
  'GetCallerIdentityCommand',
]);

/** IAM action for each allowed command, for error messages and the documented minimal policy. */
export const IAM_ACTIONS: Readonly<Record<string, string>> = {
  ListStateMachinesCommand: 'states:ListStateMachines',
  DescribeStateMachineCommand: 'states:DescribeStateMachine',
  DescribeStateMachineForExecutionCommand: 'states:DescribeStateMachineForExecution',
  ListExecutionsCommand: 'states:ListExecutions',
  DescribeExecutionCommand: 'states:DescribeExecution',
  GetExecutionHistoryCommand: 'states:GetExecutionHistory',
  ListMapRunsCommand: 'states:ListMapRuns',
  DescribeMapRunCommand: 'states:DescribeMapRun',
  GetServiceGraphCommand: 'xray:GetServiceGraph',
  GetTraceSummariesCommand: 'xray:GetTraceSummaries',
  BatchGetTracesCommand: 'xray:BatchGetTraces',
  GetTraceGraphCommand: 'xray:GetTraceGraph',
  GetGroupsCommand: 'xray:GetGroups',
  GetCallerIdentityCommand: 'sts:GetCallerIdentity',
};

/** Thrown (before anything leaves the process) when code tries a command that is not on the allowlist. */
export class ReadOnlyViolation extends HostError {
  override name = 'ReadOnlyViolation';
  constructor(readonly commandName: string) {
    super(`Statescope is read-only: "${commandName || 'an unnamed command'}" is not allowed and was not sent.`, 'aws-read-only', 403);
  }
}

const ALLOWED_TARGET_OPERATIONS = new Set([...ALLOWED_COMMANDS].map((c) => c.replace(/Command$/, '')));

interface MiddlewareStackLike {
  add(middleware: unknown, options: { step: string; priority?: string; name?: string; override?: boolean }): void;
}

/** The minimal shape of an SDK v3 client this helper needs. */
export interface ClientLike {
  middlewareStack: MiddlewareStackLike;
}

/** Installs the allowlist on an existing client (used by `createReadOnlyClient`; exported for tests). */
export function enforceReadOnly<C extends ClientLike>(client: C): C {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const name = context?.commandName ?? '';
      if (!ALLOWED_COMMANDS.has(name)) throw new ReadOnlyViolation(name);
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'statescopeReadOnlyAllowlist', override: true },
  );
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const request = (args as { request?: { headers?: Record<string, string> } }).request;
      const headers = request?.headers ?? {};
      for (const [k, v] of Object.entries(headers)) {
        if (k.toLowerCase() !== 'x-amz-target') continue;
        const op = String(v).split('.').pop() ?? '';
        if (!ALLOWED_TARGET_OPERATIONS.has(op)) throw new ReadOnlyViolation(`${op} (as ${context?.commandName ?? '?'})`);
      }
      return next(args);
    },
    { step: 'build', priority: 'high', name: 'statescopeReadOnlyTargetCheck', override: true },
  );
  return client;
}

/**
 * The one way the app makes an AWS client: `createReadOnlyClient(SFNClient, config)`. The returned client
 * refuses every command outside `ALLOWED_COMMANDS`.
 */
export function createReadOnlyClient<C extends ClientLike, A extends unknown[]>(
  ClientClass: new (...config: A) => C,
  ...config: A
): C {
  return enforceReadOnly(new ClientClass(...config));
}
