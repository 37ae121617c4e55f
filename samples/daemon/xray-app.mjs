// A tiny "app" that traces like an X-Ray SDK, with no dependencies: it asks the daemon for sampling rules, then
// sends an in-progress segment, a DynamoDB subsegment on its own, and the completed segment over UDP.
//
//   npx statescope daemon                       # in one terminal (or: npx statescope serve --daemon)
//   node samples/daemon/xray-app.mjs            # in another; honours AWS_XRAY_DAEMON_ADDRESS
import crypto from 'node:crypto';
import dgram from 'node:dgram';

// AWS_XRAY_DAEMON_ADDRESS is "host:port" or "tcp:host:port udp:host:port", as the X-Ray SDKs read it.
const address = process.env.AWS_XRAY_DAEMON_ADDRESS ?? '127.0.0.1:2000';
const part = (kind) => address.split(/\s+/).find((p) => p.startsWith(`${kind}:`))?.slice(kind.length + 1) ?? address;
const [udpHost, udpPort] = part('udp').split(/:(?=\d+$)/);
const [tcpHost, tcpPort] = part('tcp').split(/:(?=\d+$)/);

const rules = await fetch(`http://${tcpHost}:${tcpPort}/GetSamplingRules`, { method: 'POST', body: '{}' }).then((r) => r.json());
const rule = rules.SamplingRuleRecords[0].SamplingRule;
console.log(`sampling rule ${rule.RuleName}: ${rule.ReservoirSize}/s then ${rule.FixedRate * 100} %`);

const socket = dgram.createSocket('udp4');
const send = (doc) =>
  new Promise((resolve, reject) => socket.send(`{"format": "json", "version": 1}\n${JSON.stringify(doc)}`, Number(udpPort), udpHost, (e) => (e ? reject(e) : resolve())));
const hex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const now = () => Date.now() / 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const traceId = `1-${Math.floor(now()).toString(16)}-${hex(12)}`;
const segment = { trace_id: traceId, id: hex(8), name: 'checkout', start_time: now(), http: { request: { method: 'POST', url: 'http://localhost:3000/orders' } } };
await send({ ...segment, in_progress: true });
await sleep(300);
const start = now();
await sleep(40);
await send({ trace_id: traceId, id: hex(8), parent_id: segment.id, type: 'subsegment', name: 'DynamoDB', namespace: 'aws', start_time: start, end_time: now(), aws: { operation: 'PutItem', table_name: 'Orders' }, http: { response: { status: 200 } } });
await sleep(300);
await send({ ...segment, end_time: now(), http: { ...segment.http, response: { status: 201 } } });
socket.close();
console.log(`sent trace ${traceId}`);
