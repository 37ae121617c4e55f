// Sends traces with the real Node X-Ray SDK (aws-xray-sdk-core) to the daemon named by AWS_XRAY_DAEMON_ADDRESS,
// and asks that daemon for sampling rules and targets through the SDK's own connector. Prints a JSON report.
const AWSXRay = require('aws-xray-sdk-core');
const ServiceConnector = require('aws-xray-sdk-core/dist/lib/middleware/sampling/service_connector');

AWSXRay.setContextMissingStrategy('LOG_ERROR');
AWSXRay.enableManualMode();
AWSXRay.setLogger({ error() {}, warn() {}, info() {}, debug() {} });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function request({ method, url, status, dynamo, remote }) {
  const seg = new AWSXRay.Segment('shop');
  const u = new URL(url);
  // The SDK's own request recorder, fed what an http.IncomingMessage would carry.
  seg.addIncomingRequestData(
    new AWSXRay.middleware.IncomingRequestData({
      method,
      url: u.pathname,
      headers: { host: u.host, 'user-agent': 'producer' },
      connection: { remoteAddress: '127.0.0.1' },
    }),
  );
  // The daemon sees the in-progress segment first, as it would for a long request.
  seg.flush();
  await sleep(20);
  const db = seg.addNewSubsegment('DynamoDB');
  db.addAttribute('namespace', 'aws');
  db.addAttribute('aws', { operation: dynamo.operation, table_name: 'Orders', region: 'us-east-1' });
  db.addAttribute('http', { response: { status: dynamo.status } });
  if (dynamo.status === 429) {
    db.addErrorFlag();
    db.addThrottleFlag();
  }
  await sleep(5);
  db.close();
  const api = seg.addNewSubsegment('api.example.com');
  api.addAttribute('namespace', 'remote');
  api.addAttribute('http', {
    request: { method: 'GET', url: 'https://api.example.com/rates' },
    response: { status: remote },
  });
  if (remote >= 500) api.addFaultFlag();
  await sleep(5);
  api.close();
  seg.http.close({ statusCode: status, getHeader: () => undefined, headers: {} });
  if (status >= 500) seg.addFaultFlag();
  seg.close();
  return seg.trace_id;
}

(async () => {
  const ids = [];
  ids.push(
    await request({
      method: 'GET',
      url: 'http://localhost/orders/42',
      status: 200,
      dynamo: { operation: 'GetItem', status: 200 },
      remote: 200,
    }),
  );
  ids.push(
    await request({
      method: 'POST',
      url: 'http://localhost/orders',
      status: 500,
      dynamo: { operation: 'PutItem', status: 429 },
      remote: 503,
    }),
  );
  const rules = await new Promise((resolve, reject) =>
    ServiceConnector.fetchSamplingRules((err, r) => (err ? reject(err) : resolve(r))),
  );
  const targets = await new Promise((resolve, reject) =>
    ServiceConnector.fetchTargets(rules, (err, t) => (err ? reject(err) : resolve(t))),
  );
  await sleep(100);
  process.stdout.write(
    JSON.stringify({
      traceIds: ids,
      rules: rules.map((r) => ({
        name: r.getName(),
        rate: r.getRate(),
        capacity: r._reservoir ? r._reservoir._capacity : undefined,
        isDefault: r.isDefault(),
      })),
      targets,
    }),
  );
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exitCode = 1;
});
