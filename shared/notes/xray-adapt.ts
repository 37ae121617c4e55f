/**
 * Turns what the trace views hold (a span of a trace, a node of a service map) into the descriptor the note
 * matcher reads, so every X-Ray view attaches notes by the same rules without knowing the selector syntax.
 */
import type { MapNode, Span } from '../xray/types.ts';
import type { XrayDescriptor } from './match.ts';

/** A segment's origin, an inferred span's type, a subsegment's namespace, and its status flags. */
export function descriptorFromSpan(span: Span): XrayDescriptor {
  const d: XrayDescriptor = { name: span.name, error: span.error, fault: span.fault, throttle: span.throttle };
  if (span.origin) {
    if (span.kind === 'inferred') d.type = span.origin;
    else d.origin = span.origin;
  }
  if (span.namespace) d.namespace = span.namespace;
  return d;
}

/** A service-map node: its type, and error/fault/throttle when any request through it had one. */
export function descriptorFromMapNode(node: MapNode): XrayDescriptor {
  const d: XrayDescriptor = {
    name: node.name,
    error: node.errors > 0,
    fault: node.faults > 0,
    throttle: node.throttles > 0,
  };
  if (node.type && !node.client) d.type = node.type;
  return d;
}
