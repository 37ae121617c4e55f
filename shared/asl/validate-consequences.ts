/**
 * One root cause, one error. A single typo makes several checkers report what follows from it: a misspelled
 * `Next` target leaves every state after it "unreachable", a misspelled `"Nxet"` key leaves the state without
 * `Next` and the machine without an end, a misspelled `StartAt` leaves the first state unreachable. The error at
 * the typo itself (the unknown target, the field that is not allowed, the bad Type) is the most specific one;
 * findings that would not exist had the typo been what it almost is are dropped.
 *
 * "Almost is": a name within a small edit distance (two edits, transpositions counting as one) of the intended
 * one — an existing state name for a target, `Next`/`End`/a required field for a key, a state type for `Type`.
 * A target that is nothing like any state name (a renamed state, say) keeps its consequences: then they help.
 * Only consequences go, never the root error, so whether a definition is valid never changes.
 */
import { isFieldAllowed, STATE_TYPES, transitionsOf } from './validate-structure.ts';
import type { Scope, StateVisit, Walk } from './validate-walk.ts';
import type { Located } from './validate-wording.ts';

/** Edit distance with adjacent transpositions counted as one edit (optimal string alignment). */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** True when `typed` reads as a misspelling of `meant` (not equal, at most two edits and under half its length). */
export function isTypoOf(typed: string, meant: string): boolean {
  if (typed === meant || Math.abs(typed.length - meant.length) > 2) return false;
  const distance = typoDistance(typed.toLowerCase(), meant.toLowerCase());
  return distance <= 2 && distance * 2 < meant.length;
}

/** The name of `names` that `typed` misspells: the closest one, when no other is as close. */
function meantName(typed: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const n of names) {
    if (!isTypoOf(typed, n)) continue;
    const distance = typoDistance(typed.toLowerCase(), n.toLowerCase());
    if (distance < bestDistance) [best, bestDistance, tie] = [n, distance, false];
    else if (distance === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

/** Keys of a state that its type does not allow (when the type is known). */
function strayKeys(visit: StateVisit): string[] {
  const type = visit.state.Type;
  if (typeof type !== 'string' || !STATE_TYPES.includes(type)) return [];
  return Object.keys(visit.state).filter((k) => !isFieldAllowed(type, k));
}

/** The states a scope reaches when every typo in it is read as what it almost is. */
function lenientlyReached(scope: Scope, visits: StateVisit[]): Set<string> {
  const names = scope.states;
  const resolve = (target: unknown): string | undefined =>
    typeof target !== 'string' ? undefined : names.includes(target) ? target : meantName(target, names);
  const byName = new Map(visits.map((v) => [v.name, v]));
  const start = resolve(scope.startAt);
  const seen = new Set<string>();
  const queue = start === undefined ? [] : [start];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const v = byName.get(name);
    if (!v) continue;
    const targets: unknown[] = transitionsOf(v).map((t) => t.target);
    for (const key of strayKeys(v)) if (isTypoOf(key, 'Next') || isTypoOf(key, 'Default')) targets.push(v.state[key]);
    for (const t of targets) {
      const to = resolve(t);
      if (to !== undefined && !seen.has(to)) queue.push(to);
    }
  }
  return seen;
}

/** True when a state can end its scope once its typos are read as meant (`"Edn": true`, `"Type": "Succed"`). */
function endsLeniently(v: StateVisit): boolean {
  const type = v.state.Type;
  if (typeof type === 'string' && (isTypoOf(type, 'Succeed') || isTypoOf(type, 'Fail'))) return true;
  return strayKeys(v).some((k) => isTypoOf(k, 'End') && v.state[k] === true);
}

/** The fields a field-required finding asks for (`Next`, `Next|End`, `/States/A/Resource`…). */
function requiredFields(f: Located): string[] {
  const fields = f.detail.split('|').map((p) => p.slice(p.lastIndexOf('/') + 1));
  return fields.includes('Next') || fields.includes('End') ? [...new Set([...fields, 'Next', 'End'])] : fields;
}

/**
 * The findings that follow from a typo another (kept) error names. `found` holds every checker's findings for
 * one machine; the answer is the subset to drop.
 */
export function consequencesOfTypos(found: readonly Located[], walk: Walk): Set<Located> {
  const drop = new Set<Located>();
  const roots = found.some(
    (f) =>
      f.severity === 'error' &&
      (f.code === 'unknown-target' || f.code === 'field-not-allowed' || f.code === 'bad-value'),
  );
  if (!roots) return drop;
  const visitOf = new Map<string, StateVisit>();
  for (const v of walk.states) if (!visitOf.has(v.name)) visitOf.set(v.name, v);
  const reached = new Map<Scope, Set<string>>();
  const reachedIn = (scope: Scope): Set<string> => {
    let set = reached.get(scope);
    if (!set) {
      reached.set(
        scope,
        (set = lenientlyReached(
          scope,
          walk.states.filter((v) => v.scope === scope),
        )),
      );
    }
    return set;
  };
  for (const f of found) {
    const v = f.state !== undefined ? visitOf.get(f.state) : undefined;
    if (f.code === 'unreachable-state' && v && reachedIn(v.scope).has(v.name)) drop.add(f);
    if (f.code === 'field-required' && v && f.pointer.startsWith(v.pointer)) {
      const stray = strayKeys(v);
      if (requiredFields(f).some((field) => stray.some((k) => isTypoOf(k, field)))) drop.add(f);
    }
    if (f.code === 'no-terminal-state') {
      const scope = walk.scopes.find((s) => f.pointer === `${s.pointer}/States` || f.pointer === s.pointer);
      const visits = walk.states.filter((s) => (scope ? s.scope === scope : s.scope.kind === 'root'));
      if (visits.some(endsLeniently)) drop.add(f);
    }
  }
  return drop;
}
