/**
 * Seeded generator of large, realistic state graphs (built directly as `StateGraph`) for layout tests: Tasks with
 * Retry and Catch to shared error handlers, Choice fan-outs that re-join, poll loops with back edges, Parallel and
 * Map groups nested up to depth 3, Start/End markers per scope.
 */
import { SYNTHETIC_PREFIX } from '../../../shared/asl/types.ts';
import type { GraphEdge, GraphState, StateGraph, StateType, SyntheticNode } from '../../../shared/asl/types.ts';
import { seededRandom as rng } from '../../../bench/rng.ts';

export function startMarker(parent: string | null, branch: number | null): string {
  return `${SYNTHETIC_PREFIX}start:${parent ?? ''}:${branch ?? ''}`;
}
export function endMarker(parent: string | null, branch: number | null): string {
  return `${SYNTHETIC_PREFIX}end:${parent ?? ''}:${branch ?? ''}`;
}

export function makeState(id: string, type: StateType, extra: Partial<GraphState> = {}): GraphState {
  return {
    id,
    name: id,
    type,
    parent: null,
    branch: null,
    depth: 0,
    queryLanguage: 'JSONPath',
    isStart: false,
    isEnd: false,
    retry: [],
    catch: [],
    assigns: [],
    raw: {},
    ...extra,
  };
}

/** Builds a graph with roughly `target` states. */
export function generateGraph(target: number, seed = 7): StateGraph {
  const rand = rng(seed);
  const states: GraphState[] = [];
  const synthetic: SyntheticNode[] = [];
  const edges: GraphEdge[] = [];
  let n = 0;
  let eid = 0;
  const edge = (from: string, to: string, kind: GraphEdge['kind'], label?: string) => {
    edges.push({ id: `e${eid++}`, from, to, kind, ...(label ? { label } : {}) });
  };

  const scope = (parent: string | null, branch: number | null, depth: number, budget: number) => {
    const add = (type: StateType, extra: Partial<GraphState> = {}) => {
      const id = `${type}_${n++}`;
      const s = makeState(id, type, { parent, branch, depth, ...extra });
      states.push(s);
      return s;
    };
    const start = startMarker(parent, branch);
    const end = endMarker(parent, branch);
    synthetic.push({ id: start, kind: 'start', parent, branch, label: 'Start' });
    synthetic.push({ id: end, kind: 'end', parent, branch, label: 'End' });
    // Error handlers of this scope (Pass -> Fail), about one pair per 60 states.
    const handlers: string[] = [];
    const pairs = Math.max(1, Math.round((parent === null ? target * 0.4 : budget) / 60));
    const handlerStates: GraphState[] = [];
    for (let i = 0; i < pairs; i++) {
      const h = add('Pass');
      const f = add('Fail', { isEnd: true });
      handlerStates.push(h, f);
      handlers.push(h.id);
      edge(h.id, f.id, 'next');
      edge(f.id, end, 'end');
    }
    let used = pairs * 2;
    let prev: string[] = [start];
    let prevKind: GraphEdge['kind'] = 'start';
    const link = (to: string) => {
      for (const p of prev) edge(p, to, prevKind === 'start' && p === start ? 'start' : 'next');
      prevKind = 'next';
    };
    while (parent === null ? states.length < target - 1 : used < budget - 1) {
      const r = rand();
      if (r < 0.5 || (depth >= 3 && r < 0.8)) {
        const t = add('Task', {
          resource: 'arn:aws:states:::lambda:invoke',
          integration: {
            service: 'lambda',
            action: 'invoke',
            pattern: 'request-response',
            sdk: false,
            label: 'Lambda · Invoke',
          },
          retry: [{ errorEquals: ['States.ALL'], intervalSeconds: 1, maxAttempts: 3, backoffRate: 2 }],
        });
        link(t.id);
        const catches = rand() < 0.4 ? 2 : 1;
        for (let i = 0; i < catches; i++) {
          const h = handlers[Math.floor(rand() * handlers.length)];
          const err = i === 0 ? 'States.TaskFailed' : 'States.ALL';
          t.catch.push({ errorEquals: [err], next: h });
          edge(t.id, h, 'catch', err);
        }
        prev = [t.id];
        used++;
      } else if (r < 0.62) {
        const c = add('Choice');
        link(c.id);
        const arms: string[] = [];
        for (let i = 0; i < 3; i++) {
          const a = add('Pass');
          edge(c.id, a.id, 'choice', `$.v == ${i}`);
          arms.push(a.id);
        }
        const d = add('Pass');
        edge(c.id, d.id, 'default', 'Default');
        arms.push(d.id);
        prev = arms;
        used += 5;
      } else if (r < 0.72) {
        const t = add('Task', { resource: 'arn:aws:states:::lambda:invoke' });
        link(t.id);
        const w = add('Wait');
        const c = add('Choice');
        edge(t.id, w.id, 'next');
        edge(w.id, c.id, 'next');
        edge(c.id, t.id, 'choice', 'not done');
        prev = [c.id];
        prevKind = 'default';
        const after = add('Pass');
        edge(c.id, after.id, 'default', 'Default');
        prev = [after.id];
        used += 4;
      } else if (r < 0.8 && depth < 3 && (parent === null || budget - used > 7)) {
        const p = add('Parallel');
        link(p.id);
        const k = 2 + Math.floor(rand() * 3);
        p.branches = k;
        for (let i = 0; i < k; i++) scope(p.id, i, depth + 1, 4 + Math.floor(rand() * (depth === 0 ? 14 : 6)));
        prev = [p.id];
        used++;
      } else if (r < 0.86 && depth < 3 && (parent === null || budget - used > 6)) {
        const m = add('Map', { map: { mode: 'INLINE', legacyIterator: false } });
        link(m.id);
        scope(m.id, 0, depth + 1, 4 + Math.floor(rand() * (depth === 0 ? 18 : 8)));
        prev = [m.id];
        used++;
      } else {
        const w = add(rand() < 0.5 ? 'Wait' : 'Pass');
        link(w.id);
        prev = [w.id];
        used++;
      }
    }
    const s = add('Succeed', { isEnd: true });
    link(s.id);
    edge(s.id, end, 'end');
    used++;
    // Handlers come last in model order, like an author would write them.
    for (const h of handlerStates) {
      states.splice(states.indexOf(h), 1);
      states.push(h);
    }
    return used;
  };
  scope(null, null, 0, Math.max(2, Math.round(target / 60) * 2 + 2));
  return {
    name: `generated-${target}`,
    queryLanguage: 'JSONPath',
    startAt: states[0]?.id ?? '',
    states,
    synthetic,
    edges,
    diagnostics: [],
  };
}
