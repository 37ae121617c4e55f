// Loaded with `node --require` into the producer processes: every outgoing TCP connection and UDP datagram is
// checked, a non-loopback destination is refused (so nothing can leave the machine), and the list of
// destinations is written to $GUARD_OUT at exit for the test to assert on.
const dgram = require('node:dgram');
const fs = require('node:fs');
const net = require('node:net');

const seen = [];
const loopback = (host) =>
  host === undefined || host === 'localhost' || /^127\./.test(host) || host === '::1' || /^::ffff:127\./.test(host);
const record = (kind, host, port) => {
  seen.push({ kind, host: host ?? 'localhost', port: Number(port) });
  if (!loopback(host)) throw new Error(`loopback guard: refused ${kind} to ${host}:${port}`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  if (Array.isArray(first)) {
    const o = first[0] ?? {};
    if (!o.path) record('tcp', o.host, o.port);
  } else if (typeof first === 'object' && first !== null) {
    if (!first.path) record('tcp', first.host, first.port);
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    record('tcp', typeof args[1] === 'string' ? args[1] : undefined, first);
  }
  return connect.apply(this, args);
};

const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (msg, ...rest) {
  // send(msg, [offset, length,] port, address, cb); port may be a string. A connected socket has neither.
  const args = rest.filter((x) => typeof x !== 'function');
  const [port, address] = args.length >= 4 ? [args[2], args[3]] : [args[0], args[1]];
  if (port !== undefined) record('udp', address, port);
  return send.call(this, msg, ...rest);
};

process.on('exit', () => {
  if (process.env.GUARD_OUT) fs.writeFileSync(process.env.GUARD_OUT, JSON.stringify(seen));
});
