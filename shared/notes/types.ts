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

/**
 * A note as stored in `content/`: language-neutral fields once, text per language.
 *
 * `attachesTo` selectors (see `match.ts`): `state:Task`, `state:*`, `service:lambda`, `action:s3:putobject`, `pattern:sync`,
 * `pattern:wait-for-task-token`, `feature:retry`, `feature:catch`, `feature:heartbeat`, `map:distributed`,
 * `origin:AWS::Lambda::Function`, `namespace:aws`, `xray-type:AWS::DynamoDB::Table`, `xray:fault`,
 * `xray:error`, `xray:throttle`, `xray:*`, `resource:kms`, `resource:s3`, `resource:secretsmanager`, …
 */
export interface NoteSource {
  id: string;
  topics: TopicId[];
  attachesTo: string[];
  links: string[];
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
  attachesTo: string[];
  links: string[];
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
    attachesTo: [...source.attachesTo],
    links: [...source.links],
    examples: source.examples.map((e) => ({ language: e.language, title: e.title[lang], code: e.code })),
    corrections: source.corrections.map((c) => ({ claim: c.claim[lang], fact: c.fact[lang], source: c.source })),
    ...(source.sample ? { sample: source.sample } : {}),
  };
}
