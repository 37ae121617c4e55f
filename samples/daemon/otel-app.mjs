// The same request as xray-app.mjs, sent the OpenTelemetry way with no dependencies: one OTLP/HTTP JSON export
// (a SERVER span and its DynamoDB CLIENT span) to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. The trace id is made like
// the AWS X-Ray id generator makes it (epoch seconds first), so it shows with its time in X-Ray form.
//
//   npx statescope daemon          # OTLP/HTTP on 127.0.0.1:4318
//   node samples/daemon/otel-app.mjs
import crypto from 'node:crypto';

const url = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? 'http://127.0.0.1:4318/v1/traces';
const nanos = (ms) => `${BigInt(Math.round(ms * 1000)) * 1000n}`;
const traceId = Math.floor(Date.now() / 1000).toString(16) + crypto.randomBytes(12).toString('hex');
const server = crypto.randomBytes(8).toString('hex');
const t0 = Date.now();
const attrs = (o) => Object.entries(o).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: v } : Array.isArray(v) ? { arrayValue: { values: v.map((s) => ({ stringValue: s })) } } : { stringValue: v } }));
const body = {
  resourceSpans: [
    {
      resource: { attributes: attrs({ 'service.name': 'checkout', 'telemetry.sdk.language': 'nodejs' }) },
      scopeSpans: [
        {
          scope: { name: 'samples/daemon/otel-app.mjs' },
          spans: [
            { traceId, spanId: server, name: 'POST /orders', kind: 2, startTimeUnixNano: nanos(t0), endTimeUnixNano: nanos(t0 + 380), attributes: attrs({ 'http.method': 'POST', 'http.url': 'http://localhost:3000/orders', 'http.status_code': 201 }) },
            { traceId, spanId: crypto.randomBytes(8).toString('hex'), parentSpanId: server, name: 'DynamoDB.PutItem', kind: 3, startTimeUnixNano: nanos(t0 + 300), endTimeUnixNano: nanos(t0 + 340), attributes: attrs({ 'rpc.system': 'aws-api', 'rpc.service': 'DynamoDB', 'rpc.method': 'PutItem', 'aws.dynamodb.table_names': ['Orders'], 'http.status_code': 200 }) },
          ],
        },
      ],
    },
  ],
};
const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
console.log(`${res.status} ${await res.text()}; sent trace 1-${traceId.slice(0, 8)}-${traceId.slice(8)}`);
