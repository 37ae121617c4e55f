// Child process of bench/daemon.ts: sends X-Ray daemon datagrams to 127.0.0.1:PORT at RATE documents per second
// for SECONDS, in 10 ms ticks, and prints how many it sent. Each document is a complete segment (about 700 bytes)
// with two subsegments, one trace per document, as a busy local service would send them.
import dgram from 'node:dgram';

const [port, rate, seconds] = process.argv.slice(2).map(Number);
const header = '{"format": "json", "version": 1}\n';
const sock = dgram.createSocket('udp4');
const perTick = Math.max(1, Math.round(rate / 100));
const end = Date.now() + seconds * 1000;
let sent = 0;
let n = 0;

function doc(i) {
  const hex = i.toString(16).padStart(24, '0');
  const start = Date.now() / 1000;
  return (
    header +
    JSON.stringify({
      trace_id: `1-${Math.floor(start).toString(16)}-${hex}`,
      id: hex.slice(8),
      name: 'bench-api',
      start_time: start,
      end_time: start + 0.05,
      origin: 'AWS::EC2::Instance',
      http: {
        request: { method: 'GET', url: `http://localhost/items/${i}`, client_ip: '127.0.0.1' },
        response: { status: i % 50 === 0 ? 500 : 200 },
      },
      fault: i % 50 === 0,
      annotations: { tenant: `t${i % 7}` },
      subsegments: [
        {
          id: `a${hex.slice(9)}`,
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: start + 0.01,
          end_time: start + 0.02,
          aws: { operation: 'GetItem', table_name: 'Items' },
          http: { response: { status: 200 } },
        },
        {
          id: `b${hex.slice(9)}`,
          name: 'api.example.com',
          namespace: 'remote',
          start_time: start + 0.03,
          end_time: start + 0.045,
          http: { request: { method: 'GET', url: 'https://api.example.com/x' }, response: { status: 200 } },
        },
      ],
    })
  );
}

const begin = Date.now();
function tick() {
  const now = Date.now();
  if (now >= end) {
    sock.close(() => process.stdout.write(JSON.stringify({ sent })));
    return;
  }
  // Catch up to the target (a late tick sends more), at most 5 ticks' worth at once.
  const due = Math.min(Math.floor(((now - begin) / 1000) * rate) - n, perTick * 5);
  for (let i = 0; i < due; i++) sock.send(doc(n++), port, '127.0.0.1', (e) => !e && sent++);
  setTimeout(tick, 10);
}
tick();
