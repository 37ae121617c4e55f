/**
 * Practice questions from the notes' exam traps, with Leitner-box spaced repetition and progress per DVA-C02
 * domain. Each trap becomes a question: its scenario, its answer and three other answers from traps of related
 * notes. A distractor is a real answer to a different scenario, so "why it is wrong here" is stated honestly: it
 * is the answer when that other scenario holds. Pure: the caller stores the progress (the renderer keeps it in
 * localStorage, one write per answer, and can export it as JSON).
 */
import { DOMAINS, domainOfNote, type DomainId } from './exam-guide.ts';
import type { Lang, NoteSource } from './types.ts';

/** The domain of a note, from the exam guide's task statements it serves. */
export function domainOf(note: NoteSource): DomainId {
  return domainOfNote(note.id);
}

/** One multiple-choice question in one language. */
export interface Question {
  /** `<note id>#<trap index>`: stable across languages and releases that keep the trap. */
  id: string;
  noteId: string;
  domain: DomainId;
  scenario: string;
  options: string[];
  /** Index of the right option. */
  answer: number;
  /** Why each option is right or wrong, by index. */
  why: string[];
}

/** A small deterministic hash (FNV-1a) so distractors and option order are the same on every run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const WHY = {
  en: {
    right: 'Right: this is what the scenario calls for.',
    wrong: (other: string) => `Not here: this answers a different scenario — "${other}"`,
  },
  ko: {
    right: '정답: 이 상황에 맞는 답입니다.',
    wrong: (other: string) => `여기서는 아닙니다. 다른 상황에 대한 답입니다 — "${other}"`,
  },
} as const;

/**
 * Every trap of every note as a question in `lang`. Distractors come from traps of notes sharing a topic (else the
 * same domain, else any note), never from the same note, and never repeat the right answer's text.
 */
export function buildQuestions(notes: readonly NoteSource[], lang: Lang): Question[] {
  const traps = notes.flatMap((note) => note.text[lang].examTraps.map((trap, i) => ({ note, i, trap })));
  const out: Question[] = [];
  for (const { note, i, trap } of traps) {
    const id = `${note.id}#${i}`;
    const others = traps.filter((t) => t.note.id !== note.id && t.trap.answer !== trap.answer);
    const related = others.filter((t) => t.note.topics.some((topic) => note.topics.includes(topic)));
    const sameDomain = others.filter((t) => domainOf(t.note) === domainOf(note));
    const picked: typeof others = [];
    for (const pool of [related, sameDomain, others]) {
      const ordered = [...pool].sort((a, b) => hash(`${id}|${a.note.id}#${a.i}`) - hash(`${id}|${b.note.id}#${b.i}`));
      for (const t of ordered) {
        if (picked.length >= 3) break;
        if (!picked.some((p) => p.trap.answer === t.trap.answer)) picked.push(t);
      }
    }
    if (picked.length < 3) continue;
    const entries = [
      { text: trap.answer, why: WHY[lang].right },
      ...picked.map((t) => ({ text: t.trap.answer, why: WHY[lang].wrong(t.trap.scenario) })),
    ];
    const order = entries.map((_, k) => k).sort((a, b) => hash(`${id}:${a}`) - hash(`${id}:${b}`));
    out.push({
      id,
      noteId: note.id,
      domain: domainOf(note),
      scenario: trap.scenario,
      options: order.map((k) => entries[k]!.text),
      answer: order.indexOf(0),
      why: order.map((k) => entries[k]!.why),
    });
  }
  return out;
}

/** Leitner boxes 1–5; a question in box n is due again after BOX_DAYS[n] days. */
export const BOX_DAYS = [0, 0, 1, 3, 7, 14] as const;
const DAY = 86_400_000;

/** What is stored per question. */
export interface CardState {
  box: number;
  /** When it was last answered (ms since epoch). */
  seen: number;
  right: number;
  wrong: number;
}

/** The whole stored progress: versioned so a later format can migrate it. */
export interface PracticeProgress {
  version: 1;
  cards: Record<string, CardState>;
}

/** A fresh, empty progress. */
export function emptyProgress(): PracticeProgress {
  return { version: 1, cards: {} };
}

/** Records an answer: right moves the card up one box (at most 5), wrong sends it back to box 1. */
export function recordAnswer(
  progress: PracticeProgress,
  questionId: string,
  correct: boolean,
  now: number,
): PracticeProgress {
  const card = progress.cards[questionId] ?? { box: 1, seen: 0, right: 0, wrong: 0 };
  const next: CardState = correct
    ? { box: Math.min(5, card.box + 1), seen: now, right: card.right + 1, wrong: card.wrong }
    : { box: 1, seen: now, right: card.right, wrong: card.wrong + 1 };
  return { version: 1, cards: { ...progress.cards, [questionId]: next } };
}

/** True when a question should be asked now: never seen, or its box's interval has passed. */
export function isDue(progress: PracticeProgress, questionId: string, now: number): boolean {
  const card = progress.cards[questionId];
  if (!card) return true;
  return now - card.seen >= (BOX_DAYS[card.box] ?? 0) * DAY;
}

/**
 * The next question to ask among `questions` (already narrowed to what is on screen or to a domain): due ones
 * first, lowest box first, then the longest unseen; undefined when none is due.
 */
export function nextQuestion(
  questions: readonly Question[],
  progress: PracticeProgress,
  now: number,
): Question | undefined {
  const due = questions.filter((q) => isDue(progress, q.id, now));
  due.sort((a, b) => {
    const ca = progress.cards[a.id];
    const cb = progress.cards[b.id];
    return (ca?.box ?? 0) - (cb?.box ?? 0) || (ca?.seen ?? 0) - (cb?.seen ?? 0) || a.id.localeCompare(b.id);
  });
  return due[0];
}

/** Per-domain progress: how many questions there are, how many were answered, and how many reached box 4+. */
export function domainProgress(
  questions: readonly Question[],
  progress: PracticeProgress,
): Record<DomainId, { total: number; answered: number; learned: number }> {
  const out = Object.fromEntries(DOMAINS.map((d) => [d, { total: 0, answered: 0, learned: 0 }])) as Record<
    DomainId,
    { total: number; answered: number; learned: number }
  >;
  for (const q of questions) {
    const row = out[q.domain];
    row.total++;
    const card = progress.cards[q.id];
    if (card) {
      row.answered++;
      if (card.box >= 4) row.learned++;
    }
  }
  return out;
}

/** Serialises progress for storage or export. */
export function serializeProgress(progress: PracticeProgress): string {
  return JSON.stringify(progress);
}

/**
 * Reads stored or imported progress, keeping only well-formed cards; anything else (bad JSON, another format,
 * hostile sizes) gives an empty progress rather than an error, so a damaged store never blocks practice.
 */
export function parseProgress(text: string | null | undefined): PracticeProgress {
  if (typeof text !== 'string' || text.length === 0 || text.length > 2_000_000) return emptyProgress();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return emptyProgress();
  }
  if (value === null || typeof value !== 'object' || (value as { version?: unknown }).version !== 1)
    return emptyProgress();
  const cards = (value as { cards?: unknown }).cards;
  if (cards === null || typeof cards !== 'object' || Array.isArray(cards)) return emptyProgress();
  const out = emptyProgress();
  for (const [id, card] of Object.entries(cards as Record<string, unknown>).slice(0, 10_000)) {
    if (id.length > 200 || card === null || typeof card !== 'object') continue;
    const c = card as Record<string, unknown>;
    const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
    if (!ok(c.box) || !ok(c.seen) || !ok(c.right) || !ok(c.wrong)) continue;
    out.cards[id] = {
      box: Math.min(5, Math.max(1, Math.round(c.box))),
      seen: c.seen,
      right: Math.round(c.right),
      wrong: Math.round(c.wrong),
    };
  }
  return out;
}
