import { describe, expect, it } from 'vitest';
import {
  ALL_NOTES,
  BOX_DAYS,
  DOMAINS,
  EXAM_TASKS,
  NOTE_TASKS,
  buildQuestions,
  domainOfNote,
  domainProgress,
  emptyProgress,
  isDue,
  nextQuestion,
  parseProgress,
  recordAnswer,
  serializeProgress,
  tasksOf,
} from '../../../shared/notes/index.ts';

const DAY = 86_400_000;

describe('practice questions from the exam traps', () => {
  for (const lang of ['en', 'ko'] as const) {
    it(`every trap becomes a four-option question (${lang}) with the right answer and a reason per option`, () => {
      const traps = ALL_NOTES.reduce((n, note) => n + note.text[lang].examTraps.length, 0);
      const questions = buildQuestions(ALL_NOTES, lang);
      expect(questions).toHaveLength(traps);
      for (const q of questions) {
        const note = ALL_NOTES.find((n) => n.id === q.noteId)!;
        const trap = note.text[lang].examTraps[Number(q.id.split('#')[1])]!;
        expect(q.scenario).toBe(trap.scenario);
        expect(q.options).toHaveLength(4);
        expect(new Set(q.options).size).toBe(4);
        expect(q.options[q.answer]).toBe(trap.answer);
        expect(q.why).toHaveLength(4);
        // Each wrong option is the answer to another note's trap, and its reason quotes that scenario.
        q.options.forEach((option, i) => {
          if (i === q.answer) return;
          const source = ALL_NOTES.flatMap((n) => n.text[lang].examTraps.map((t) => ({ n, t }))).find(
            (x) => x.t.answer === option,
          )!;
          expect(source.n.id).not.toBe(q.noteId);
          expect(q.why[i]).toContain(source.t.scenario);
        });
      }
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    });
  }

  it('is deterministic and covers every DVA-C02 domain', () => {
    expect(buildQuestions(ALL_NOTES, 'en')).toEqual(buildQuestions(ALL_NOTES, 'en'));
    const table = domainProgress(buildQuestions(ALL_NOTES, 'en'), emptyProgress());
    for (const d of DOMAINS) expect(table[d].total, d).toBeGreaterThan(0);
    // The right answer is not always in the same place.
    const positions = new Set(buildQuestions(ALL_NOTES, 'en').map((q) => q.answer));
    expect(positions.size).toBeGreaterThanOrEqual(3);
  });
});

describe('Leitner boxes', () => {
  it('moves up one box when right (at most 5), back to box 1 when wrong', () => {
    let p = emptyProgress();
    for (let i = 0; i < 7; i++) p = recordAnswer(p, 'q', true, 1000 + i);
    expect(p.cards.q).toMatchObject({ box: 5, right: 7, wrong: 0 });
    p = recordAnswer(p, 'q', false, 2000);
    expect(p.cards.q).toMatchObject({ box: 1, right: 7, wrong: 1, seen: 2000 });
  });

  it('asks a card again after its box interval; new cards first, lowest box first', () => {
    const questions = buildQuestions(ALL_NOTES, 'en').slice(0, 3);
    const t0 = 10 * DAY;
    let p = recordAnswer(emptyProgress(), questions[0]!.id, true, t0); // box 2: due again after BOX_DAYS[2] days
    expect(isDue(p, questions[0]!.id, t0 + 1)).toBe(false); // box 2 waits one day
    expect(isDue(p, questions[0]!.id, t0 + BOX_DAYS[2] * DAY)).toBe(true);
    expect(nextQuestion(questions, p, t0 + 1)!.id).not.toBe(questions[0]!.id);
    p = recordAnswer(recordAnswer(p, questions[1]!.id, true, t0), questions[2]!.id, true, t0);
    p = recordAnswer(p, questions[0]!.id, true, t0); // box 3
    expect(nextQuestion(questions, p, t0 + 1)).toBeUndefined();
    expect(nextQuestion(questions, p, t0 + BOX_DAYS[2] * DAY)!.id).not.toBe(questions[0]!.id);
  });

  it('round-trips through storage and survives damaged or hostile input', () => {
    const p = recordAnswer(emptyProgress(), 'sfn-task-state#0', false, 5);
    expect(parseProgress(serializeProgress(p))).toEqual(p);
    for (const bad of [
      null,
      '',
      'not json',
      '[]',
      '{"version":2,"cards":{}}',
      '{"version":1,"cards":[]}',
      'x'.repeat(3_000_000),
    ]) {
      expect(parseProgress(bad)).toEqual(emptyProgress());
    }
    const mixed = parseProgress(
      JSON.stringify({
        version: 1,
        cards: {
          ok: { box: 9, seen: 1, right: 1, wrong: 0 },
          bad: { box: 'x' },
          neg: { box: 1, seen: -1, right: 0, wrong: 0 },
        },
      }),
    );
    expect(Object.keys(mixed.cards)).toEqual(['ok']);
    expect(mixed.cards.ok!.box).toBe(5);
  });
});

describe('exam guide task statements', () => {
  it('every note serves at least one known task statement, and every mapped id names a note', () => {
    const ids = new Set(ALL_NOTES.map((n) => n.id));
    for (const note of ALL_NOTES) {
      const tasks = tasksOf(note.id);
      expect(tasks.length, note.id).toBeGreaterThan(0);
      for (const t of tasks) expect(EXAM_TASKS[t], `${note.id}: ${t}`).toBeDefined();
    }
    for (const id of Object.keys(NOTE_TASKS)) expect(ids.has(id), id).toBe(true);
  });

  it('every domain has task statements and notes, and task numbers match their domain', () => {
    const order = { development: '1', security: '2', deployment: '3', troubleshooting: '4' } as const;
    for (const [id, task] of Object.entries(EXAM_TASKS)) expect(id.startsWith(`${order[task.domain]}.`), id).toBe(true);
    for (const d of DOMAINS)
      expect(
        ALL_NOTES.some((n) => domainOfNote(n.id) === d),
        d,
      ).toBe(true);
  });
});
