/**
 * Variables (`Assign`, `$name` reads): which scope assigns what, which names a state can see, and whether a
 * read may come before any assignment on the way to the state.
 */
import type { AddFinding, Finding } from './validate-rules.ts';
import { escapePointerSegment } from './validate-source-map.ts';
import { describeScope, isObject, type Scope, type StateVisit, type Walk } from './validate-walk.ts';

/** A variable read: its name, the string it is in, and where in that string. */
export interface Reference {
  name: string;
  pointer: string;
  innerOffset?: number;
}

/** JSONata's own functions plus the ones Step Functions adds: calling them is not a variable reference. */
const JSONATA_FUNCTIONS = new Set(
  (
    'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad ' +
    'contains split join match replace now millis fromMillis toMillis formatNumber formatBase formatInteger ' +
    'parseInteger number abs floor ceil power sqrt random round boolean not exists map zip filter single reduce ' +
    'sift each error assert type keys lookup spread merge sort reverse shuffle distinct append base64encode ' +
    'base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval clone partition range hash uuid parse'
  ).split(' '),
);

/** Variable names a JSONata AST reads, minus local bindings and function calls. */
export function jsonataReads(ast: unknown): { name: string; position: number }[] {
  const reads: { name: string; position: number }[] = [];
  const bound = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 500 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, depth + 1);
      return;
    }
    const n = node as Record<string, unknown>;
    if (typeof n.focus === 'string') bound.add(n.focus);
    if (typeof n.index === 'string') bound.add(n.index);
    if (n.type === 'bind' && isObject(n.lhs) && typeof n.lhs.value === 'string') bound.add(n.lhs.value);
    if (n.type === 'lambda' && Array.isArray(n.arguments)) {
      for (const a of n.arguments) if (isObject(a) && typeof a.value === 'string') bound.add(a.value);
    }
    if ((n.type === 'function' || n.type === 'partial') && isObject(n.procedure) && n.procedure.type === 'variable') {
      const name = n.procedure.value;
      if (typeof name === 'string' && !JSONATA_FUNCTIONS.has(name)) {
        reads.push({ name, position: Number(n.procedure.position) || 0 });
      }
      walk(n.arguments, depth + 1);
      return;
    }
    if (n.type === 'variable' && typeof n.value === 'string') {
      reads.push({ name: n.value, position: Number(n.position) || 0 });
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'position' && typeof v === 'object') walk(v, depth + 1);
  };
  walk(ast, 0);
  return reads.filter((r) => r.name !== '' && r.name !== '$' && !bound.has(r.name));
}

/** `$name` references in a JSONPath path or intrinsic function call (not `$`, `$.x`, `$$`, nor inside quotes). */
export function jsonPathReads(text: string): { name: string; index: number }[] {
  const blanked = text.replace(/'(?:[^'\\]|\\.)*'/g, (m) => ' '.repeat(m.length));
  const reads: { name: string; index: number }[] = [];
  for (const m of blanked.matchAll(/(?<![\w$.@])\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    reads.push({ name: m[1]!, index: m.index ?? 0 });
  }
  return reads;
}

/** Path-valued fields of a JSONPath state (where `$name` may read a variable). ResultPath cannot. */
export function isJsonPathValued(key: string): boolean {
  return (key.endsWith('.$') || /Path$/.test(key) || key === 'Variable') && key !== 'ResultPath';
}

/** Every variable a state assigns: its own `Assign`, its Catch clauses' and its Choice rules'. */
function assignsOf(visit: StateVisit): { name: string; pointer: string }[] {
  const out: { name: string; pointer: string }[] = [];
  const add = (assign: unknown, pointer: string): void => {
    if (!isObject(assign)) return;
    for (const key of Object.keys(assign)) {
      out.push({
        name: key.endsWith('.$') ? key.slice(0, -2) : key,
        pointer: `${pointer}/${escapePointerSegment(key)}`,
      });
    }
  };
  add(visit.state.Assign, `${visit.pointer}/Assign`);
  if (Array.isArray(visit.state.Catch)) {
    visit.state.Catch.forEach((c, i) => isObject(c) && add(c.Assign, `${visit.pointer}/Catch/${i}/Assign`));
  }
  if (Array.isArray(visit.state.Choices)) {
    visit.state.Choices.forEach((c, i) => isObject(c) && add(c.Assign, `${visit.pointer}/Choices/${i}/Assign`));
  }
  return out;
}

/** What the variable rules know about a machine. */
export interface Variables {
  /** Names a state of `scope` can see (assigned in it or, except across a Distributed Map, in a scope around it). */
  visible: (scope: Scope) => Set<string>;
  /** The scopes that assign each name. */
  assignedWhere: Map<string, Scope[]>;
  /** Names that may hold a value when each reachable state starts. */
  assignedBefore: Map<StateVisit, Set<string>>;
}

/** Variables assigned per scope (reporting assignments of the reserved `states`). */
export function variableScopes(walk: Walk, add: AddFinding): Variables {
  const assignedIn = new Map<Scope, Set<string>>();
  const assignedWhere = new Map<string, Scope[]>();
  for (const visit of walk.states) {
    for (const a of assignsOf(visit)) {
      if (a.name === 'states') {
        add({
          code: 'reserved-variable',
          severity: 'error',
          message: `State "${visit.name}": "states" cannot be assigned; $states is reserved for the state's input, result and context`,
          pointer: a.pointer,
          atKey: true,
          state: visit.name,
        });
        continue;
      }
      let set = assignedIn.get(visit.scope);
      if (!set) assignedIn.set(visit.scope, (set = new Set()));
      set.add(a.name);
      const where = assignedWhere.get(a.name) ?? [];
      if (!where.includes(visit.scope)) where.push(visit.scope);
      assignedWhere.set(a.name, where);
    }
  }
  const visibleCache = new Map<Scope, Set<string>>();
  const visible = (scope: Scope): Set<string> => {
    let set = visibleCache.get(scope);
    if (set) return set;
    set = new Set(assignedIn.get(scope) ?? []);
    if (scope.parent && scope.kind !== 'distributed-map') for (const v of visible(scope.parent)) set.add(v);
    visibleCache.set(scope, set);
    return set;
  };

  const assignedBefore = variablesBefore(walk);
  return { visible, assignedWhere, assignedBefore };
}

/** Reads of variables no state assigns, assigns out of sight, or may assign only later. */
export function variableReads(visit: StateVisit, references: Reference[], variables: Variables, add: AddFinding): void {
  const { name } = visit;
  const { visible, assignedWhere, assignedBefore } = variables;
  const canSee = visible(visit.scope);
  const before = assignedBefore.get(visit);
  const reported = new Set<string>();
  for (const ref of references) {
    if (ref.name === 'states' || reported.has(ref.name)) continue;
    if (canSee.has(ref.name)) {
      if (!before || before.has(ref.name)) continue;
      reported.add(ref.name);
      const finding: Omit<Finding, 'source'> = {
        code: 'variable-before-assignment',
        severity: 'warning',
        message: `State "${name}" may read variable $${ref.name} before it is assigned: no state on the way to "${name}" assigns it`,
        pointer: ref.pointer,
        state: name,
      };
      if (ref.innerOffset !== undefined) finding.innerOffset = ref.innerOffset;
      add(finding);
      continue;
    }
    reported.add(ref.name);
    const elsewhere = assignedWhere.get(ref.name);
    let message: string;
    if (!elsewhere || elsewhere.length === 0) {
      message = `State "${name}" reads variable $${ref.name}, but no state assigns it (add it to an "Assign" first)`;
    } else if (visit.scope.kind === 'distributed-map' || hasDistributedAncestorBetween(visit.scope, elsewhere)) {
      message = `State "${name}" reads variable $${ref.name}, which is assigned ${describeScope(elsewhere[0]!)}; a Distributed Map's item processor cannot see variables from outside it (pass the value in with ItemSelector)`;
    } else {
      message = `State "${name}" reads variable $${ref.name}, which is only assigned ${describeScope(elsewhere[0]!)}; variables assigned inside a Parallel branch or Map processor are not visible outside it`;
    }
    const finding: Omit<Finding, 'source'> = {
      code: 'undefined-variable',
      severity: 'warning',
      message,
      pointer: ref.pointer,
      state: name,
    };
    if (ref.innerOffset !== undefined) finding.innerOffset = ref.innerOffset;
    add(finding);
  }
}

function hasDistributedAncestorBetween(scope: Scope, assigned: Scope[]): boolean {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.kind === 'distributed-map' && s.parent && assigned.some((a) => isAncestorOrSelf(a, s!.parent!))) return true;
  }
  return false;
}

function isAncestorOrSelf(candidate: Scope, of: Scope): boolean {
  for (let s: Scope | null = of; s; s = s.parent) if (s === candidate) return true;
  return false;
}

/** Keys of an `Assign` object, without the JSONPath `.$` suffix. */
function assignKeys(assign: unknown): string[] {
  return isObject(assign) ? Object.keys(assign).map((k) => (k.endsWith('.$') ? k.slice(0, -2) : k)) : [];
}

/**
 * For each state reached from its scope's StartAt, the variables that may hold a value when it starts: a
 * forward "may be assigned" analysis along Next, Default, Choice rules and Catch (each edge carrying the
 * assignments made on it), entering a Parallel branch or inline Map processor with what its owner state sees.
 */
function variablesBefore(walk: Walk): Map<StateVisit, Set<string>> {
  const result = new Map<StateVisit, Set<string>>();
  const byScope = new Map<Scope, StateVisit[]>();
  for (const v of walk.states) {
    const list = byScope.get(v.scope) ?? [];
    list.push(v);
    byScope.set(v.scope, list);
  }
  const ownerVisit = new Map<Scope, StateVisit>();
  for (const scope of walk.scopes) {
    if (scope.parent && scope.owner !== undefined) {
      const owner = (byScope.get(scope.parent) ?? []).find((v) => v.name === scope.owner);
      if (owner) ownerVisit.set(scope, owner);
    }
  }
  for (const scope of walk.scopes) {
    const visits = byScope.get(scope) ?? [];
    if (visits.length === 0) continue;
    const byName = new Map(visits.map((v) => [v.name, v]));
    const owner = ownerVisit.get(scope);
    const entry = scope.kind === 'distributed-map' || !owner ? new Set<string>() : new Set(result.get(owner) ?? []);
    if (scope.kind !== 'root' && scope.kind !== 'distributed-map' && owner && !result.has(owner)) continue;
    const start = scope.startAt;
    const first = start === undefined ? undefined : byName.get(start);
    if (!first) continue;
    const inSets = new Map<StateVisit, Set<string>>([[first, entry]]);
    const queue: StateVisit[] = [first];
    let steps = 0;
    while (queue.length > 0 && steps++ < 200_000) {
      const v = queue.shift()!;
      const here = inSets.get(v)!;
      const own = assignKeys(v.state.Assign);
      const edges: { target: unknown; adds: string[] }[] = [
        { target: v.state.Next, adds: own },
        { target: v.state.Default, adds: own },
      ];
      if (Array.isArray(v.state.Choices)) {
        for (const rule of v.state.Choices)
          if (isObject(rule)) edges.push({ target: rule.Next, adds: [...own, ...assignKeys(rule.Assign)] });
      }
      if (Array.isArray(v.state.Catch)) {
        for (const c of v.state.Catch) if (isObject(c)) edges.push({ target: c.Next, adds: assignKeys(c.Assign) });
      }
      for (const edge of edges) {
        if (typeof edge.target !== 'string') continue;
        const t = byName.get(edge.target);
        if (!t) continue;
        let set = inSets.get(t);
        let grew = false;
        if (!set) {
          inSets.set(t, (set = new Set()));
          grew = true;
        }
        for (const name of [...here, ...edge.adds]) {
          if (set.has(name)) continue;
          set.add(name);
          grew = true;
        }
        if (grew) queue.push(t);
      }
    }
    for (const [v, set] of inSets) result.set(v, set);
  }
  return result;
}
