/**
 * Single typos of the kinds people make in a definition, applied to real corpus machines: each gives the edited
 * text and where the one error about it must be (the misspelled key or value itself).
 */

type Definition = Record<string, unknown>;
type State = Record<string, unknown>;

/** Where the error about a typo must be, 1-based, end exclusive (as `Diagnostic` reports it). */
export interface ExpectedError {
  code: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TypoCase {
  text: string;
  expect: ExpectedError;
}

export interface Typo {
  kind: string;
  /** The edited definition, or undefined when this machine has nothing to misspell of this kind. */
  apply(definition: Definition): TypoCase | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function statesOf(definition: Definition): [string, State][] {
  return isObject(definition.States)
    ? Object.entries(definition.States).filter((e): e is [string, State] => isObject(e[1]))
    : [];
}

/** The first top-level Task with a Next and a Resource, and the first top-level state with `"End": true`. */
function anchors(definition: Definition): { task: string; end: string } | undefined {
  const states = statesOf(definition);
  const task = states.find(
    ([, s]) => s.Type === 'Task' && typeof s.Next === 'string' && typeof s.Resource === 'string',
  )?.[0];
  const end = states.find(([, s]) => s.End === true && s.Type !== 'Choice')?.[0];
  return task !== undefined && end !== undefined ? { task, end } : undefined;
}

/** Two neighbouring letters swapped (or a letter doubled), so the word reads almost the same. */
export function misspell(word: string): string {
  for (let i = 1; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (swapped !== word) return swapped;
  }
  return word + word.at(-1);
}

/** A copy of `obj` with key `from` renamed to `to`, in place (same key order). */
function renameKey(obj: State, from: string, to: string): State {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]));
}

function withState(definition: Definition, name: string, state: State): Definition {
  return { ...definition, States: { ...(definition.States as object), [name]: state } };
}

/** 1-based line/column of `offset` in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The case for an edited definition whose typo is the only occurrence of `token` in its text. */
function caseFor(edited: Definition, token: string, code: string): TypoCase | undefined {
  const text = JSON.stringify(edited, null, 2);
  const at = text.indexOf(token);
  if (at === -1 || text.indexOf(token, at + 1) !== -1) return undefined;
  const start = position(text, at);
  const end = position(text, at + token.length);
  return { text, expect: { code, line: start.line, column: start.column, endLine: end.line, endColumn: end.column } };
}

/** A misspelled name that is no state's name and appears nowhere else in the text. */
function freshMisspelling(definition: Definition, word: string): string {
  const names = new Set(statesOf(definition).map(([n]) => n));
  let typo = misspell(word);
  while (names.has(typo) || JSON.stringify(definition).includes(JSON.stringify(typo))) typo += 'x';
  return typo;
}

export const TYPOS: Typo[] = [
  {
    kind: 'next-target',
    apply(d) {
      const a = anchors(d);
      if (!a) return undefined;
      const state = (d.States as Record<string, State>)[a.task]!;
      const typo = freshMisspelling(d, state.Next as string);
      return caseFor(withState(d, a.task, { ...state, Next: typo }), JSON.stringify(typo), 'unknown-target');
    },
  },
  {
    kind: 'startat-value',
    apply(d) {
      if (typeof d.StartAt !== 'string') return undefined;
      const typo = freshMisspelling(d, d.StartAt);
      return caseFor({ ...d, StartAt: typo }, JSON.stringify(typo), 'unknown-target');
    },
  },
  {
    kind: 'type-value',
    apply(d) {
      const a = anchors(d);
      if (!a) return undefined;
      const state = (d.States as Record<string, State>)[a.task]!;
      return caseFor(withState(d, a.task, { ...state, Type: 'Tsak' }), '"Tsak"', 'bad-value');
    },
  },
  {
    kind: 'next-key',
    apply(d) {
      const a = anchors(d);
      if (!a) return undefined;
      const state = (d.States as Record<string, State>)[a.task]!;
      return caseFor(withState(d, a.task, renameKey(state, 'Next', 'Nxet')), '"Nxet"', 'field-not-allowed');
    },
  },
  {
    kind: 'resource-key',
    apply(d) {
      const a = anchors(d);
      if (!a) return undefined;
      const state = (d.States as Record<string, State>)[a.task]!;
      return caseFor(withState(d, a.task, renameKey(state, 'Resource', 'Resoruce')), '"Resoruce"', 'field-not-allowed');
    },
  },
  {
    kind: 'end-key',
    apply(d) {
      const a = anchors(d);
      if (!a) return undefined;
      const state = (d.States as Record<string, State>)[a.end]!;
      return caseFor(withState(d, a.end, renameKey(state, 'End', 'Edn')), '"Edn"', 'field-not-allowed');
    },
  },
];

/**
 * `count` machines for the table, one per corpus folder in turn (sorted, so the choice is stable), among the
 * plain JSON definitions with a top-level Task that has Next and Resource and a state that ends.
 */
export function pickMachines(
  files: readonly (readonly [string, string])[],
  count: number,
): { file: string; definition: Definition }[] {
  const byFolder = new Map<string, { file: string; definition: Definition }[]>();
  for (const [file, text] of files) {
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch {
      continue;
    }
    if (!isObject(definition) || !anchors(definition)) continue;
    const folder = file.split('/').slice(0, -1).join('/');
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), { file, definition }]);
  }
  const picked: { file: string; definition: Definition }[] = [];
  for (let round = 0; picked.length < count; round++) {
    let any = false;
    for (const list of byFolder.values()) {
      if (list[round] && picked.length < count) {
        picked.push(list[round]!);
        any = true;
      }
    }
    if (!any) break;
  }
  return picked;
}
