/**
 * Which notes belong beside what is on screen. A selected state or X-Ray node is turned into a list of selector
 * strings (`state:Task`, `pattern:wait-for-task-token`, `resource:kms`, `xray:fault`, …); a note attaches when one
 * of its `attachesTo` selectors is in that list. Keeping both sides as plain strings makes the rules testable,
 * printable by the CLI, and extendable by adding a selector to a note without touching code.
 */
import type { GraphState } from '../asl/types.ts';
import type { Lang, Note, NoteSource } from './types.ts';
import { localize } from './types.ts';

/** What the trace views know about a segment, subsegment or service-map node. */
export interface XrayDescriptor {
  name: string;
  /** Segment origin (`AWS::Lambda::Function`, `AWS::EC2::Instance`, …). */
  origin?: string;
  /** Service-map node type, or the type of an inferred segment (`AWS::DynamoDB::Table`, `remote`, `client`). */
  type?: string;
  /** Subsegment namespace: `aws` or `remote`. */
  namespace?: string;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
}

/** The two kinds of things a note can sit beside. */
export type NoteTarget = { kind: 'state'; state: GraphState } | { kind: 'xray'; node: XrayDescriptor };

/** A note that attaches to the target, with the selectors that made it match (shown as "why"). */
export interface NoteMatch {
  note: Note;
  matched: string[];
  score: number;
}

/** Resource keywords recognised in ARNs, SDK integration names and X-Ray node names. */
export const RESOURCE_KEYWORDS = [
  'kms',
  's3',
  'secretsmanager',
  'ssm',
  'cognito',
  'sts',
  'iam',
  'logs',
  'cloudwatch',
  'cloudtrail',
  'acm',
  'glue',
  'inspector',
  'securityhub',
  'trustedadvisor',
] as const;

const MAX_STRINGS = 400;
const MAX_STRING_LENGTH = 2048;
const MAX_DEPTH = 8;

/** Service and pattern parsed from a Task's Resource when the graph did not provide `integration`. */
function integrationFromResource(resource: string): { service: string; pattern: string } | undefined {
  const states = /^arn:aws[\w-]*:states:[^:]*:[^:]*:(?:aws-sdk:)?([a-z0-9-]+):([A-Za-z0-9]+)(?:\.(sync(?::2)?|waitForTaskToken))?$/.exec(
    resource,
  );
  if (states) {
    const suffix = states[3];
    const pattern = suffix === 'waitForTaskToken' ? 'wait-for-task-token' : suffix ? suffix : 'request-response';
    return { service: states[1]!, pattern };
  }
  if (/^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/.test(resource)) return { service: 'activity', pattern: 'request-response' };
  if (/^arn:aws[\w-]*:lambda:/.test(resource)) return { service: 'lambda', pattern: 'request-response' };
  return undefined;
}

function compact(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Collects strings (values, and keys as `key:` entries) from a state's object, bounded in count, size and depth. */
function collectStrings(value: unknown, out: string[], keys: string[], depth: number): void {
  if (out.length >= MAX_STRINGS || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    out.push(value.slice(0, MAX_STRING_LENGTH));
  } else if (Array.isArray(value)) {
    for (const item of value.slice(0, 200)) collectStrings(item, out, keys, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, 200)) {
      if (keys.length < MAX_STRINGS) keys.push(key.slice(0, 200));
      // Nested state machines (Parallel branches, Map processors) describe their own states; skip them.
      if (key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator' || key === 'States') continue;
      collectStrings(item, out, keys, depth + 1);
    }
  }
}

/** Resource keywords mentioned by one string (an ARN, an SDK resource, a name). */
export function resourceKeywords(text: string): string[] {
  const found = new Set<string>();
  const tokens = new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 0),
  );
  for (const keyword of RESOURCE_KEYWORDS) {
    if (keyword === 'logs') {
      if (/arn:aws[\w-]*:logs:/i.test(text) || tokens.has('cloudwatchlogs')) found.add('logs');
    } else if (keyword === 'cognito') {
      for (const t of tokens) if (t.startsWith('cognito')) found.add('cognito');
    } else if (keyword === 'trustedadvisor') {
      // The Support API's actions carry the name: describeTrustedAdvisorChecks, refreshTrustedAdvisorCheck.
      for (const t of tokens) if (t.includes('trustedadvisor')) found.add('trustedadvisor');
    } else if (keyword === 'inspector') {
      if (tokens.has('inspector') || tokens.has('inspector2')) found.add('inspector');
    } else if (tokens.has(keyword)) {
      found.add(keyword);
    }
  }
  return [...found];
}

/** The selectors a state answers to; the order is not significant. */
export function selectorsForState(state: GraphState): string[] {
  const out = new Set<string>(['state:*', `state:${state.type}`]);
  let service: string | undefined;
  let pattern: string | undefined;
  if (state.integration) {
    service = state.integration.service;
    pattern = state.integration.pattern;
  } else if (typeof state.resource === 'string') {
    const parsed = integrationFromResource(state.resource);
    service = parsed?.service;
    pattern = parsed?.pattern;
  }
  let action: string | undefined = state.integration?.action;
  if (!state.integration && typeof state.resource === 'string') {
    action = /:(?:aws-sdk:)?[a-z0-9-]+:([A-Za-z0-9]+)(?:\.[A-Za-z:0-9]+)?$/.exec(state.resource)?.[1];
  }
  if (service) {
    const name = compact(service);
    out.add(`service:${name}`);
    if (action) out.add(`action:${name}:${action.toLowerCase().slice(0, 100)}`);
    for (const k of resourceKeywords(service)) out.add(`resource:${k}`);
  }
  if (pattern) {
    out.add(`pattern:${pattern}`);
    if (pattern === 'sync:2') out.add('pattern:sync');
  }
  if (state.retry.length > 0) out.add('feature:retry');
  if (state.catch.length > 0) out.add('feature:catch');
  if (state.heartbeatSeconds !== undefined || (state.raw && 'HeartbeatSecondsPath' in state.raw)) out.add('feature:heartbeat');
  if (state.timeoutSeconds !== undefined) out.add('feature:timeout');
  if (state.type === 'Map') {
    const mode = state.map?.mode ?? 'INLINE';
    out.add(mode === 'DISTRIBUTED' ? 'map:distributed' : 'map:inline');
  }
  const strings: string[] = [];
  const keys: string[] = [];
  if (typeof state.resource === 'string') strings.push(state.resource.slice(0, MAX_STRING_LENGTH));
  if (state.raw && typeof state.raw === 'object') collectStrings(state.raw, strings, keys, 0);
  for (const s of strings) for (const k of resourceKeywords(s)) out.add(`resource:${k}`);
  for (const key of keys) if (/kms/i.test(key)) out.add('resource:kms');
  return [...out];
}

/** The selectors an X-Ray segment, subsegment or service-map node answers to. */
export function selectorsForXray(node: XrayDescriptor): string[] {
  const out = new Set<string>(['xray:*']);
  const typeLike = [node.origin, node.type].filter((v): v is string => typeof v === 'string' && v.length > 0);
  for (const t of typeLike) {
    const value = t.slice(0, 200);
    out.add(`origin:${value}`);
    out.add(`xray-type:${value}`);
    const parts = value.split('::');
    if (parts.length >= 2 && parts[0] === 'AWS') {
      // AWS::DynamoDB::Table also answers to AWS::DynamoDB, and names the service it belongs to.
      for (let i = 2; i < parts.length; i++) out.add(`xray-type:${parts.slice(0, i).join('::')}`);
      out.add(`service:${compact(parts[1]!)}`);
      for (const k of resourceKeywords(parts[1]!)) out.add(`resource:${k}`);
    }
  }
  if (node.namespace) out.add(`namespace:${node.namespace.slice(0, 50)}`);
  if (node.namespace === 'aws' && node.name) out.add(`service:${compact(node.name.slice(0, 200))}`);
  if (node.name) for (const k of resourceKeywords(node.name.slice(0, 200))) out.add(`resource:${k}`);
  if (node.name) {
    const c = compact(node.name.slice(0, 200));
    for (const k of RESOURCE_KEYWORDS) if (c === k) out.add(`resource:${k}`);
  }
  if (node.error) out.add('xray:error');
  if (node.fault) out.add('xray:fault');
  if (node.throttle) out.add('xray:throttle');
  return [...out];
}

/**
 * Ordering weight of a matched selector: what everything of a kind answers to (`state:*`) counts least, a bare
 * state type little, and what makes this element unusual (its wait pattern, distributed mode, a fault) most.
 */
function weight(selector: string): number {
  if (selector.endsWith(':*')) return 1;
  if (selector.startsWith('state:') || selector === 'pattern:request-response') return 2;
  if (selector.startsWith('pattern:')) return 7;
  if (/^xray:(error|fault|throttle)$/.test(selector)) return 6;
  if (selector.startsWith('map:')) return 5;
  return 3;
}

/** Notes attaching to any of `selectors`, most specific first (ties keep the bundled order). */
export function matchSelectors(selectors: readonly string[], notes: readonly NoteSource[], lang: Lang): NoteMatch[] {
  const wanted = new Set(selectors);
  const result: NoteMatch[] = [];
  notes.forEach((source) => {
    const matched = source.attachesTo.filter((s) => wanted.has(s));
    if (matched.length === 0) return;
    result.push({ note: localize(source, lang), matched, score: matched.reduce((n, s) => n + weight(s), 0) });
  });
  // Array.prototype.sort is stable, so equal scores stay in content order.
  return result.sort((a, b) => b.score - a.score);
}

/** The notes to show beside a selected state or trace node, in the given language. */
export function matchNotes(target: NoteTarget, notes: readonly NoteSource[], lang: Lang): NoteMatch[] {
  const selectors = target.kind === 'state' ? selectorsForState(target.state) : selectorsForXray(target.node);
  return matchSelectors(selectors, notes, lang);
}
