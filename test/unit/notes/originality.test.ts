/**
 * The notes must be the project's own words: no run of 8 or more consecutive words may be shared with the seed
 * study notes, in any field, in either language. Text is split at whitespace and compared twice: as words with all
 * punctuation removed and case folded (so "Deny," and "deny" match, and an identifier such as
 * `s3:x-amz-server-side-encryption` counts as one word, as it reads), and as whitespace-separated tokens with only
 * their outer punctuation trimmed (which is how Korean words with attached particles compare).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_NOTES, SEED_CREDIT, attributionText } from '../../../shared/notes/index.ts';
import type { NoteSource } from '../../../shared/notes/index.ts';

const RUN = 8;
const here = path.dirname(fileURLToPath(import.meta.url));
const seedText = fs.readFileSync(
  path.join(here, '../../fixtures/notes/dva-c02-security-logging-monitoring.ko.txt'),
  'utf8',
);

/** Whitespace-separated words with every punctuation mark removed (letters and digits of any script), case folded. */
function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter((w) => w.length > 0);
}

/** Whitespace-separated tokens, case folded, with leading and trailing punctuation trimmed. */
function rawTokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
}

function grams(tokens: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + RUN <= tokens.length; i++) out.add(tokens.slice(i, i + RUN).join('\u0001'));
  return out;
}

const seedWordGrams = grams(words(seedText));
const seedRawGrams = grams(rawTokens(seedText));

/** The shared runs between `text` and the seed, as readable strings. */
function sharedRuns(text: string): string[] {
  const found: string[] = [];
  for (const [tokens, seed] of [
    [words(text), seedWordGrams],
    [rawTokens(text), seedRawGrams],
  ] as const) {
    for (let i = 0; i + RUN <= tokens.length; i++) {
      const gram = tokens.slice(i, i + RUN);
      if (seed.has(gram.join('\u0001'))) found.push(gram.join(' '));
    }
  }
  return found;
}

/** Every text field of a note, labelled, both languages. */
function fields(note: NoteSource): [string, string][] {
  const out: [string, string][] = [];
  for (const lang of ['en', 'ko'] as const) {
    const t = note.text[lang];
    out.push([`${lang}.title`, t.title], [`${lang}.body`, t.body]);
    t.keyFacts.forEach((f, i) => out.push([`${lang}.keyFacts[${i}]`, f]));
    t.examTraps.forEach((x, i) => out.push([`${lang}.examTraps[${i}]`, `${x.scenario}\n${x.answer}`]));
    note.corrections.forEach((c, i) => out.push([`${lang}.corrections[${i}]`, `${c.claim[lang]}\n${c.fact[lang]}`]));
    note.examples.forEach((e, i) => out.push([`${lang}.examples[${i}].title`, e.title[lang]]));
  }
  note.examples.forEach((e, i) => out.push([`examples[${i}].code`, e.code]));
  note.links.forEach((l, i) => out.push([`links[${i}]`, l]));
  return out;
}

describe('originality against the seed study notes', () => {
  it('reads a non-trivial seed', () => {
    expect(words(seedText).length).toBeGreaterThan(500);
  });

  it('detects a copied run (the check itself can fail)', () => {
    const copied = seedText
      .split('\n')
      .find((l) => l.includes('IAM Access Analyzer') === false && words(l).length >= 10)!;
    expect(sharedRuns(`Intro. ${copied} Outro.`).length).toBeGreaterThan(0);
    // Seed code is compared too: a policy body lifted from the seed is caught.
    expect(
      sharedRuns(
        '"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*", "Condition"',
      ).length,
    ).toBeGreaterThan(0);
    // Korean: a seed sentence with its particles attached is caught token by token.
    expect(
      sharedRuns('참고: 서버 측 암호화는 객체 메타데이터가 아닌 객체 데이터만 암호화합니다.').length,
    ).toBeGreaterThan(0);
    expect(sharedRuns('A fresh sentence about envelope encryption that the seed never wrote down.')).toEqual([]);
  });

  it('no note shares 8 consecutive words with the seed, in any field or language', () => {
    const problems: string[] = [];
    for (const note of ALL_NOTES) {
      for (const [field, text] of fields(note)) {
        for (const run of sharedRuns(text)) problems.push(`${note.id} ${field}: "${run}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the credits text is original too', () => {
    const text = `${attributionText('en')}\n${attributionText('ko')}\n${SEED_CREDIT.changes.en}\n${SEED_CREDIT.changes.ko}`;
    // The title of the credited work is quoted on purpose; everything else must be new.
    expect(sharedRuns(text.replaceAll(SEED_CREDIT.work, ''))).toEqual([]);
  });
});
