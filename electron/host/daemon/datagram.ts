/**
 * The X-Ray daemon's UDP protocol: each datagram is the header line `{"format": "json", "version": 1}`, a newline,
 * and one segment or subsegment document. Documents above 64 KB are refused, as the X-Ray daemon refuses them
 * (its receive buffer is 64 KB); a datagram without the header, or whose document is not a JSON object with an
 * id and a trace id, is malformed. Nothing here throws.
 */
import type { RawSegment } from '../../../shared/xray/types.ts';

export const MAX_DATAGRAM_BYTES = 64 * 1024;

export type DatagramResult =
  { ok: true; doc: RawSegment; text: string } | { ok: false; reason: 'malformed' | 'oversized' };

export function parseDatagram(buf: Uint8Array): DatagramResult {
  if (buf.length > MAX_DATAGRAM_BYTES) return { ok: false, reason: 'oversized' };
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  const nl = text.indexOf('\n');
  if (nl < 0) return { ok: false, reason: 'malformed' };
  try {
    const header = JSON.parse(text.slice(0, nl)) as unknown;
    if (
      typeof header !== 'object' ||
      header === null ||
      (header as { format?: unknown }).format !== 'json' ||
      (header as { version?: unknown }).version !== 1
    ) {
      return { ok: false, reason: 'malformed' };
    }
    const body = text.slice(nl + 1).trim();
    const doc = JSON.parse(body) as unknown;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, reason: 'malformed' };
    const d = doc as RawSegment;
    if (typeof d.id !== 'string' || typeof d.trace_id !== 'string') return { ok: false, reason: 'malformed' };
    // One line per document in NDJSON output: a pretty-printed document is written again on one line.
    return { ok: true, doc: d, text: /[\r\n]/.test(body) ? JSON.stringify(d) : body };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
