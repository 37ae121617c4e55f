/**
 * Read-only by construction. Every AWS client the app uses is made by `createReadOnlyClient`, which installs two
 * checks:
 * - early, a middleware at the front of the stack (step `initialize`) refuses a command whose name is not on
 *   `ALLOWED_COMMANDS`, before anything is serialised or signed (a clear message naming the command);
 * - authoritative, the client's request handler is wrapped so the exact HTTP request about to leave — after every
 *   middleware, signed — is checked for the operation it really carries: the JSON protocol's `X-Amz-Target`
 *   (Step Functions), the REST path (X-Ray) or the query `Action` (STS). The wrapper is a non-writable,
 *   non-configurable property of the client's config, so no middleware (client- or command-level, under any name)
 *   can replace it, and a command that lies about its name is judged by what it would send.
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
    super(
      `Statescope is read-only: "${commandName || 'an unnamed command'}" is not allowed and was not sent.`,
      'aws-read-only',
      403,
    );
  }
}

const ALLOWED_TARGET_OPERATIONS = new Set([...ALLOWED_COMMANDS].map((c) => c.replace(/Command$/, '')));

/** X-Ray (REST-JSON): the last path segment of each allowed operation, as the SDK serialises it (all POST). */
export const XRAY_READ_PATHS: ReadonlyMap<string, string> = new Map([
  ['ServiceGraph', 'GetServiceGraph'],
  ['TraceSummaries', 'GetTraceSummaries'],
  ['Traces', 'BatchGetTraces'],
  ['TraceGraph', 'GetTraceGraph'],
  ['Groups', 'GetGroups'],
]);

interface MiddlewareStackLike {
  add(middleware: unknown, options: { step: string; priority?: string; name?: string; override?: boolean }): void;
}

interface RequestHandlerLike {
  handle(request: unknown, options?: unknown): Promise<unknown>;
  [key: string]: unknown;
}

/** The minimal shape of an SDK v3 client this helper needs. */
export interface ClientLike {
  middlewareStack: MiddlewareStackLike;
  config?: { requestHandler?: unknown };
}

interface SerialisedRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '';
}

/**
 * The operation an HTTP request built by one of our clients carries, or null when it cannot be told (which the
 * guard refuses). Step Functions: `X-Amz-Target: AWSStepFunctions.<Op>`; STS: `Action=<Op>` in the form body;
 * X-Ray: the REST path.
 */
export function serialisedOperation(request: SerialisedRequest): string | null {
  const headers = request.headers ?? {};
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === 'x-amz-target') return String(v).split('.').pop() ?? null;
  }
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const text = bodyText(request.body);
  if (/x-www-form-urlencoded/i.test(contentType) || /^Action=/.test(text)) {
    const actions = new URLSearchParams(text).getAll('Action');
    return actions.length === 1 ? actions[0]! : null;
  }
  const segment = (request.path ?? '').split('?')[0]!.split('/').filter(Boolean).pop() ?? '';
  return XRAY_READ_PATHS.get(segment) ?? (segment ? `${request.method ?? '?'} /${segment}` : null);
}

/** The authoritative check: only a request whose serialised operation is on the allowlist goes out. */
function guardRequestHandler<C extends ClientLike>(client: C): void {
  const config = client.config;
  const inner = config?.requestHandler as RequestHandlerLike | undefined;
  if (!config || !inner || typeof inner.handle !== 'function') {
    throw new Error('createReadOnlyClient: the client has no request handler to guard.');
  }
  const guarded: RequestHandlerLike = Object.freeze({
    ...Object.fromEntries(
      ['updateHttpClientConfig', 'httpHandlerConfigs', 'destroy', 'metadata'].flatMap((k) => {
        const v = (inner as Record<string, unknown>)[k];
        return v === undefined
          ? []
          : [[k, typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(inner) : v]];
      }),
    ),
    handle(request: unknown, options?: unknown) {
      const op = serialisedOperation((request ?? {}) as SerialisedRequest);
      if (op === null || !ALLOWED_TARGET_OPERATIONS.has(op)) {
        return Promise.reject(
          new ReadOnlyViolation(`${op ?? 'an operation that cannot be identified'} (in the request about to be sent)`),
        );
      }
      return inner.handle(request, options);
    },
  });
  Object.defineProperty(config, 'requestHandler', {
    value: guarded,
    writable: false,
    configurable: false,
    enumerable: true,
  });
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
  guardRequestHandler(client);
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
