/**
 * The executions list like the console's, against a stub that answers ListExecutions as documented (newest first,
 * `maxResults` up to 1000, `nextToken` until the last page, `statusFilter`): all 10,000 executions of a machine
 * are reachable page by page, and the name and start-date filters cut pages without losing or repeating any.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silenceSdkNodeWarning } from '../../../electron/host/aws/connection.ts';
import { createAwsHandlers } from '../../../electron/host/aws/service.ts';
import { command as awsCommand } from '../../../electron/cli/commands/aws.ts';
import { VALIDATORS } from '../../../shared/contract.ts';
import { startAwsStub, sfnError, type AwsStub } from '../../support/aws-stub.ts';
import { runCli } from '../../support/cli-io.ts';

const MACHINE = 'arn:aws:states:us-east-1:111122223333:stateMachine:busy';
const T0 = Date.parse('2026-01-01T00:00:00Z');
const STATUSES = ['SUCCEEDED', 'FAILED', 'SUCCEEDED', 'TIMED_OUT', 'ABORTED', 'SUCCEEDED', 'RUNNING'];
/** 10,000 executions, one a minute, newest first (index 0 is the newest). */
const ALL = Array.from({ length: 10_000 }, (_, i) => {
  const n = 9_999 - i;
  const start = T0 + n * 60_000;
  const status = STATUSES[n % STATUSES.length]!;
  return {
    executionArn: `arn:aws:states:us-east-1:111122223333:execution:busy:run-${String(n).padStart(5, '0')}`,
    stateMachineArn: MACHINE,
    name: `run-${String(n).padStart(5, '0')}`,
    status,
    startDate: start / 1000, // epoch seconds, as the JSON protocol sends timestamps
    ...(status === 'RUNNING' ? {} : { stopDate: start / 1000 + 30 }),
  };
});

let stub: AwsStub;
let pagesServed = 0;
beforeAll(async () => {
  stub = await startAwsStub((r) => {
    if (r.operation !== 'ListExecutions') return undefined;
    const p = r.params as { stateMachineArn?: string; statusFilter?: string; maxResults?: number; nextToken?: string };
    if (p.stateMachineArn !== MACHINE) return sfnError(400, 'StateMachineDoesNotExist', 'State Machine Does Not Exist');
    const max = p.maxResults ?? 100;
    if (max < 0 || max > 1000) return sfnError(400, 'ValidationException', 'maxResults must be <= 1000');
    const list = p.statusFilter ? ALL.filter((e) => e.status === p.statusFilter) : ALL;
    const from = p.nextToken ? Number(p.nextToken.replace('tok-', '')) : 0;
    const page = list.slice(from, from + max);
    pagesServed++;
    return { json: { executions: page, ...(from + max < list.length ? { nextToken: `tok-${from + max}` } : {}) } };
  });
});
afterAll(async () => {
  await stub?.stop();
});

const handlers = () =>
  createAwsHandlers({ env: {}, connection: { credentials: { accessKeyId: 'AKIDSTUB', secretAccessKey: 'x' } } });

async function everyPage(args: Record<string, unknown>): Promise<{ names: string[]; pages: number }> {
  const h = handlers();
  const names: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await h['aws.executions'](
      VALIDATORS['aws.executions']({
        region: 'us-east-1',
        endpoint: stub.endpoint,
        stateMachineArn: MACHINE,
        ...args,
        nextToken: token,
      }),
    );
    names.push(...page.executions.map((e) => e.name));
    token = page.nextToken;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (token);
  return { names, pages };
}

describe('executions, page by page, like the console', () => {
  it('reaches all 10,000 executions, newest first, none twice', async () => {
    const { names, pages } = await everyPage({ pageSize: 1000 });
    expect(names.length).toBe(10_000);
    expect(new Set(names).size).toBe(10_000);
    expect(names[0]).toBe('run-09999');
    expect(names.at(-1)).toBe('run-00000');
    expect(pages).toBe(10);
  });

  it('pages of 100 resume exactly where the last one stopped', async () => {
    const first = await handlers()['aws.executions']({
      region: 'us-east-1',
      endpoint: stub.endpoint,
      stateMachineArn: MACHINE,
      pageSize: 100,
    });
    expect(first.executions.map((e) => e.name).slice(0, 2)).toEqual(['run-09999', 'run-09998']);
    expect(first.executions[0]).toMatchObject({
      startDate: '2026-01-07T22:39:00.000Z',
      stopDate: '2026-01-07T22:39:30.000Z',
    });
    const second = await handlers()['aws.executions']({
      region: 'us-east-1',
      endpoint: stub.endpoint,
      stateMachineArn: MACHINE,
      pageSize: 100,
      nextToken: first.nextToken!,
    });
    expect(second.executions[0]!.name).toBe('run-09899');
  });

  it('filters by status on the server and by name while paging', async () => {
    const failed = await everyPage({ pageSize: 250, status: 'FAILED' });
    expect(failed.names.length).toBe(ALL.filter((e) => e.status === 'FAILED').length);
    const named = await everyPage({ pageSize: 7, nameContains: 'RUN-0012' });
    expect(named.names).toEqual(Array.from({ length: 10 }, (_, i) => `run-0012${9 - i}`));
  });

  it('a start-date range stops reading at the first older execution', async () => {
    pagesServed = 0;
    // 2026-01-07 00:00 → 01:00 (inclusive): executions 8640 … 8700
    const { names } = await everyPage({
      pageSize: 20,
      startedAfter: Date.parse('2026-01-07T00:00:00Z'),
      startedBefore: Date.parse('2026-01-07T01:00:00Z'),
    });
    expect(names.length).toBe(61);
    expect(names[0]).toBe('run-08700');
    expect(names.at(-1)).toBe('run-08640');
    expect(pagesServed).toBeLessThanOrEqual(8); // never past the range into the 8,640 older ones
  });

  it('refuses a page token it did not hand out', async () => {
    await expect(
      handlers()['aws.executions']({
        region: 'us-east-1',
        endpoint: stub.endpoint,
        stateMachineArn: MACHINE,
        pageSize: 10,
        nextToken: 'not-ours',
      }),
    ).rejects.toMatchObject({ code: 'aws-invalid-request', message: expect.stringContaining('page token') });
  });

  it('`statescope aws executions --all` lists every one; --status, --name and --from/--to filter', async () => {
    const run = async (argv: string[]) => {
      const r = await runCli(
        awsCommand,
        ['executions', MACHINE, '--endpoint-url', stub.endpoint, '--region', 'us-east-1', ...argv],
        {
          AWS_ACCESS_KEY_ID: 'AKIDSTUB',
          AWS_SECRET_ACCESS_KEY: 'x',
          HOME: '/nonexistent-statescope',
        },
      );
      return { code: r.code, out: r.stdout };
    };
    const all = await run(['--all', '--json']);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out).executions.length).toBe(10_000);
    const page = await run(['--max', '5']);
    const lines = page.out.trim().split('\n');
    expect(lines[0]).toMatch(/^STATUS\s+STARTED\s+ENDED\s+DURATION\s+NAME\s+ARN$/);
    expect(lines[1]).toMatch(/^TIMED_OUT\s+2026-01-07T22:39:00.000Z\s+2026-01-07T22:39:30.000Z\s+30.0 s\s+run-09999/);
    // run-09995 is still running: its duration counts up to now.
    expect(lines[5]).toMatch(/^RUNNING\s+2026-01-07T22:35:00.000Z\s+-\s+[\d.]+ (min|h|s) so far\s+run-09995/);
    expect(lines.at(-1)).toMatch(/^\(more: --next-token \S+, or --all\)$/);
    const filtered = JSON.parse(
      (
        await run([
          '--json',
          '--status',
          'FAILED',
          '--name',
          'run-000',
          '--from',
          '2026-01-01T00:00:00Z',
          '--to',
          '2026-01-01T01:00:00Z',
        ])
      ).out,
    );
    expect(filtered.executions.map((e: { name: string }) => e.name)).toEqual([
      'run-00057',
      'run-00050',
      'run-00043',
      'run-00036',
      'run-00029',
      'run-00022',
      'run-00015',
      'run-00008',
      'run-00001',
    ]);
  });
});

describe('the SDK Node-version warning', () => {
  it('is turned off on the Node versions Statescope supports, and only there', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(silenceSdkNodeWarning(env, '22.12.0')).toBe(true);
    expect(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    const old: NodeJS.ProcessEnv = {};
    expect(silenceSdkNodeWarning(old, '20.18.0')).toBe(false);
    expect(old.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBeUndefined();
  });
});
