/**
 * A small local server that answers the X-Ray calls moto lacks (GetGroups, a non-empty GetServiceGraph, paged
 * summaries, GetTraceGraph) and Step Functions' ListStateMachines with the machine types moto leaves out, with
 * the response shapes AWS documents, and that can answer any AWS call (X-Ray
 * rest-json or Step Functions json) with AccessDenied or throttling errors. It records every request, so tests
 * can prove that a refused command never left the process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type XrayServerMode = 'ok' | 'access-denied' | 'throttle';

export interface RecordedRequest {
  method: string;
  path: string;
  target?: string;
  body: Record<string, unknown>;
}

export interface XrayTestServer {
  endpoint: string;
  requests: RecordedRequest[];
  mode: XrayServerMode;
  close(): Promise<void>;
}

const ACCOUNT = '123456789012';

function service(
  ref: number,
  name: string,
  type: string,
  edges: number[],
  ok: number,
  errors: number,
  start: number,
  end: number,
) {
  return {
    ReferenceId: ref,
    Name: name,
    Names: [name],
    Type: type,
    AccountId: ACCOUNT,
    Root: ref === 0,
    State: 'active',
    StartTime: start,
    EndTime: end,
    Edges: edges.map((to) => ({
      ReferenceId: to,
      StartTime: start,
      EndTime: end,
      SummaryStatistics: {
        OkCount: ok,
        ErrorStatistics: { ThrottleCount: 0, OtherCount: errors, TotalCount: errors },
        FaultStatistics: { OtherCount: 0, TotalCount: 0 },
        TotalCount: ok + errors,
        TotalResponseTime: 0.5 * (ok + errors),
      },
      ResponseTimeHistogram: [{ Value: 0.5, Count: ok + errors }],
      Aliases: [],
    })),
    SummaryStatistics: {
      OkCount: ok,
      ErrorStatistics: { ThrottleCount: 0, OtherCount: errors, TotalCount: errors },
      FaultStatistics: { OtherCount: 0, TotalCount: 0 },
      TotalCount: ok + errors,
      TotalResponseTime: 0.5 * (ok + errors),
    },
    DurationHistogram: [{ Value: 0.5, Count: ok + errors }],
    ResponseTimeHistogram: [{ Value: 0.5, Count: ok + errors }],
  };
}

function traceId(n: number): string {
  return `1-5f1b2c3d-${n.toString(16).padStart(24, '0')}`;
}

function respond(req: RecordedRequest): { status: number; body: unknown } {
  const body = req.body;
  switch (req.path) {
    case '/Groups':
      return body.NextToken === 'g2'
        ? {
            status: 200,
            body: {
              Groups: [
                {
                  GroupName: 'checkout',
                  GroupARN: `arn:aws:xray:us-east-1:${ACCOUNT}:group/checkout/abc`,
                  FilterExpression: 'service("checkout")',
                },
              ],
            },
          }
        : {
            status: 200,
            body: {
              Groups: [
                {
                  GroupName: 'Default',
                  GroupARN: `arn:aws:xray:us-east-1:${ACCOUNT}:group/Default`,
                  FilterExpression: '',
                },
              ],
              NextToken: 'g2',
            },
          };
    case '/ServiceGraph': {
      // rest-json timestamps are epoch seconds.
      const start = Number(body.StartTime);
      const end = Number(body.EndTime);
      return {
        status: 200,
        body: {
          StartTime: Number(body.StartTime),
          EndTime: Number(body.EndTime),
          Services: [
            service(0, 'client', 'client', [1], 10, 0, start, end),
            service(1, 'orders-api', 'AWS::Lambda::Function', [2], 9, 1, start, end),
            service(2, 'orders', 'AWS::DynamoDB::Table', [], 9, 0, start, end),
          ],
          ContainsOldGroupVersions: false,
        },
      };
    }
    case '/TraceSummaries': {
      const page = body.NextToken === 's2' ? 1 : 0;
      const summaries = [0, 1, 2].map((i) => ({
        Id: traceId(page * 3 + i),
        Duration: 0.1 * (i + 1),
        ResponseTime: 0.1 * (i + 1),
        HasFault: false,
        HasError: i === 2,
        HasThrottle: false,
        IsPartial: false,
        Http: {
          HttpURL: `https://example.com/orders/${page * 3 + i}`,
          HttpStatus: i === 2 ? 400 : 200,
          HttpMethod: 'GET',
        },
        ServiceIds: [{ Name: 'orders-api', Names: ['orders-api'], Type: 'AWS::Lambda::Function', AccountId: ACCOUNT }],
        StartTime: Number(body.EndTime) - 60,
      }));
      return {
        status: 200,
        body: {
          TraceSummaries: summaries,
          ApproximateTime: Number(body.EndTime),
          TracesProcessedCount: 3,
          ...(page === 0 ? { NextToken: 's2' } : {}),
        },
      };
    }
    case '/Traces': {
      const ids = (body.TraceIds as string[]) ?? [];
      return {
        status: 200,
        body: {
          Traces: ids.map((Id) => ({
            Id,
            Duration: 0.2,
            LimitExceeded: false,
            Segments: [
              {
                Id: 'seg-' + Id.slice(-4),
                Document: JSON.stringify({
                  id: 'a1b2c3d4e5f60718',
                  trace_id: Id,
                  name: 'orders-api',
                  start_time: 1595000000,
                  end_time: 1595000000.2,
                }),
              },
            ],
          })),
          UnprocessedTraceIds: [],
        },
      };
    }
    case '/TraceGraph':
      return {
        status: 200,
        body: { Services: [service(0, 'orders-api', 'AWS::Lambda::Function', [], 1, 0, 1594944000, 1594944001)] },
      };
    default:
      return { status: 404, body: { message: `Unknown path ${req.path}` } };
  }
}

/** IAM action names AWS puts in AccessDenied messages. */
function actionOf(req: RecordedRequest): string {
  if (req.target) return `states:${req.target.split('.').pop()}`;
  const byPath: Record<string, string> = {
    '/Groups': 'xray:GetGroups',
    '/ServiceGraph': 'xray:GetServiceGraph',
    '/TraceSummaries': 'xray:GetTraceSummaries',
    '/Traces': 'xray:BatchGetTraces',
    '/TraceGraph': 'xray:GetTraceGraph',
  };
  return byPath[req.path] ?? 'xray:Unknown';
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startXrayServer(mode: XrayServerMode = 'ok'): Promise<XrayTestServer> {
  const requests: RecordedRequest[] = [];
  const state = { mode };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        body = {};
      }
      const target = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : undefined;
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0]!,
        body,
        ...(target ? { target } : {}),
      };
      requests.push(rec);
      const json = target ? 'application/x-amz-json-1.0' : 'application/json';
      const send = (status: number, payload: unknown, errorType?: string) => {
        const headers: Record<string, string> = { 'content-type': json, 'x-amzn-requestid': `req-${requests.length}` };
        if (errorType && !target) headers['x-amzn-errortype'] = errorType;
        res.writeHead(status, headers);
        res.end(JSON.stringify(payload));
      };
      if (state.mode === 'access-denied') {
        const message = `User: arn:aws:sts::${ACCOUNT}:assumed-role/ReadOnly/dev is not authorized to perform: ${actionOf(rec)} on resource: *`;
        if (target)
          send(400, { __type: 'com.amazonaws.states#AccessDeniedException', message }, 'AccessDeniedException');
        else send(403, { message }, 'AccessDeniedException');
        return;
      }
      if (state.mode === 'throttle') {
        if (target) send(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
        else send(429, { message: 'Rate exceeded' }, 'ThrottledException');
        return;
      }
      if (target === 'AWSStepFunctions.ListStateMachines') {
        // Two pages, STANDARD and EXPRESS, with every field AWS lists.
        const m = (name: string, type: string) => ({
          stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${name}`,
          name,
          type,
          creationDate: 1700000000.5,
        });
        if (body.nextToken === 'p2')
          send(200, { stateMachines: [m('nightly-batch', 'STANDARD'), m('api-express', 'EXPRESS')] });
        else send(200, { stateMachines: [m('orders', 'STANDARD'), m('clicks-express', 'EXPRESS')], nextToken: 'p2' });
        return;
      }
      if (target === 'AWSStepFunctions.ListMapRuns') {
        const arn = `arn:aws:states:us-east-1:${ACCOUNT}:mapRun:orders/Fanout:run-1`;
        send(200, {
          mapRuns: [
            {
              executionArn: body.executionArn,
              mapRunArn: arn,
              stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders/Fanout`,
              startDate: 1700000000,
            },
          ],
        });
        return;
      }
      if (target === 'AWSStepFunctions.DescribeMapRun') {
        send(200, {
          mapRunArn: body.mapRunArn,
          executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders:run-1`,
          status: 'FAILED',
          startDate: 1700000000,
          stopDate: 1700000060,
          maxConcurrency: 100,
          toleratedFailurePercentage: 5,
          toleratedFailureCount: 0,
          itemCounts: {
            pending: 0,
            running: 0,
            succeeded: 940,
            failed: 60,
            timedOut: 0,
            aborted: 0,
            total: 1000,
            resultsWritten: 940,
          },
          executionCounts: {
            pending: 0,
            running: 0,
            succeeded: 94,
            failed: 6,
            timedOut: 0,
            aborted: 0,
            total: 100,
            resultsWritten: 94,
          },
        });
        return;
      }
      if (target) {
        send(400, {
          __type: 'UnknownOperationException',
          message: 'This test server does not serve this Step Functions call.',
        });
        return;
      }
      const out = respond(rec);
      send(out.status, out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(m: XrayServerMode) {
      state.mode = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
