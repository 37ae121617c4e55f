/**
 * Full-text search over the notes in both languages at once, so a learner can type "봉투 암호화" or "envelope"
 * and find the same note. Substring matching (after case and width folding) suits Korean, where particles attach
 * to words and whole-word matching would miss most hits.
 */
import { glossaryTerms } from './glossary.ts';
import type { NoteSource, TopicId } from './types.ts';

/** One search result: the note, a score for ordering, and which fields matched (for highlighting). */
export interface SearchHit {
  note: NoteSource;
  score: number;
  fields: ('title' | 'keyFacts' | 'body' | 'examTraps' | 'examples' | 'corrections')[];
}

/** Folds case and compatibility forms so "ＫＭＳ" and "kms" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const WEIGHTS = { title: 8, keyFacts: 3, body: 2, examTraps: 1, examples: 1, corrections: 1 } as const;

/**
 * Returns notes containing every term of `query` (in any language, any field), best first. Terms are the words of
 * the query, except that a glossary phrase ("역할 수임", "trace map") is one term matching any of its forms in
 * either language. An empty query returns nothing; `topic` restricts the result to one topic. Queries are capped
 * at 200 characters.
 */
export function searchNotes(
  notes: readonly NoteSource[],
  query: string,
  options: { topic?: TopicId; limit?: number } = {},
): SearchHit[] {
  const terms = glossaryTerms(query.slice(0, 200)).slice(0, 12);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const note of notes) {
    if (options.topic && !note.topics.includes(options.topic)) continue;
    const fields = {
      title: foldText(`${note.text.en.title}\n${note.text.ko.title}\n${note.id}`),
      keyFacts: foldText([...note.text.en.keyFacts, ...note.text.ko.keyFacts].join('\n')),
      body: foldText(`${note.text.en.body}\n${note.text.ko.body}`),
      examTraps: foldText(
        [...note.text.en.examTraps, ...note.text.ko.examTraps].map((t) => `${t.scenario}\n${t.answer}`).join('\n'),
      ),
      examples: foldText(note.examples.map((e) => `${e.title.en}\n${e.title.ko}\n${e.code}`).join('\n')),
      corrections: foldText(
        note.corrections.map((c) => `${c.claim.en}\n${c.claim.ko}\n${c.fact.en}\n${c.fact.ko}`).join('\n'),
      ),
    };
    const names = Object.keys(fields) as (keyof typeof fields)[];
    let score = 0;
    const matched = new Set<SearchHit['fields'][number]>();
    let all = true;
    for (const term of terms) {
      let found = false;
      for (const name of names) {
        if (term.some((form) => fields[name].includes(form))) {
          found = true;
          score += WEIGHTS[name];
          matched.add(name);
        }
      }
      if (!found) {
        all = false;
        break;
      }
    }
    if (all) hits.push({ note, score, fields: names.filter((n) => matched.has(n)) });
  }
  hits.sort((a, b) => b.score - a.score);
  return options.limit !== undefined ? hits.slice(0, Math.max(0, options.limit)) : hits;
}
