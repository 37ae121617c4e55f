/**
 * Statescope as the trace receiver on this machine: the X-Ray daemon's UDP port (documents) and TCP port
 * (sampling API), and an OTLP/HTTP receiver (`POST /v1/traces`, JSON or protobuf). Every socket binds loopback
 * only and refuses non-loopback peers; bad input is dropped and counted (store stats), never thrown.
 */
import dgram from 'node:dgram';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { otlpToSegments } from '../../../shared/xray/otlp.ts';
import {
  DEFAULT_DAEMON_ADDRESS,
  isLoopbackAddress,
  parseDaemonAddress,
  parseEndpoint,
  type Endpoint,
} from './address.ts';
import { parseDatagram } from './datagram.ts';
import { decodeTraceRequest } from './proto.ts';
import { DEFAULT_SAMPLING, samplingRules, samplingTargets, type SamplingSettings } from './sampling.ts';
import { LiveTraceStore, type LiveTrace } from './store.ts';

/** OTLP/HTTP request bodies above this are refused (413): a collector batch is far smaller. */
export const MAX_OTLP_BODY_BYTES = 32 * 1024 * 1024;
const MAX_SAMPLING_BODY_BYTES = 1024 * 1024;
const UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

export interface DaemonOptions {
  /** `AWS_XRAY_DAEMON_ADDRESS` form; default 127.0.0.1:2000. Port 0 picks free ports. */
  address?: string;
  /** OTLP/HTTP `host:port`, or undefined for no OTLP receiver. */
  otlp?: string;
  store?: LiveTraceStore;
  sampling?: SamplingSettings;
}

export interface RunningDaemon {
  udp: Endpoint;
  tcp: Endpoint;
  otlp?: Endpoint;
  store: LiveTraceStore;
  sampling: SamplingSettings;
  /** Called with the trace ids that received documents (none when only drops happened), batched every 20 ms. */
  onDocuments(listener: (traceIds: string[]) => void): () => void;
  /** Called when traces complete (see LiveTraceStore). */
  onComplete(listener: (traces: LiveTrace[]) => void): () => void;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const data = body instanceof Uint8Array ? body : Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': type, 'content-length': data.length });
  res.end(data);
}

function listen(server: http.Server, e: Endpoint): Promise<Endpoint> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(e.port, e.host, () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      resolve({ host: e.host, port: a.port });
    });
  });
}

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** A request handler whose failure answers 500 instead of leaving the request hanging. */
function guarded(handler: RequestHandler): http.RequestListener {
  return (req, res) => void handler(req, res).catch(() => send(res, 500, { message: 'Internal error.' }));
}

/** The daemon's TCP endpoints the X-Ray SDKs call: GetSamplingRules and SamplingTargets, answered locally. */
function samplingRequest(sampling: SamplingSettings): RequestHandler {
  return async (req, res) => {
    if (!isLoopbackAddress(req.socket.remoteAddress ?? '')) return send(res, 403, { message: 'loopback only' });
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || (path !== '/GetSamplingRules' && path !== '/SamplingTargets')) {
      return send(res, 404, {
        message: 'This local daemon serves POST /GetSamplingRules and POST /SamplingTargets only.',
      });
    }
    const body = await readBody(req, MAX_SAMPLING_BODY_BYTES);
    if (body === 'too-large') return send(res, 413, { message: 'Request body too large.' });
    if (path === '/GetSamplingRules') return send(res, 200, samplingRules(sampling));
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, { message: 'The body is not valid JSON.' });
    }
    return send(res, 200, samplingTargets(parsed, sampling, Math.floor(Date.now() / 1000)));
  };
}

/** OTLP/HTTP `POST /v1/traces` (JSON or protobuf, optionally gzip): spans become segment documents in the store. */
function otlpRequest(store: LiveTraceStore, accepted: (traceId: string | undefined) => void): RequestHandler {
  return async (req, res) => {
    if (!isLoopbackAddress(req.socket.remoteAddress ?? '')) {
      store.drop('non-loopback');
      return send(res, 403, { message: 'loopback only' });
    }
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/v1/traces') return send(res, 404, { message: 'This receiver serves POST /v1/traces only.' });
    if (req.method !== 'POST') return send(res, 405, { message: 'Use POST.' });
    const raw = await readBody(req, MAX_OTLP_BODY_BYTES);
    if (raw === 'too-large') {
      store.drop('oversized');
      return send(res, 413, { message: `Request body over ${MAX_OTLP_BODY_BYTES} bytes.` });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const protobuf = type === 'application/x-protobuf';
    if (!protobuf && type !== 'application/json')
      return send(res, 415, { message: 'Send application/json or application/x-protobuf.' });
    let value: unknown;
    try {
      const body =
        req.headers['content-encoding'] === 'gzip'
          ? zlib.gunzipSync(raw, { maxOutputLength: MAX_OTLP_BODY_BYTES })
          : raw;
      value = protobuf ? decodeTraceRequest(body) : JSON.parse(body.toString('utf8'));
    } catch (error) {
      store.drop('malformed');
      return send(res, 400, { message: `Not an ExportTraceServiceRequest: ${(error as Error).message}` });
    }
    const converted = otlpToSegments(value);
    const rejected = converted.spans - converted.documents.length;
    if (rejected > 0) store.drop('malformed', rejected);
    for (const doc of converted.documents) accepted(store.add(doc, JSON.stringify(doc)));
    if (protobuf) return send(res, 200, new Uint8Array(0), 'application/x-protobuf');
    return send(
      res,
      200,
      rejected > 0 ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage: converted.problems[0] } } : {},
    );
  };
}

export async function startDaemon(options: DaemonOptions = {}): Promise<RunningDaemon> {
  const address = parseDaemonAddress(options.address ?? DEFAULT_DAEMON_ADDRESS);
  // Parsed before anything binds, so a bad OTLP address leaves no socket open.
  const otlpEndpoint = options.otlp === undefined ? undefined : parseEndpoint(options.otlp, 'The OTLP address');
  const store = options.store ?? new LiveTraceStore();
  const sampling = { ...(options.sampling ?? DEFAULT_SAMPLING) };
  const documentListeners = new Set<(ids: string[]) => void>();
  const completeListeners = new Set<(traces: LiveTrace[]) => void>();

  // Batch "documents arrived" notices so a flood costs one notice per tick, not one per datagram.
  let pending = new Set<string>();
  let flushTimer: NodeJS.Timeout | undefined;
  // A dropped document notifies too (with no trace id), so the counts on screen stay true during a flood of junk.
  const accepted = (traceId: string | undefined) => {
    if (traceId !== undefined) pending.add(traceId);
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      const ids = [...pending];
      pending = new Set();
      for (const l of documentListeners) l(ids);
    }, 20);
  };

  // A large receive buffer rides out pauses of the event loop (a GC, a big snapshot) without the kernel dropping
  // datagrams; the kernel caps it at net.core.rmem_max.
  const udp = dgram.createSocket({
    type: address.udp.host.includes(':') ? 'udp6' : 'udp4',
    recvBufferSize: UDP_RECEIVE_BUFFER_BYTES,
  });
  udp.on('message', (msg, rinfo) => {
    if (!isLoopbackAddress(rinfo.address)) {
      store.drop('non-loopback');
      return accepted(undefined);
    }
    const parsed = parseDatagram(msg);
    if (!parsed.ok) store.drop(parsed.reason);
    accepted(parsed.ok ? store.add(parsed.doc, parsed.text) : undefined);
  });
  // A socket error (e.g. ICMP noise) must not end the process; binding errors are reported by bind below.
  udp.on('error', () => undefined);
  const udpBound = await new Promise<Endpoint>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(address.udp.port, address.udp.host, () => {
      udp.off('error', reject);
      resolve({ host: address.udp.host, port: udp.address().port });
    });
  });

  const tcpServer = http.createServer(guarded(samplingRequest(sampling)));
  const tcpWanted =
    address.tcp.port === 0 && address.tcp.host === address.udp.host && address.udp.port === 0
      ? { ...address.tcp, port: udpBound.port }
      : address.tcp;
  let tcpBound: Endpoint;
  try {
    tcpBound = await listen(tcpServer, tcpWanted);
  } catch (error) {
    udp.close();
    throw error;
  }

  let otlpServer: http.Server | undefined;
  let otlpBound: Endpoint | undefined;
  if (otlpEndpoint) {
    otlpServer = http.createServer(guarded(otlpRequest(store, accepted)));
    try {
      otlpBound = await listen(otlpServer, otlpEndpoint);
    } catch (error) {
      udp.close();
      tcpServer.close();
      throw error;
    }
  }

  const tick = setInterval(
    () => {
      const done = store.takeCompleted();
      if (done.length > 0) for (const l of completeListeners) l(done);
    },
    Math.max(50, Math.floor(store.settleMs / 4)),
  );
  tick.unref();

  return {
    udp: udpBound,
    tcp: tcpBound,
    otlp: otlpBound,
    store,
    sampling,
    onDocuments(listener) {
      documentListeners.add(listener);
      return () => documentListeners.delete(listener);
    },
    onComplete(listener) {
      completeListeners.add(listener);
      return () => completeListeners.delete(listener);
    },
    async close() {
      clearInterval(tick);
      if (flushTimer) clearTimeout(flushTimer);
      const closeServer = (s: http.Server) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        closeServer(tcpServer),
        otlpServer ? closeServer(otlpServer) : Promise.resolve(),
      ]);
    },
  };
}
