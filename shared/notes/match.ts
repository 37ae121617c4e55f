/**
 * Which notes belong beside what is on screen. A selected state or X-Ray node is first reduced to facts read from
 * the parsed model (state type, the service, action and pattern parsed from `Resource`, the workflow type, which
 * fields the state has; a segment's origin, an inferred node's type, a subsegment's namespace, its flags). Free
 * text — `Comment`, `Next`, `Default`, `Error`, `Cause`, names — is never read, so a Choice whose branch is called
 * "Upload to S3" gets no S3 note. A note attaches when every field of one of its selectors holds; notes are ranked
 * by the most specific selector that held, like CSS specificity: a selector naming the workflow type and the
 * integration pattern outranks one naming only the state type.
 */
import { parseResource } from '../asl/resource.ts';
import type { MachineContext } from '../asl/rules-express.ts';
import type { GraphState } from '../asl/types.ts';
import type {
  IntegrationPattern,
  Lang,
  Note,
  NoteSource,
  Selector,
  SelectorStateType,
  StateSelector,
  WorkflowType,
  XraySelector,
} from './types.ts';
import { localize, selectorLabel } from './types.ts';

/** What the trace views know about a segment, subsegment or trace-map node. */
export interface XrayDescriptor {
  name: string;
  /** Segment origin (`AWS::Lambda::Function`, `AWS::EC2::Instance`, …). */
  origin?: string;
  /** Trace-map node type, or the type of an inferred segment (`AWS::DynamoDB::Table`, `remote`, `client`). */
  type?: string;
  /** Subsegment namespace: `aws` or `remote`. */
  namespace?: string;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
}

/** The two kinds of things a note can sit beside; a state may carry what is known about its machine. */
export type NoteTarget =
  { kind: 'state'; state: GraphState; machine?: MachineContext } | { kind: 'xray'; node: XrayDescriptor };

/** A note that attaches to the target, with the selectors that made it match (shown as "why"). */
export interface NoteMatch {
  note: Note;
  matched: string[];
  score: number;
}

/** The facts of a state that selectors test. */
export interface StateFacts {
  on: 'state';
  type: SelectorStateType;
  service?: string;
  action?: string;
  pattern?: IntegrationPattern;
  workflow?: WorkflowType;
  queryLanguage: 'JSONPath' | 'JSONata';
  retry: boolean;
  catch: boolean;
  heartbeat: boolean;
  timeout: boolean;
  mapMode?: 'INLINE' | 'DISTRIBUTED';
  itemReader: boolean;
  credentials: boolean;
  kmsKey: boolean;
  waitSeconds?: number;
}

/** The facts of an X-Ray element that selectors test. */
export interface XrayFacts {
  on: 'xray';
  origin?: string;
  inferredType?: string;
  namespace?: string;
  awsService?: string;
  error: boolean;
  fault: boolean;
  throttle: boolean;
}

export type ElementFacts = StateFacts | XrayFacts;

/** Lower case, letters and digits only: `Secrets Manager`, `secretsmanager` and `SecretsManager` compare equal. */
function compact(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** SDK service names that mean the same service as an optimized integration's name. */
const SERVICE_ALIASES: Record<string, string> = {
  sfn: 'states',
  eventbridge: 'events',
  sesv2: 'ses',
  cloudwatchlogs: 'logs',
};

function normalService(service: string): string {
  const c = compact(service);
  return SERVICE_ALIASES[c] ?? c;
}

const LAMBDA_TYPES = new Set([
  'AWS::Lambda::Function',
  'AWS::Serverless::Function',
  'AWS::Lambda::Alias',
  'AWS::Lambda::Version',
]);

/**
 * What a template placeholder in `Resource` stands for. `${GetAtt:Fn.Arn}` (from `!GetAtt Fn.Arn`) names a
 * Lambda function when the template says `Fn` is one; without the template, a `.Arn` in a Task's Resource can only be
 * a Lambda function (activities and other machines are referenced with `Ref` or their ARN strings).
 */
function resolvePlaceholder(resource: string, machine: MachineContext | undefined): string | undefined {
  let value = resource.trim();
  const named = /^\$\{([^}:]+)\}$/.exec(value);
  if (named && machine?.placeholders?.[named[1]!] !== undefined) value = machine.placeholders[named[1]!]!.trim();
  const getAtt = /^\$\{GetAtt:([^.}]+)\.Arn\}$/.exec(value);
  if (getAtt) {
    const type = machine?.resourceTypes?.[getAtt[1]!];
    return type === undefined || LAMBDA_TYPES.has(type) ? 'lambda' : undefined;
  }
  const ref = /^\$\{Ref:([^}]+)\}$/.exec(value);
  if (ref) {
    const type = machine?.resourceTypes?.[ref[1]!];
    if (type === 'AWS::Lambda::Alias' || type === 'AWS::Lambda::Version') return 'lambda';
    if (type === 'AWS::StepFunctions::Activity') return 'activity';
    return undefined;
  }
  return value !== resource.trim() ? parseResource(value)?.service : undefined;
}

/** API field names that choose a KMS key; matched as keys of the call's arguments, never as text. */
const KMS_KEY_FIELDS = /^(SSEKMSKeyId|KmsKeyId|KMSKeyId|KmsKeyArn|KMSKeyArn|KMSMasterKeyID|KmsMasterKeyId)(\.\$)?$/;

function namesKmsKey(args: unknown): boolean {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return false;
  for (const [key, value] of Object.entries(args as Record<string, unknown>).slice(0, 200)) {
    if (KMS_KEY_FIELDS.test(key)) return true;
    if (key === 'ServerSideEncryption' && (value === 'aws:kms' || value === 'aws:kms:dsse')) return true;
  }
  return false;
}

/** Reads a state's facts from the parsed model (never from its free-text fields). */
export function stateFacts(state: GraphState, machine?: MachineContext): StateFacts {
  const raw = state.raw && typeof state.raw === 'object' ? state.raw : {};
  const facts: StateFacts = {
    on: 'state',
    type: state.type,
    queryLanguage: state.queryLanguage,
    retry: state.retry.length > 0,
    catch: state.catch.length > 0,
    heartbeat: state.heartbeatSeconds !== undefined || 'HeartbeatSecondsPath' in raw,
    timeout: state.timeoutSeconds !== undefined || 'TimeoutSecondsPath' in raw,
    itemReader: raw.ItemReader !== null && typeof raw.ItemReader === 'object',
    credentials: raw.Credentials !== null && typeof raw.Credentials === 'object',
    kmsKey: namesKmsKey(raw.Arguments) || namesKmsKey(raw.Parameters),
  };
  if (machine?.workflowType) facts.workflow = machine.workflowType;
  // A Distributed Map's Express children are Express workflows even inside a Standard machine.
  if (machine?.expressStates?.includes(state.name)) facts.workflow = 'EXPRESS';
  if (state.type === 'Task') {
    const integration = state.integration ?? parseResource(state.resource);
    if (integration) {
      facts.pattern = integration.pattern;
      if (integration.service === 'placeholder') {
        const service =
          typeof state.resource === 'string'
            ? resolvePlaceholder(state.resource.replace(/(\.sync(:2)?|\.waitForTaskToken)$/, ''), machine)
            : undefined;
        if (service) facts.service = normalService(service);
      } else {
        facts.service = normalService(integration.service);
        if (integration.action) facts.action = integration.action.toLowerCase().slice(0, 100);
      }
    }
  }
  if (state.type === 'Map') facts.mapMode = state.map?.mode ?? 'INLINE';
  if (state.type === 'Wait' && typeof raw.Seconds === 'number') facts.waitSeconds = raw.Seconds;
  return facts;
}

/** Reads an X-Ray element's facts: origin, inferred type, namespace, the called AWS service, flags. */
export function xrayFacts(node: XrayDescriptor): XrayFacts {
  const facts: XrayFacts = {
    on: 'xray',
    error: node.error === true,
    fault: node.fault === true,
    throttle: node.throttle === true,
  };
  if (node.origin) facts.origin = node.origin.slice(0, 200);
  if (node.type) facts.inferredType = node.type.slice(0, 200);
  if (node.namespace) facts.namespace = node.namespace.slice(0, 50);
  // An `aws` subsegment is named by the SDK after the service it called (DynamoDB, S3, KMS): that name is data.
  if (node.namespace === 'aws' && node.name) facts.awsService = normalService(node.name.slice(0, 100));
  return facts;
}

const STATE_WEIGHTS: Partial<Record<keyof StateSelector, number>> = {
  type: 1,
  service: 2,
  action: 2,
  pattern: 3,
  workflow: 3,
  queryLanguage: 1,
  retry: 2,
  catch: 2,
  heartbeat: 2,
  timeout: 2,
  mapMode: 2,
  itemReader: 3,
  credentials: 4,
  kmsKey: 2,
  waitOverSeconds: 2,
};

const XRAY_WEIGHTS: Partial<Record<keyof XraySelector, number>> = {
  origin: 3,
  inferredType: 3,
  namespace: 1,
  awsService: 2,
  status: 4,
};

/**
 * How specific a selector is: the sum of its fields' weights (a bare `{ on: 'state' }` is 0), minus one for a
 * "related" attachment. Request-response, what every plain Task does, weighs like a state type.
 */
export function specificity(selector: Selector): number {
  let score = 0;
  for (const [key, value] of Object.entries(selector)) {
    if (key === 'on' || key === 'related' || value === undefined) continue;
    const weights = selector.on === 'state' ? STATE_WEIGHTS : XRAY_WEIGHTS;
    let w = (weights as Record<string, number>)[key] ?? 1;
    if (key === 'pattern' && Array.isArray(value) && value.every((p) => p === 'request-response')) w = 1;
    score += w;
  }
  return selector.related ? score - 1 : score;
}

/** True when every field of `selector` holds for `facts`. */
export function selectorHolds(selector: Selector, facts: ElementFacts): boolean {
  if (selector.on !== facts.on) return false;
  if (selector.on === 'state') {
    const f = facts as StateFacts;
    const s = selector;
    if (s.type && !s.type.includes(f.type)) return false;
    if (s.service && (f.service === undefined || !s.service.includes(f.service))) return false;
    if (s.action && (f.action === undefined || !s.action.includes(f.action))) return false;
    if (s.pattern && (f.pattern === undefined || !s.pattern.includes(f.pattern))) return false;
    if (s.workflow && f.workflow !== s.workflow) return false;
    if (s.queryLanguage && f.queryLanguage !== s.queryLanguage) return false;
    if (s.retry && !f.retry) return false;
    if (s.catch && !f.catch) return false;
    if (s.heartbeat && !f.heartbeat) return false;
    if (s.timeout && !f.timeout) return false;
    if (s.mapMode && f.mapMode !== s.mapMode) return false;
    if (s.itemReader && !f.itemReader) return false;
    if (s.credentials && !f.credentials) return false;
    if (s.kmsKey && !f.kmsKey) return false;
    if (s.waitOverSeconds !== undefined && !(f.waitSeconds !== undefined && f.waitSeconds > s.waitOverSeconds))
      return false;
    return true;
  }
  const f = facts as XrayFacts;
  const s = selector;
  if (s.origin && (f.origin === undefined || !s.origin.includes(f.origin))) return false;
  if (s.inferredType && (f.inferredType === undefined || !s.inferredType.includes(f.inferredType))) return false;
  if (s.namespace && f.namespace !== s.namespace) return false;
  if (s.awsService && (f.awsService === undefined || !s.awsService.includes(f.awsService))) return false;
  if (s.status && !s.status.some((flag) => f[flag])) return false;
  return true;
}

/**
 * Notes whose selectors hold for `facts`, most specific first. A note's score is its best selector's specificity;
 * ties go to the note with more selectors holding, then to the bundled order.
 */
export function matchFacts(facts: ElementFacts, notes: readonly NoteSource[], lang: Lang): NoteMatch[] {
  const result: { match: NoteMatch; count: number; index: number }[] = [];
  notes.forEach((source, index) => {
    const held = source.attachesTo.filter((s) => selectorHolds(s, facts));
    if (held.length === 0) return;
    const score = Math.max(...held.map(specificity));
    result.push({
      match: { note: localize(source, lang), matched: held.map(selectorLabel), score },
      count: held.length,
      index,
    });
  });
  result.sort((a, b) => b.match.score - a.match.score || b.count - a.count || a.index - b.index);
  return result.map((r) => r.match);
}

/** The notes to show beside a selected state or trace node, in the given language. */
export function matchNotes(target: NoteTarget, notes: readonly NoteSource[], lang: Lang): NoteMatch[] {
  const facts = target.kind === 'state' ? stateFacts(target.state, target.machine) : xrayFacts(target.node);
  return matchFacts(facts, notes, lang);
}
