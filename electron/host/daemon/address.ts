/**
 * Where the local daemon listens, in the forms the X-Ray SDKs read from `AWS_XRAY_DAEMON_ADDRESS`:
 * `host:port` (UDP and TCP on the same address) or `tcp:host:port udp:host:port` (either order). Statescope only
 * ever binds loopback: anything else is refused with a message, because the daemon accepts unauthenticated
 * documents and must not be reachable from the network.
 */

export interface Endpoint {
  host: string;
  port: number;
}

export interface DaemonAddress {
  udp: Endpoint;
  tcp: Endpoint;
}

export const DEFAULT_DAEMON_ADDRESS = '127.0.0.1:2000';
export const DEFAULT_OTLP_ADDRESS = '127.0.0.1:4318';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for an address a datagram or connection may come from: 127.0.0.0/8, ::1, or IPv4-mapped 127.x. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^::ffff:/i, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a) || a === '::1';
}

/** Parses `host:port` (IPv6 in brackets); the host must be loopback. */
export function parseEndpoint(text: string, what: string): Endpoint {
  const m = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(text.trim());
  if (!m) throw new Error(`${what} must look like 127.0.0.1:2000, not "${text}".`);
  const port = Number(m[2]);
  if (port > 65535) throw new Error(`${what}: port ${port} is out of range (0–65535).`);
  const rawHost = m[1];
  if (!LOOPBACK_HOSTS.has(rawHost) && !isLoopbackAddress(rawHost)) {
    throw new Error(`${what}: Statescope listens on loopback only (127.0.0.1, localhost or ::1), not "${rawHost}".`);
  }
  const host = rawHost === 'localhost' ? '127.0.0.1' : rawHost.replace(/^\[|\]$/g, '');
  return { host, port };
}

/** Parses an `AWS_XRAY_DAEMON_ADDRESS` value. */
export function parseDaemonAddress(text: string): DaemonAddress {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 1 && !/^(tcp|udp):/i.test(parts[0])) {
    const e = parseEndpoint(parts[0], 'The daemon address');
    return { udp: e, tcp: e };
  }
  if (parts.length === 2) {
    const found: Partial<DaemonAddress> = {};
    for (const p of parts) {
      const m = /^(tcp|udp):(.*)$/i.exec(p);
      if (!m) break;
      const key = m[1].toLowerCase() as 'tcp' | 'udp';
      found[key] = parseEndpoint(m[2], `The daemon's ${key.toUpperCase()} address`);
    }
    if (found.udp && found.tcp) return { udp: found.udp, tcp: found.tcp };
  }
  throw new Error(`The daemon address must be "host:port" or "tcp:host:port udp:host:port", not "${text}".`);
}
