// Sends the same two requests as xray-sdk-producer.cjs with the OpenTelemetry JS SDK: AWS X-Ray ids
// (@opentelemetry/id-generator-aws-xray) and the OTLP/HTTP exporter (JSON, or protobuf with OTLP_PROTOCOL=protobuf)
// to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. Prints the trace ids as JSON.
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

const url = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
const exporter = process.env.OTLP_PROTOCOL === 'protobuf' ? new ProtoExporter({ url }) : new JsonExporter({ url });
const provider = new TracerProvider({
  resource: resourceFromAttributes({ 'service.name': process.env.SERVICE_NAME ?? 'shop' }),
  idGenerator: new AWSXRayIdGenerator(),
  spanProcessors: [new SimpleSpanProcessor({ exporter })],
});
const tracer = provider.getTracer('producer');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function request({ method, path, status, dynamo, remote }) {
  const server = tracer.startSpan(`${method} ${path}`, {
    kind: SpanKind.SERVER,
    attributes: { 'http.method': method, 'http.url': `http://localhost${path}`, 'http.user_agent': 'producer' },
  });
  const ctx = trace.setSpan(context.active(), server);
  await sleep(20);
  const db = tracer.startSpan(
    `DynamoDB.${dynamo.operation}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'rpc.system': 'aws-api',
        'rpc.service': 'DynamoDB',
        'rpc.method': dynamo.operation,
        'aws.dynamodb.table_names': ['Orders'],
        'aws.region': 'us-east-1',
        'http.status_code': dynamo.status,
      },
    },
    ctx,
  );
  await sleep(5);
  db.end();
  const api = tracer.startSpan(
    'GET',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.method': 'GET',
        'http.url': 'https://api.example.com/rates',
        'net.peer.name': 'api.example.com',
        'http.status_code': remote,
      },
    },
    ctx,
  );
  if (remote >= 500) api.setStatus({ code: SpanStatusCode.ERROR });
  await sleep(5);
  api.end();
  server.setAttribute('http.status_code', status);
  if (status >= 500) server.setStatus({ code: SpanStatusCode.ERROR });
  server.end();
  return server.spanContext().traceId;
}

const ids = [];
ids.push(
  await request({
    method: 'GET',
    path: '/orders/42',
    status: 200,
    dynamo: { operation: 'GetItem', status: 200 },
    remote: 200,
  }),
);
ids.push(
  await request({
    method: 'POST',
    path: '/orders',
    status: 500,
    dynamo: { operation: 'PutItem', status: 429 },
    remote: 503,
  }),
);
await provider.forceFlush();
await provider.shutdown();
process.stdout.write(JSON.stringify({ traceIds: ids }));
