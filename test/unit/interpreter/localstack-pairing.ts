/**
 * Pairs the LocalStack execution histories in the corpus (recorded against AWS) with the LocalStack definitions in
 * the corpus, replays each pair offline and compares.
 *
 * First by LocalStack's test code: localstack-templates.json (derived by localstack-templates.py) names the
 * template(s) each history's test ran; the one that declares every state the history entered is used. When the
 * test code names none, or none fits (the test rewrote it), by content: a definition can pair when it declares
 * every state the history entered (same names and types, the first one being StartAt); the one whose file name
 * shares most words with the test id wins, then the one declaring the fewest states that never ran; a remaining
 * tie is counted as ambiguous and the first is used.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';
import { CORPUS } from '../../support/corpus.ts';
import { runMachine } from '../../../shared/sfn/interpreter/engine.ts';
import { InterpreterStop } from '../../../shared/sfn/interpreter/errors.ts';
import {
  compareWithHistory,
  mocksFromHistory,
  parsed,
  recordedStates,
  type ReplayDifference,
} from '../../../shared/sfn/interpreter/replay.ts';

interface Entry {
  path: string;
  kind: string;
  source: string;
}

type Json = Record<string, unknown>;

function statesOf(def: Json, out = new Map<string, string>()): Map<string, string> {
  const states = def.States && typeof def.States === 'object' ? (def.States as Record<string, Json>) : {};
  for (const [name, s] of Object.entries(states)) {
    if (!s || typeof s !== 'object') continue;
    out.set(name, String(s.Type));
    for (const b of Array.isArray(s.Branches) ? s.Branches : [])
      if (b && typeof b === 'object') statesOf(b as Json, out);
    const p = (s.ItemProcessor ?? s.Iterator) as Json | undefined;
    if (p && typeof p === 'object') statesOf(p, out);
  }
  return out;
}

/** LocalStack normalises ids, ARNs, dates and regions in its snapshots; a recorded placeholder matches any string. */
const PLACEHOLDER =
  /<[^<>]+>|^timestamp$|^date$|111111111111|^generated-uuid$|^RandomNumberGenerated$|^snf_role_arn$|^start-time$|^entered-time$|^(stateExitedEventDetails|executionSucceededEventDetails)\.output$/;
export function sameModuloPlaceholders(recorded: unknown, local: unknown): boolean {
  if (typeof recorded === 'string' && typeof local !== 'string' && local !== undefined) {
    const p = parsed(recorded);
    if (p !== recorded) return sameModuloPlaceholders(p, local);
  }
  if (
    typeof recorded === 'string' &&
    /^(stateExitedEventDetails|executionSucceededEventDetails)\.output$/.test(recorded)
  )
    return true;
  if (typeof recorded === 'string' && PLACEHOLDER.test(recorded))
    return typeof local === 'string' || typeof local === 'number';
  // The LocalStack tests normalise random numbers to a marker string.
  if (Array.isArray(recorded)) {
    return (
      Array.isArray(local) &&
      local.length === recorded.length &&
      recorded.every((r, i) => sameModuloPlaceholders(r, local[i]))
    );
  }
  if (recorded && typeof recorded === 'object') {
    if (!local || typeof local !== 'object' || Array.isArray(local)) return false;
    const a = Object.keys(recorded as object);
    const b = Object.keys(local as object);
    return (
      a.length === b.length &&
      a.every((k) => k in (local as object) && sameModuloPlaceholders((recorded as Json)[k], (local as Json)[k]))
    );
  }
  if (typeof local === 'string' && typeof recorded !== 'string')
    return sameModuloPlaceholders(parsed(local), recorded) || false;
  return recorded === local;
}

export interface PairResult {
  history: string;
  definition?: string;
  /** How the definition was chosen: named by the test code, or found by content. */
  pairedBy?: 'test-code' | 'content';
  /** The test code edits the template before running it (so the stored one may not be what ran). */
  testEditsTemplate?: boolean;
  ambiguous: boolean;
  outcome: 'agree' | 'differ' | 'stopped' | 'unpaired';
  differences: ReplayDifference[];
  message?: string;
}

export async function replayCorpus(): Promise<PairResult[]> {
  const index = JSON.parse(fs.readFileSync(CORPUS + 'index.json', 'utf8')) as Entry[];
  const defs: { path: string; def: Json; states: Map<string, string> }[] = [];
  for (const e of index) {
    if (e.kind !== 'asl' || e.source !== 'localstack') continue;
    try {
      const def = JSON5.parse(fs.readFileSync(CORPUS + e.path, 'utf8')) as Json;
      defs.push({ path: e.path, def, states: statesOf(def) });
    } catch {
      // Not parseable as JSON5 (none expected): it cannot pair.
    }
  }
  const fromTests = (
    JSON.parse(fs.readFileSync(fileURLToPath(new URL('./localstack-templates.json', import.meta.url)), 'utf8')) as {
      pairs: Record<string, { definitions: string[]; testEditsTemplate: boolean }>;
    }
  ).pairs;
  const results: PairResult[] = [];
  for (const e of index) {
    if (e.kind !== 'sfn-history' || !e.path.includes('localstack-extracted')) continue;
    const history = JSON.parse(fs.readFileSync(CORPUS + e.path, 'utf8')) as { events: Json[] };
    const rec = recordedStates(history.events);
    const first = rec[0];
    const fits = (d: (typeof defs)[number]): boolean =>
      !!first && d.def.StartAt === first.name && rec.every((r) => d.states.get(r.name) === r.type);
    const named = fromTests[e.path];
    const byTest = named ? defs.filter((d) => named.definitions.includes(d.path) && fits(d)) : [];
    const candidates = byTest.length ? byTest : defs.filter(fits);
    const pairedBy = byTest.length ? ('test-code' as const) : ('content' as const);
    if (!candidates.length) {
      results.push({ history: e.path, ambiguous: false, outcome: 'unpaired', differences: [] });
      continue;
    }
    const entered = new Set(rec.map((r) => r.name));
    const extra = (d: (typeof defs)[number]): number => [...d.states.keys()].filter((n) => !entered.has(n)).length;
    let best = candidates;
    // Tie-break by name: the test case id (`test_base_cases_BASE_SCOPE_MAP`) shares words with its template's file
    // name (`assign__base_scope_map.json5`); a template whose whole base name appears in the test id wins.
    const testId = e.path
      .replace(/^.*\//, '')
      .replace(/__(get_execution_history|exec_hist_resp\w*)\.json$/, '')
      .toLowerCase();
    const words = new Set(testId.split(/[^a-z0-9]+/).filter((w) => (w.length > 2 || /^\d+$/.test(w)) && w !== 'test'));
    const score = (d: (typeof defs)[number]): number => {
      const file = d.path
        .toLowerCase()
        .replace(/^.*\//, '')
        .replace(/\.json5?$/, '');
      const folder = file.replace(/__.*$/, '');
      const base = file.replace(/^[a-z]+__/, '');
      const shared = base.split(/[^a-z0-9]+/).filter((w) => words.has(w)).length;
      return shared + (testId.includes(base) ? 0.5 : 0) + ([...words].some((w) => folder.startsWith(w)) ? 0.25 : 0);
    };
    // The test id's words first, then the closest fit (fewest declared states that never ran).
    best.sort((a, b) => score(b) - score(a) || extra(a) - extra(b));
    best = best.filter((b) => score(b) === score(best[0]!) && extra(b) === extra(best[0]!));
    const distinct = new Set(best.map((b) => JSON.stringify(b.def)));
    const chosen = best[0]!;
    const started = history.events.find((x) => x.type === 'ExecutionStarted');
    const input = parsed((started?.executionStartedEventDetails as Json | undefined)?.input) ?? {};
    const mocks = mocksFromHistory(history.events);
    try {
      const run = await runMachine(chosen.def, { input, resolveMock: mocks.resolve, maxStates: 5000 });
      const differences = compareWithHistory(run, history.events, sameModuloPlaceholders);
      results.push({
        history: e.path,
        definition: chosen.path,
        pairedBy,
        testEditsTemplate: named?.testEditsTemplate,
        ambiguous: distinct.size > 1,
        outcome: differences.length ? 'differ' : 'agree',
        differences,
      });
    } catch (err) {
      if (!(err instanceof InterpreterStop)) throw err;
      results.push({
        history: e.path,
        definition: chosen.path,
        pairedBy,
        testEditsTemplate: named?.testEditsTemplate,
        ambiguous: distinct.size > 1,
        outcome: 'stopped',
        differences: [],
        message: err.message,
      });
    }
  }
  return results;
}
