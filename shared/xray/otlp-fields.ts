/**
 * The X-Ray fields of one OTel span, as the collector's awsxrayexporter translator writes them (http.go, cause.go,
 * aws.go, sql.go, segment.go): `http`, `cause`, `aws`, `origin`, `sql`, and the segment's name and namespace.
 */
import {
  PLATFORM_ORIGINS,
  SQL_SYSTEMS,
  isObject,
  attrs,
  s,
  n,
  fixSegmentName,
  statusCode,
  type Attrs,
  type SpanKind,
} from './otlp-values.ts';

/** Attribute keys http.go reads (old semantic conventions) and their current equivalents. */
export const HTTP_KEYS = new Set([
  'http.method',
  'http.request.method',
  'http.client_ip',
  'client.address',
  'http.user_agent',
  'user_agent.original',
  'http.status_code',
  'http.response.status_code',
  'http.url',
  'url.full',
  'http.scheme',
  'url.scheme',
  'http.host',
  'http.target',
  'url.path',
  'url.query',
  'http.server_name',
  'net.host.port',
  'host.name',
  'net.host.name',
  'net.peer.name',
  'net.peer.port',
  'net.peer.ip',
  'server.address',
  'server.port',
]);

export function buildUrl(a: Attrs, server: boolean): string {
  const full = s(a, 'http.url', 'url.full');
  if (full) return full;
  const scheme = s(a, 'http.scheme', 'url.scheme') ?? 'http';
  let host = s(a, 'http.host');
  let port = '';
  if (!host) {
    host = server
      ? s(a, 'http.server_name', 'net.host.name', 'host.name', 'server.address')
      : s(a, 'net.peer.name', 'server.address', 'net.peer.ip');
    port = (server ? s(a, 'net.host.port', 'server.port') : s(a, 'net.peer.port', 'server.port')) ?? '';
  }
  let url = `${scheme}://${host ?? ''}`;
  if (port && !(scheme === 'http' && port === '80') && !(scheme === 'https' && port === '443')) url += `:${port}`;
  const target =
    s(a, 'http.target') ??
    (s(a, 'url.path') !== undefined
      ? `${s(a, 'url.path')}${s(a, 'url.query') ? `?${s(a, 'url.query')}` : ''}`
      : undefined);
  return url + (target ?? '/');
}

export function makeHttp(a: Attrs, kind: SpanKind): Record<string, unknown> | undefined {
  const has = (k: string) => a.has(k);
  const hasHttp = [
    'http.method',
    'http.request.method',
    'http.client_ip',
    'http.user_agent',
    'user_agent.original',
    'http.status_code',
    'http.response.status_code',
    'http.url',
    'url.full',
    'http.scheme',
    'http.host',
    'http.target',
    'http.server_name',
    'net.host.port',
  ].some(has);
  if (!hasHttp) return undefined;
  const hasUrlParts = [
    'http.url',
    'url.full',
    'http.host',
    'http.server_name',
    'host.name',
    'net.host.name',
    'net.peer.ip',
    'server.address',
  ].some(has);
  const request: Record<string, unknown> = {};
  const method = s(a, 'http.method', 'http.request.method');
  if (method) request.method = method;
  if (hasUrlParts) request.url = buildUrl(a, kind === 'SERVER');
  const agent = s(a, 'http.user_agent', 'user_agent.original');
  if (agent) request.user_agent = agent;
  const forwarded = s(a, 'http.client_ip');
  const clientIp = forwarded ?? s(a, 'net.peer.ip', 'client.address');
  if (clientIp) request.client_ip = clientIp;
  if (forwarded) request.x_forwarded_for = true;
  const response: Record<string, unknown> = {};
  const status = n(a, 'http.status_code', 'http.response.status_code');
  if (status !== undefined) response.status = status;
  return { request, response };
}

export interface Cause {
  error: boolean;
  fault: boolean;
  throttle: boolean;
  cause?: { exceptions: Record<string, unknown>[] };
  consumed: string[];
}

/** Stack frames of a Node.js stack trace (`    at label (path:line:col)`), as cause.go reads JavaScript stacks. */
export function javascriptStack(stack: string): { path?: string; line?: number; label?: string }[] {
  const frames: { path?: string; line?: number; label?: string }[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const m = /^\s*at (?:(.*?) \()?(.*?)(?::(\d+)(?::\d+)?)?\)?$/.exec(line);
    if (!m) continue;
    const frame: { path?: string; line?: number; label?: string } = {};
    if (m[1]) frame.label = m[1];
    if (m[2]) frame.path = m[2];
    if (m[3]) frame.line = Number(m[3]);
    frames.push(frame);
  }
  return frames;
}

export function exceptionId(spanId: string, index: number): string {
  // Deterministic, 16 hex digits like an X-Ray exception id: the span id with the index folded into its end.
  const tail = (parseInt(spanId.slice(8), 16) ^ (index + 1)) >>> 0;
  return spanId.slice(0, 8) + tail.toString(16).padStart(8, '0');
}

export function makeCause(
  span: Record<string, unknown>,
  a: Attrs,
  kind: SpanKind,
  spanId: string,
  language: string | undefined,
): Cause {
  const status = statusCode(span.status);
  const events = Array.isArray(span.events) ? span.events.filter(isObject) : [];
  const exceptionEvents = events.filter((e) => e.name === 'exception');
  const consumed: string[] = [];
  let cause: Cause['cause'];
  if (exceptionEvents.length > 0) {
    const remote = kind === 'CLIENT' || kind === 'PRODUCER';
    cause = {
      exceptions: exceptionEvents.map((e, i) => {
        const ea = attrs(e.attributes);
        const x: Record<string, unknown> = {
          id: exceptionId(spanId, i),
          type: s(ea, 'exception.type') ?? '',
          message: s(ea, 'exception.message') ?? '',
          remote,
        };
        const stack = s(ea, 'exception.stacktrace');
        if (stack && language === 'javascript') x.stack = javascriptStack(stack);
        return x;
      }),
    };
  } else if (status === 'ERROR') {
    const message =
      (isObject(span.status) && typeof span.status.message === 'string' && span.status.message) ||
      s(a, 'http.status_text') ||
      '';
    if (a.has('http.status_text')) consumed.push('http.status_text');
    if (message) cause = { exceptions: [{ id: exceptionId(spanId, 0), type: '', message }] };
  }
  const code = n(a, 'http.status_code', 'http.response.status_code');
  let error = false;
  let fault = false;
  let throttle = false;
  if (code === undefined || code < 400 || code > 599) fault = status === 'ERROR';
  else if (code < 500) {
    error = true;
    throttle = code === 429;
  } else fault = true;
  return { error, fault, throttle, cause, consumed };
}

/** Attribute keys aws.go takes into the `aws` block. */
export const AWS_SPAN_KEYS = new Set([
  'aws.operation',
  'rpc.method',
  'aws.account_id',
  'aws.region',
  'aws.request_id',
  'aws.requestId',
  'aws.queue_url',
  'aws.queue.url',
  'aws.table_name',
  'aws.table.name',
]);

export function compact(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return Object.keys(out).length === 0 ? undefined : out;
}

export function makeAws(a: Attrs, r: Attrs): Record<string, unknown> | undefined {
  const provider = s(r, 'cloud.provider');
  if (provider !== undefined && provider !== 'aws') return undefined;
  const platform = s(r, 'cloud.platform');
  const zone = s(r, 'cloud.availability_zone');
  const hostId = s(r, 'host.id');
  const containerId = s(r, 'container.id');
  const clusterName = s(r, 'k8s.cluster.name');
  let tableName = s(a, 'aws.table_name', 'aws.table.name');
  let tableNames: string[] | undefined;
  const semconvTables = a.get('aws.dynamodb.table_names');
  const tables = Array.isArray(semconvTables)
    ? semconvTables.map(String)
    : typeof semconvTables === 'string'
      ? [semconvTables]
      : [];
  if (tables.length === 1) tableName = tables[0];
  else if (tables.length > 1) {
    tableName = undefined;
    tableNames = tables;
  }
  const sdkName = s(r, 'telemetry.sdk.name');
  const sdkLanguage = s(r, 'telemetry.sdk.language');
  let sdk = sdkName;
  if (sdkName && sdkLanguage && !sdkName.toLowerCase().endsWith(` for ${sdkLanguage.toLowerCase()}`))
    sdk = `${sdkName} for ${sdkLanguage}`;
  const deployId = s(r, 'service.instance.id');
  return compact({
    account_id: s(a, 'aws.account_id') ?? s(r, 'cloud.account.id'),
    operation: s(a, 'aws.operation', 'rpc.method'),
    region: s(a, 'aws.region'),
    request_id: s(a, 'aws.request_id', 'aws.requestId'),
    queue_url: s(a, 'messaging.url') ?? s(a, 'aws.queue_url', 'aws.queue.url'),
    table_name: tableName,
    table_names: tableNames,
    ec2:
      platform === 'aws_ec2' || hostId
        ? compact({
            instance_id: hostId,
            availability_zone: zone,
            instance_size: s(r, 'host.type'),
            ami_id: s(r, 'host.image.id'),
          })
        : undefined,
    ecs:
      platform === 'aws_ecs'
        ? compact({
            container: s(r, 'container.name'),
            container_id: containerId,
            availability_zone: zone,
            container_arn: s(r, 'aws.ecs.container.arn'),
            cluster_arn: s(r, 'aws.ecs.cluster.arn'),
            task_arn: s(r, 'aws.ecs.task.arn'),
            task_family: s(r, 'aws.ecs.task.family'),
            launch_type: s(r, 'aws.ecs.launchtype'),
          })
        : undefined,
    elastic_beanstalk:
      platform === 'aws_elastic_beanstalk' && deployId
        ? compact({
            environment_name: s(r, 'service.namespace'),
            deployment_id: Number.parseInt(deployId, 10) || 0,
            version_label: s(r, 'service.version'),
          })
        : undefined,
    eks:
      platform === 'aws_eks' || clusterName
        ? compact({ cluster_name: clusterName, pod: s(r, 'k8s.pod.name'), container_id: containerId })
        : undefined,
    xray: compact({
      sdk,
      sdk_version: s(r, 'telemetry.sdk.version'),
      auto_instrumentation: r.has('telemetry.auto.version'),
    }),
  });
}

export function makeOrigin(r: Attrs): string | undefined {
  if (r.size === 0) return undefined;
  const provider = s(r, 'cloud.provider');
  if (provider !== undefined && provider !== 'aws') return undefined;
  const platform = s(r, 'cloud.platform');
  if (platform === 'aws_ecs') {
    const launch = s(r, 'aws.ecs.launchtype');
    return launch === 'ec2' ? 'AWS::ECS::EC2' : launch === 'fargate' ? 'AWS::ECS::Fargate' : 'AWS::ECS::Container';
  }
  return platform ? PLATFORM_ORIGINS[platform] : undefined;
}

export function makeSql(a: Attrs): { sql?: Record<string, unknown>; consumed: string[] } {
  const system = s(a, 'db.system');
  if (!system || !SQL_SYSTEMS.has(system)) return { consumed: [] };
  const url = s(a, 'db.connection_string') ?? '';
  const db = s(a, 'db.name') ?? '';
  return {
    sql: compact({
      url: `${url}/${db}`,
      database_type: system,
      user: s(a, 'db.user'),
      sanitized_query: s(a, 'db.statement'),
    }),
    consumed: ['db.system', 'db.connection_string', 'db.name', 'db.user', 'db.statement'],
  };
}

export const isDependencyKind = (kind: SpanKind) => kind === 'CLIENT' || kind === 'PRODUCER' || kind === 'CONSUMER';

/** AWS SDK spans name the remote service `AWS::DynamoDB` or `AWS.SDK.DynamoDB`; X-Ray names it `DynamoDB`. */
export function trimAwsSdkPrefix(name: string, a: Attrs): string {
  if (s(a, 'rpc.system') !== 'aws-api') return name;
  return name.startsWith('AWS.SDK.') ? name.slice(8) : name.startsWith('AWS::') ? name.slice(5) : name;
}

export function segmentName(
  span: Record<string, unknown>,
  a: Attrs,
  r: Attrs,
  kind: SpanKind,
): { name: string; namespace?: string } {
  let namespace: string | undefined;
  if (s(a, 'rpc.system') === 'aws-api') namespace = 'aws';
  // Application Signals names (aws.local.service / aws.remote.service, as ADOT and CloudWatch aws/spans carry
  // them) come first, then peer.service.
  let name: string | undefined;
  if (kind === 'SERVER' || (kind === 'INTERNAL' && s(a, 'aws.span.kind') === 'LOCAL_ROOT'))
    name = s(a, 'aws.local.service');
  if (isDependencyKind(kind)) {
    const remote = s(a, 'aws.remote.service');
    if (remote) name = trimAwsSdkPrefix(remote, a);
  }
  name ??= s(a, 'peer.service');
  if (!name) {
    const awsService = s(a, 'aws.service');
    if (awsService) {
      name = awsService;
      namespace ??= 'aws';
    }
  }
  if (!name) {
    const db = s(a, 'db.name');
    if (db) {
      name = db;
      const conn = s(a, 'db.connection_string')?.replace(/^jdbc:/, '');
      const host = conn ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(conn)?.[1] : undefined;
      if (host) name += `@${host.replace(/^\[|\]$/g, '')}`;
    }
  }
  if (!name && kind === 'SERVER') name = s(r, 'service.name');
  name ??= s(a, 'rpc.service') ?? s(a, 'http.host') ?? s(a, 'net.peer.name') ?? s(a, 'server.address');
  name ??= fixSegmentName(typeof span.name === 'string' ? span.name : '');
  if (!namespace && kind === 'CLIENT') namespace = 'remote';
  return { name, namespace };
}
