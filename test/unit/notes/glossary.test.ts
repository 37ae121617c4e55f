/**
 * The Korean notes speak the AWS Korean documentation's language: wherever a note's English text uses a glossary
 * term, its Korean text uses the documentation's Korean term, and no Korean text uses a form the documentation
 * avoids. Search finds a note by the term in either language.
 */
import { describe, expect, it } from 'vitest';
import { ALL_NOTES, GLOSSARY, glossaryTerms, searchNotes } from '../../../shared/notes/index.ts';
import type { NoteSource } from '../../../shared/notes/index.ts';

function allText(note: NoteSource, lang: 'en' | 'ko'): string {
  const t = note.text[lang];
  return [
    t.title,
    t.body,
    ...t.keyFacts,
    ...t.examTraps.flatMap((x) => [x.scenario, x.answer]),
    ...note.corrections.flatMap((c) => [c.claim[lang], c.fact[lang]]),
    ...note.examples.map((e) => e.title[lang]),
  ].join('\n');
}

/** Code spans hold identifiers (`PutTraceSegments`), not prose: leave them out of the term check. */
function prose(text: string): string {
  return text.replace(/`[^`]*`/g, ' ');
}

describe('glossary', () => {
  it('has unique pairs in Hangul and Latin script', () => {
    const en = GLOSSARY.map((g) => g.en.toLowerCase());
    expect(new Set(en).size).toBe(en.length);
    for (const g of GLOSSARY) {
      expect(g.ko, g.en).toMatch(/[\uac00-\ud7a3]/);
      expect(g.en, g.ko).not.toMatch(/[\uac00-\ud7a3]/);
    }
  });

  it('covers the terms the fact-check named (issue 19, finding 6)', () => {
    const ko = GLOSSARY.map((g) => g.ko);
    for (const term of [
      '역할 수임',
      '필터 표현식',
      '다운스트림',
      '추적 맵',
      '표준 워크플로',
      '결함',
      '보안 주체',
      '배치',
    ])
      expect(ko).toContain(term);
  });

  it('the Korean notes use the glossary term wherever the English uses the English one', () => {
    const missing: string[] = [];
    for (const note of ALL_NOTES) {
      const en = prose(allText(note, 'en'));
      const ko = allText(note, 'ko');
      for (const g of GLOSSARY)
        if (g.requireWhen?.test(en) && !ko.includes(g.ko)) missing.push(`${note.id}: "${g.en}" → "${g.ko}"`);
    }
    expect(missing).toEqual([]);
  });

  it('no Korean note uses a form the documentation avoids', () => {
    const found: string[] = [];
    for (const note of ALL_NOTES) {
      const ko = allText(note, 'ko');
      for (const g of GLOSSARY)
        for (const bad of g.avoid ?? []) if (ko.includes(bad)) found.push(`${note.id}: "${bad}" (use "${g.ko}")`);
    }
    expect(found).toEqual([]);
  });

  it('fixes the named mistranslations in the SSE-C and KMS notes', () => {
    const sse = allText(
      ALL_NOTES.find((n) => n.id === 's3-server-side-encryption')!,
      'ko',
    );
    expect(sse).not.toContain('암호화만');
    const kms = allText(
      ALL_NOTES.find((n) => n.id === 'kms-envelope-encryption')!,
      'ko',
    );
    expect(kms).not.toContain('작은 암호화 키');
    expect(kms).toContain('암호화된 데이터 키');
  });
});

describe('search in either language through the glossary', () => {
  it('splits a query into glossary groups and plain words', () => {
    expect(glossaryTerms('역할 수임 cross')).toEqual([
      expect.arrayContaining(['assume a role', '역할 수임', 'assumerole']),
      ['cross'],
    ]);
    expect(glossaryTerms('trace map')).toEqual([expect.arrayContaining(['trace map', '추적 맵', 'service map'])]);
    expect(glossaryTerms('migrant')).toEqual([['migrant']]);
  });

  const cases: [string, string][] = [
    ['역할 수임', 'iam-cross-account'],
    ['필터 표현식', 'xray-groups-filters'],
    ['추적 맵', 'xray-segments-subsegments'],
    ['trace map', 'xray-segments-subsegments'],
    ['다운스트림', 'xray-segments-subsegments'],
    ['보안 주체', 'iam-trust-policy'],
    ['assume role', 'iam-cross-account'],
    ['표준 워크플로', 'sfn-standard-vs-express'],
    ['결함', 'xray-errors-faults-throttles'],
    ['배달 못한 편지 대기열', 'lambda-error-handling'],
    ['filter expression', 'xray-groups-filters'],
    ['봉투 암호화', 'kms-envelope-encryption'],
    ['권한 부여', 'kms-keys-rotation-grants'],
    ['내장 함수', 'sfn-intrinsic-functions'],
  ];
  it('a Korean docs term finds notes whose Korean text does not spell it, through the English term', () => {
    // "service map" is only in English notes' history; the glossary maps 추적 맵 ↔ trace map ↔ service map.
    const ids = searchNotes(ALL_NOTES, '역할 수임 외부').map((h) => h.note.id);
    expect(ids).toContain('iam-cross-account');
  });

  for (const [query, id] of cases) {
    it(`"${query}" finds ${id} among the first three`, () => {
      const ids = searchNotes(ALL_NOTES, query).map((h) => h.note.id);
      expect(ids.slice(0, 3), ids.slice(0, 5).join(', ')).toContain(id);
    });
  }
});
