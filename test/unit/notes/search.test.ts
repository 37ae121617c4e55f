import { describe, expect, it } from 'vitest';
import { ALL_NOTES, searchNotes } from '../../../shared/notes/index.ts';
import { foldText } from '../../../shared/notes/search.ts';
import type { NoteSource, NoteText } from '../../../shared/notes/types.ts';

/** A note whose every field is empty unless given, so each test decides exactly which field holds which word. */
function note(
  id: string,
  en: Partial<NoteText> = {},
  extra: Partial<Pick<NoteSource, 'examples' | 'corrections' | 'topics'>> = {},
  ko: Partial<NoteText> = {},
): NoteSource {
  const text = (t: Partial<NoteText>): NoteText => ({ title: '', body: '', keyFacts: [], examTraps: [], ...t });
  return {
    id,
    topics: extra.topics ?? ['cloudtrail-xray'],
    attachesTo: [],
    links: [],
    checked: '2026-01-01',
    examples: extra.examples ?? [],
    corrections: extra.corrections ?? [],
    text: { en: text(en), ko: text(ko) },
  };
}

describe('searching notes', () => {
  it('finds a note by English and by Korean words', () => {
    expect(searchNotes(ALL_NOTES, 'envelope')[0]!.note.id).toBe('kms-envelope-encryption');
    expect(searchNotes(ALL_NOTES, '봉투 암호화')[0]!.note.id).toBe('kms-envelope-encryption');
  });

  it('requires every term and ranks title hits first', () => {
    const hits = searchNotes(ALL_NOTES, 'reservoir fixed');
    expect(hits.map((h) => h.note.id)).toEqual(['xray-sampling']);
    expect(hits[0]!.fields).toContain('title');
    expect(searchNotes(ALL_NOTES, 'reservoir zzzz-nothing')).toEqual([]);
  });

  it('folds case and full-width characters', () => {
    expect(searchNotes(ALL_NOTES, 'ＳＥＣＵＲＥＳＴＲＩＮＧ').map((h) => h.note.id)).toContain('ssm-parameter-store');
    expect(foldText('ＫＭＳ Key')).toBe('kms key');
  });

  it('filters by topic and limits results', () => {
    const all = searchNotes(ALL_NOTES, 'kms');
    expect(all.length).toBeGreaterThan(3);
    const topic = searchNotes(ALL_NOTES, 'kms', { topic: 'parameter-store' });
    expect(topic.length).toBeGreaterThan(0);
    expect(topic.length).toBeLessThan(all.length);
    for (const hit of topic) expect(hit.note.topics).toContain('parameter-store');
    expect(searchNotes(ALL_NOTES, 'kms', { limit: 2 })).toEqual(all.slice(0, 2));
  });

  it('returns nothing for blank queries; a long query is cut at 200 characters, not refused', () => {
    expect(searchNotes(ALL_NOTES, '')).toEqual([]);
    expect(searchNotes(ALL_NOTES, '   ')).toEqual([]);
    // 'kms' and 197 spaces are exactly 200 characters: the impossible term after them is cut off.
    const long = 'kms' + ' '.repeat(197) + 'zzzz-nothing';
    expect(searchNotes(ALL_NOTES, long).map((h) => h.note.id)).toEqual(
      searchNotes(ALL_NOTES, 'kms').map((h) => h.note.id),
    );
    // Four spaces fewer and the impossible term ends at character 200: nothing matches.
    expect(searchNotes(ALL_NOTES, 'kms' + ' '.repeat(193) + 'zzzz')).toEqual([]);
    const started = performance.now();
    const huge = searchNotes(ALL_NOTES, 'a '.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(huge.map((h) => h.note.id)).toEqual(searchNotes(ALL_NOTES, 'a').map((h) => h.note.id));
    expect(huge.length).toBeGreaterThan(0);
  });
});

describe('searching notes: which fields match and how they rank', () => {
  const FIELDS = [
    ['title', 8, note('t', { title: 'Quokka' })],
    ['keyFacts', 3, note('k', { keyFacts: ['a quokka fact'] })],
    ['body', 2, note('b', { body: 'about the quokka' })],
    ['examTraps', 1, note('e', { examTraps: [{ scenario: 's', answer: 'the quokka' }] })],
    ['examples', 1, note('x', {}, { examples: [{ language: 'text', title: { en: 'x', ko: 'x' }, code: 'quokka()' }] })],
    [
      'corrections',
      1,
      note('c', {}, { corrections: [{ claim: { en: 'c', ko: 'c' }, fact: { en: 'quokka', ko: 'q' }, source: 's' }] }),
    ],
  ] as const;

  it.each(FIELDS)('a word in %s alone matches, weighs %i and names that field', (field, weight, n) => {
    expect(searchNotes([n], 'QUOKKA')).toEqual([{ note: n, score: weight, fields: [field] }]);
    expect(searchNotes([n], 'wombat')).toEqual([]);
  });

  it('finds the Korean text, the id and each example and correction part', () => {
    const ko = note('ko-only', {}, {}, { body: '쿼카 이야기' });
    expect(searchNotes([ko], '쿼카')).toEqual([{ note: ko, score: 2, fields: ['body'] }]);
    expect(searchNotes([note('quokka-id')], 'quokka-id')[0]!.fields).toEqual(['title']);
    const parts = note(
      'p',
      { keyFacts: ['one', 'two'] },
      {
        examples: [{ language: 'text', title: { en: 'ex-en', ko: 'ex-ko' }, code: 'ex-code' }],
        corrections: [{ claim: { en: 'c-en', ko: 'c-ko' }, fact: { en: 'f-en', ko: 'f-ko' }, source: 'https://x' }],
      },
      { keyFacts: ['셋'], examTraps: [{ scenario: 'scen-ko', answer: 'ans-ko' }] },
    );
    for (const [word, field] of [
      ['two', 'keyFacts'],
      ['셋', 'keyFacts'],
      ['ex-en', 'examples'],
      ['ex-ko', 'examples'],
      ['ex-code', 'examples'],
      ['c-en', 'corrections'],
      ['c-ko', 'corrections'],
      ['f-en', 'corrections'],
      ['f-ko', 'corrections'],
      ['scen-ko', 'examTraps'],
      ['ans-ko', 'examTraps'],
    ] as const) {
      expect(
        searchNotes([parts], word).map((h) => h.fields),
        word,
      ).toEqual([[field]]);
    }
    // The source link of a correction is not searched.
    expect(searchNotes([parts], 'https')).toEqual([]);
  });

  it('adds the weights of every field each term is found in, and lists the fields in a fixed order', () => {
    const n = note('n', { title: 'alpha', body: 'alpha beta', keyFacts: ['beta'] });
    // alpha: title 8 + body 2; beta: body 2 + keyFacts 3.
    expect(searchNotes([n], 'beta alpha')).toEqual([{ note: n, score: 15, fields: ['title', 'keyFacts', 'body'] }]);
  });

  it('orders by score, best first, and keeps the given order on ties', () => {
    const body = note('body', { body: 'otter' });
    const title = note('title', { title: 'otter' });
    const facts = note('facts', { keyFacts: ['otter'] });
    const body2 = note('body2', { body: 'otter' });
    expect(searchNotes([body, title, facts, body2], 'otter').map((h) => [h.note.id, h.score])).toEqual([
      ['title', 8],
      ['facts', 3],
      ['body', 2],
      ['body2', 2],
    ]);
  });

  it('needs every term, each in any field', () => {
    const n = note(
      'n',
      { title: 'alpha' },
      { examples: [{ language: 'text', title: { en: '', ko: '' }, code: 'beta' }] },
    );
    expect(searchNotes([n], 'alpha beta')).toHaveLength(1);
    expect(searchNotes([n], 'alpha gamma')).toEqual([]);
    expect(searchNotes([n], 'gamma alpha')).toEqual([]);
  });

  it('uses at most 12 terms of the query', () => {
    const n = note('n', { body: 'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12' });
    const twelve = Array.from({ length: 12 }, (_, i) => `w${i + 1}`).join(' ');
    expect(searchNotes([n], twelve)).toHaveLength(1);
    expect(searchNotes([n], `${twelve} missing`)).toHaveLength(1);
    expect(searchNotes([n], `missing ${twelve}`)).toEqual([]);
  });

  it('keeps a topic filter and a limit exact', () => {
    const a = note('a', { title: 'seal' }, { topics: ['lambda'] });
    const b = note('b', { body: 'seal' }, { topics: ['cloudtrail-xray'] });
    const c = note('c', { keyFacts: ['seal'] }, { topics: ['lambda', 'cloudtrail-xray'] });
    expect(searchNotes([a, b, c], 'seal', { topic: 'lambda' }).map((h) => h.note.id)).toEqual(['a', 'c']);
    expect(searchNotes([a, b, c], 'seal', { limit: 1 }).map((h) => h.note.id)).toEqual(['a']);
    expect(searchNotes([a, b, c], 'seal', { limit: 0 })).toEqual([]);
    expect(searchNotes([a, b, c], 'seal', { limit: -1 })).toEqual([]);
    expect(searchNotes([a, b, c], 'seal', { limit: 10 })).toHaveLength(3);
  });
});

describe('searching notes: list fields keep their items apart, glossary terms match any form', () => {
  it('a term does not match across two items of a list field', () => {
    const n = note(
      'n',
      { keyFacts: ['alpha', 'beta'], examTraps: [{ scenario: 'gamma', answer: 'delta' }] },
      {
        examples: [
          { language: 'text', title: { en: 'one', ko: 'two' }, code: 'three' },
          { language: 'text', title: { en: 'four', ko: 'five' }, code: 'six' },
        ],
        corrections: [
          { claim: { en: 'ca', ko: 'cb' }, fact: { en: 'fa', ko: 'fb' }, source: 's' },
          { claim: { en: 'cc', ko: 'cd' }, fact: { en: 'fc', ko: 'fd' }, source: 's' },
        ],
      },
      { examTraps: [{ scenario: 'epsilon', answer: 'zeta' }] },
    );
    // Each item is found; the end of one item glued to the start of the next is not.
    expect(searchNotes([n], 'beta').map((h) => h.fields)).toEqual([['keyFacts']]);
    for (const glued of ['alphabeta', 'deltaepsilon', 'sixfour', 'threefour', 'fdca', 'fbcc'])
      expect(searchNotes([n], glued), glued).toEqual([]);
  });

  it('a glossary phrase matches a note that has only one of its forms', () => {
    const en = note('en', { body: 'Envelope encryption wraps a data key.' });
    const ko = note('ko', {}, {}, { body: '봉투 암호화는 데이터 키를 감쌉니다.' });
    expect(searchNotes([en, ko], 'envelope encryption').map((h) => h.note.id)).toEqual(['en', 'ko']);
    expect(searchNotes([en, ko], '봉투 암호화').map((h) => h.note.id)).toEqual(['en', 'ko']);
  });
});
