import { describe, expect, it } from 'vitest';
import { ALL_NOTES, searchNotes } from '../../../shared/notes/index.ts';

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
  });

  it('filters by topic and limits results', () => {
    const all = searchNotes(ALL_NOTES, 'kms');
    expect(all.length).toBeGreaterThan(3);
    const topic = searchNotes(ALL_NOTES, 'kms', { topic: 'parameter-store' });
    expect(topic.length).toBeGreaterThan(0);
    for (const hit of topic) expect(hit.note.topics).toContain('parameter-store');
    expect(searchNotes(ALL_NOTES, 'kms', { limit: 2 })).toHaveLength(2);
  });

  it('returns nothing for blank queries and survives very long ones', () => {
    expect(searchNotes(ALL_NOTES, '   ')).toEqual([]);
    expect(searchNotes(ALL_NOTES, 'a '.repeat(100_000)).length).toBeGreaterThanOrEqual(0);
  });
});
