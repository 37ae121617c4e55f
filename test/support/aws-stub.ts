/**
 * A small HTTP(S) server answering the AWS wire shapes our readers use, for what moto cannot do: hang, answer
 * late, throttle, refuse a key, serve 10,000 executions, or check the MFA code of an AssumeRole. Step Functions
 * speaks JSON 1.0 (`X-Amz-Target: AWSStepFunctions.<Operation>`); STS speaks the Query protocol (form body,
 * XML answer), as documented in the STS API reference (GetCallerIdentity, AssumeRole).
 * Binds 127.0.0.1 on a free port; the caller must `stop()` it.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';

/** What a handler sees of one request. */
export interface StubRequest {
  /** `ListExecutions`, `GetCallerIdentity`, `AssumeRole`, … */
  operation: string;
  service: 'sfn' | 'sts' | 'other';
  /** The JSON body (Step Functions) or the form fields (STS). */
  params: Record<string, unknown>;
  /** The access key id the request was signed with (from the Authorization header). */
  accessKeyId?: string;
}

/** A handler's answer: a body with a status, or `hang` (accept and never answer), optionally after a delay. */
export type StubAnswer = { status?: number; json?: unknown; xml?: string; delayMs?: number } | 'hang';

export interface AwsStub {
  endpoint: string;
  /** Every request seen, in order. */
  requests: StubRequest[];
  stop(): Promise<void>;
}

/** Default STS answers (shapes from the STS API reference). */
export function stsAnswer(operation: string, params: Record<string, unknown>): StubAnswer {
  if (operation === 'GetCallerIdentity') {
    return {
      xml:
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        '<Arn>arn:aws:iam::111122223333:user/stub</Arn><UserId>AIDSTUBUSER</UserId><Account>111122223333</Account>' +
        '</GetCallerIdentityResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    };
  }
  if (operation === 'AssumeRole') {
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    return {
      xml:
        '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>' +
        '<Credentials><AccessKeyId>ASSUMEDKEYSTUB</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>' +
        `<SessionToken>assumed-token</SessionToken><Expiration>${expires}</Expiration></Credentials>` +
        `<AssumedRoleUser><Arn>${String(params.RoleArn)}/stub</Arn><AssumedRoleId>AROASTUB:stub</AssumedRoleId></AssumedRoleUser>` +
        '</AssumeRoleResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></AssumeRoleResponse>',
    };
  }
  return { status: 400, xml: stsError('InvalidAction', `Could not find operation ${operation}`) };
}

/** An STS Query-protocol error body. */
export function stsError(code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>stub</RequestId></ErrorResponse>`;
}

/** A Step Functions (JSON 1.0) error answer. */
export function sfnError(status: number, type: string, message: string): StubAnswer {
  return { status, json: { __type: type, message } };
}

/** Starts the stub. `handle` answers every request; returning undefined falls back to the STS defaults / 400. */
export async function startAwsStub(
  handle: (req: StubRequest) => StubAnswer | undefined,
  tls?: { key: string; cert: string },
): Promise<AwsStub> {
  const requests: StubRequest[] = [];
  const sockets = new Set<net.Socket>();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const auth = String(req.headers.authorization ?? '');
      const accessKeyId = /Credential=([^/]+)\//.exec(auth)?.[1];
      let parsed: StubRequest;
      if (target) {
        let params: Record<string, unknown> = {};
        try {
          params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        } catch {
          // left empty: the handler sees no parameters
        }
        parsed = {
          operation: target.split('.').pop()!,
          service: target.startsWith('AWSStepFunctions') ? 'sfn' : 'other',
          params,
        };
      } else {
        const form = Object.fromEntries(new URLSearchParams(body));
        parsed = { operation: String(form.Action ?? ''), service: 'sts', params: form };
      }
      if (accessKeyId) parsed.accessKeyId = accessKeyId;
      requests.push(parsed);
      const answer =
        handle(parsed) ??
        (parsed.service === 'sts'
          ? stsAnswer(parsed.operation, parsed.params)
          : sfnError(400, 'UnknownOperationException', parsed.operation));
      if (answer === 'hang') return; // accepted, never answered
      const send = () => {
        if (res.destroyed) return;
        const isXml = answer.xml !== undefined;
        res.writeHead(answer.status ?? 200, {
          'content-type': isXml ? 'text/xml' : 'application/x-amz-json-1.0',
          'x-amzn-requestid': 'stub',
        });
        res.end(isXml ? answer.xml : JSON.stringify(answer.json ?? {}));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server that accepts TCP connections and never says a word (not even a TLS or HTTP answer). */
export async function startSilentServer(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const { default: netMod } = await import('node:net');
  const sockets = new Set<net.Socket>();
  const server = netMod.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
