/**
 * The exam-note model. Notes are bundled data (no network), written once per language, and attached to what the
 * app draws through selector strings, so the same note shows beside a Task state, an X-Ray node or a search hit.
 */

/** The two languages every note is written in; the UI toggles between them. */
export type Lang = 'en' | 'ko';

/** A pair of strings, one per language, for the few fields that are not part of a note's main text. */
export interface Bilingual {
  en: string;
  ko: string;
}

/**
 * Topic ids for the areas the exam notes must cover (one per heading of the study-notes source, plus the parts of
 * Step Functions and X-Ray the diagrams show). Tests check every one has a note in each language.
 */
export const TOPIC_IDS = [
  'iam',
  'acm',
  'inspector',
  'security-hub',
  'trusted-advisor',
  'cloudwatch',
  'glue',
  's3-encryption',
  'cognito',
  'step-functions',
  'secrets-manager',
  'parameter-store',
  'cloudtrail-xray',
  'lambda',
  'deployment',
] as const;

/** One of `TOPIC_IDS`. */
export type TopicId = (typeof TOPIC_IDS)[number];

/** Languages the example highlighter understands; `text` is shown as-is. */
export type CodeLanguage = 'json' | 'yaml' | 'bash' | 'text';

/** A code document that makes a note concrete (a policy, a CLI call); code is the same in both languages. */
export interface CodeExample {
  language: CodeLanguage;
  title: Bilingual;
  code: string;
}

/** An exam scenario and why the right answer is right, so the trap is learned with its reason. */
export interface ExamTrap {
  scenario: string;
  answer: string;
}

/** The part of a note written separately per language. `body` is markdown (no raw HTML). */
export interface NoteText {
  title: string;
  body: string;
  keyFacts: string[];
  examTraps: ExamTrap[];
}

/**
 * Where the study-notes source is wrong or loose: what it claims, what is true, and the AWS page that says so.
 * Shown beside the note so a reader who learned the claim sees the fix.
 */
export interface Correction {
  claim: Bilingual;
  fact: Bilingual;
  source: string;
}

import type { WorkflowType } from '../asl/rules-express.ts';

/** Workflow types of a state machine; the type decides which integration patterns and durations are allowed. */
export type { WorkflowType };

/** How a Task waits for the service it calls, read from the suffix of its `Resource`. */
export type IntegrationPattern = 'request-response' | 'sync' | 'sync:2' | 'wait-for-task-token';

/** The state types of the Amazon States Language. */
export type SelectorStateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/**
 * Where a note belongs beside a state of a machine. Every field set must hold (AND); a list means any of its values.
 * The fields read the parsed model only (state type, the service and pattern parsed from `Resource`, the workflow
 * type, fields present on the state), never free text such as `Comment`, `Next`, `Default`, `Error` or `Cause`,
 * so a state named "Upload to S3" does not pull in S3 notes.
 */
export interface StateSelector {
  on: 'state';
  type?: SelectorStateType[];
  /** Service from the parsed Resource, lower case without punctuation (`lambda`, `s3`, `secretsmanager`, `states`). */
  service?: string[];
  /** API action from the parsed Resource, lower case (`putobject`, `startexecution`). */
  action?: string[];
  pattern?: IntegrationPattern[];
  workflow?: WorkflowType;
  queryLanguage?: 'JSONPath' | 'JSONata';
  retry?: true;
  catch?: true;
  heartbeat?: true;
  timeout?: true;
  mapMode?: 'INLINE' | 'DISTRIBUTED';
  itemReader?: true;
  /** The state has `Credentials` (a role to assume, usually in another account). */
  credentials?: true;
  /** The call's arguments name a KMS key (`SSEKMSKeyId`, `KmsKeyId`, `ServerSideEncryption: aws:kms`). */
  kmsKey?: true;
  /** A Wait state whose fixed `Seconds` is above this many seconds. */
  waitOverSeconds?: number;
  /** A weaker, "see also" attachment: ranks below a primary one of the same specificity. */
  related?: true;
}

/** Where a note belongs beside an X-Ray segment, subsegment or trace-map node. */
export interface XraySelector {
  on: 'xray';
  /** Segment origin (`AWS::Lambda::Function`, `AWS::Lambda`, `AWS::EC2::Instance`, `AWS::ECS::Container`). */
  origin?: string[];
  /** Type of an inferred segment or a trace-map node (`AWS::DynamoDB::Table`, `AWS::Lambda`). */
  inferredType?: string[];
  namespace?: 'aws' | 'remote';
  /** For an `aws` subsegment: the service it called, lower case (`dynamodb`, `kms`, `s3`). */
  awsService?: string[];
  /** Any of these flags is set on the node. */
  status?: ('error' | 'fault' | 'throttle')[];
  related?: true;
}

/** One structured attachment rule of a note. */
export type Selector = StateSelector | XraySelector;

/**
 * A note as stored in `content/`: language-neutral fields once, text per language. `attachesTo` holds structured
 * selectors (see `match.ts`): a note shows beside an element when one of them holds, ranked by how specific it is.
 */
export interface NoteSource {
  id: string;
  topics: TopicId[];
  attachesTo: Selector[];
  links: string[];
  /** The day (YYYY-MM-DD) every fact of the note was last checked against the linked AWS documentation. */
  checked: string;
  examples: CodeExample[];
  corrections: Correction[];
  /** A bundled sample (samples/ id) that shows the idea as a diagram. */
  sample?: string;
  text: Record<Lang, NoteText>;
}

/** A note in one language, the shape the CLI prints and the panel renders. */
export interface Note extends NoteText {
  id: string;
  lang: Lang;
  topics: TopicId[];
  /** The selectors in words (`state Task · service lambda`), for "why is this note here" and the CLI. */
  attachesTo: string[];
  links: string[];
  checked: string;
  examples: { language: CodeLanguage; title: string; code: string }[];
  corrections: { claim: string; fact: string; source: string }[];
  sample?: string;
}

/** Flattens a stored note to one language, because every consumer shows one language at a time. */
export function localize(source: NoteSource, lang: Lang): Note {
  const text = source.text[lang];
  return {
    id: source.id,
    lang,
    title: text.title,
    body: text.body,
    keyFacts: [...text.keyFacts],
    examTraps: text.examTraps.map((t) => ({ ...t })),
    topics: [...source.topics],
    attachesTo: source.attachesTo.map(selectorLabel),
    links: [...source.links],
    checked: source.checked,
    examples: source.examples.map((e) => ({ language: e.language, title: e.title[lang], code: e.code })),
    corrections: source.corrections.map((c) => ({ claim: c.claim[lang], fact: c.fact[lang], source: c.source })),
    ...(source.sample ? { sample: source.sample } : {}),
  };
}

/** A selector in words, e.g. `state Task · service lambda · pattern wait-for-task-token`. */
export function selectorLabel(selector: Selector): string {
  const parts: string[] = [selector.on];
  for (const [key, value] of Object.entries(selector)) {
    if (key === 'on' || value === undefined) continue;
    if (value === true) parts.push(key);
    else if (Array.isArray(value)) parts.push(`${key} ${value.join('|')}`);
    else parts.push(`${key} ${String(value)}`);
  }
  return parts.join(' · ');
}
