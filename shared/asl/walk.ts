/**
 * One walk over the scopes of a definition (top level, every Parallel branch, every Map processor), shared by
 * the loader (state spans) and the graph builder (nodes and edges). Both must give a state the same id — the
 * state name, or a suffixed id for a duplicate name — so they walk in exactly the same order through this file.
 */
import { isObject as isRecord } from '../json.ts';
export { isObject as isRecord } from '../json.ts';

/** The scope a state lives in, as the graph builder needs it. */
export interface ScopeVisit {
  /** The scope object (`{ StartAt, States, … }`). */
  scope: Record<string, unknown>;
  /** Id of the Parallel/Map state holding this scope, or null for the top level. */
  parent: string | null;
  branch: number | null;
  depth: number;
  /** States of this scope in source order, with their graph ids. */
  states: { name: string; id: string; value: unknown }[];
  /** Name → id within this scope: transitions can only target states of the same scope. */
  local: Map<string, string>;
}

/** A scope object (StartAt + States) nested in a state, with its branch index. */
export interface ChildScope {
  scope: Record<string, unknown>;
  branch: number;
  /** `ItemProcessor`, `Iterator` or `Branches`. */
  via: 'Branches' | 'ItemProcessor' | 'Iterator';
}

/** The scopes nested in a state: Parallel `Branches`, Map `ItemProcessor` or legacy `Iterator`. */
export function childScopes(state: unknown): ChildScope[] {
  if (!isRecord(state)) return [];
  const out: ChildScope[] = [];
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((b, i) => {
      if (isRecord(b)) out.push({ scope: b, branch: i, via: 'Branches' });
    });
  } else if (state.Type === 'Map') {
    if (isRecord(state.ItemProcessor)) out.push({ scope: state.ItemProcessor, branch: 0, via: 'ItemProcessor' });
    else if (isRecord(state.Iterator)) out.push({ scope: state.Iterator, branch: 0, via: 'Iterator' });
  }
  return out;
}

/** Suffix that makes the id of a duplicate state name unique (`Name#2`). */
function uniqueId(name: string, used: Set<string>): string {
  if (!used.has(name)) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}#${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * Visits every scope of `definition`, parents before children (scope by scope, so top-level names keep their
 * name when a nested state reuses it). Ids are unique across the machine. Never recurses deeper than
 * `maxDepth` scopes; deeper scopes are reported through `onTooDeep`.
 */
export function walkScopes(
  definition: unknown,
  visit: (scope: ScopeVisit) => void,
  options: { maxDepth?: number; onTooDeep?: (parent: string) => void } = {},
): void {
  const maxDepth = options.maxDepth ?? 500;
  const used = new Set<string>();
  const walk = (scope: Record<string, unknown>, parent: string | null, branch: number | null, depth: number): void => {
    const states: ScopeVisit['states'] = [];
    const local = new Map<string, string>();
    if (isRecord(scope.States)) {
      for (const name of Object.keys(scope.States)) {
        const id = uniqueId(name, used);
        used.add(id);
        local.set(name, id);
        states.push({ name, id, value: scope.States[name] });
      }
    }
    visit({ scope, parent, branch, depth, states, local });
    for (const s of states) {
      for (const child of childScopes(s.value)) {
        if (depth + 1 > maxDepth) {
          options.onTooDeep?.(s.id);
          continue;
        }
        walk(child.scope, s.id, child.branch, depth + 1);
      }
    }
  };
  if (isRecord(definition)) walk(definition, null, null, 0);
}
