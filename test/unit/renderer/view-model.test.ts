/**
 * The graph view's pure parts (renderer/src/asl/view-model.ts), on a real machine laid out by the real layout:
 * merged diagnostics, selection and highlight marks on nodes and edges, the status line, what keys do, and which
 * collapsed groups hide a state.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { layoutGraph } from '../../../shared/layout/layout.ts';
import { errorPathsHighlight } from '../../../renderer/src/editor/paths.ts';
import { translate } from '../../../renderer/src/i18n/index.ts';
import { problemsByState, toFlow } from '../../../renderer/src/asl/to-flow.ts';
import {
  ancestorsOf,
  codeFormatOf,
  decorateEdges,
  decorateNodes,
  graphKeyAction,
  mergeDiagnostics,
  selectableIds,
  statusLine,
  withArrowheads,
  arrowheadId,
  ARROWHEAD_COLOURS,
} from '../../../renderer/src/asl/view-model.ts';

const MACHINE = {
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail' },
  },
};

async function model() {
  const doc = await loadDocument('m.asl.json', JSON.stringify(MACHINE));
  const graph = buildGraph(doc.machines[0]!);
  return { graph, flow: toFlow(graph, await layoutGraph(graph), []) };
}

const diag = (over: Partial<Diagnostic>): Diagnostic => ({
  severity: 'error',
  message: 'm',
  line: 1,
  column: 1,
  ...over,
});
const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('en', key, vars);

describe('graph view model', () => {
  it('says each diagnostic once, keeping the first of a repeat and the order', () => {
    const a = diag({ message: 'a', state: 'X' });
    const b = diag({ message: 'b' });
    const merged = mergeDiagnostics([
      [a, b],
      [{ ...a }],
      [diag({ message: 'a', state: 'Y' }), { ...b, severity: 'warning' }],
    ]);
    expect(merged.map((d) => `${d.severity}:${d.message}:${d.state ?? ''}`)).toEqual([
      'error:a:X',
      'error:b:',
      'error:a:Y',
      'warning:b:',
    ]);
  });

  it('marks only the nodes that change: selection, highlight and new problem badges', async () => {
    const { graph, flow } = await model();
    const none = decorateNodes(flow.nodes, null, null, new Map());
    expect(none.every((n, i) => n === flow.nodes[i])).toBe(true);

    const picked = decorateNodes(flow.nodes, 'Each', null, new Map());
    expect(picked.filter((n, i) => n !== flow.nodes[i]).map((n) => n.id)).toEqual(['Each']);
    expect(picked.find((n) => n.id === 'Each')?.selected).toBe(true);

    const problems = problemsByState([diag({ state: 'Done', machine: graph.name })], graph.name);
    const badged = decorateNodes(flow.nodes, null, null, problems);
    const done = badged.find((n) => n.id === 'Done')!;
    expect(done.data).toMatchObject({ problems: { errors: 1 } });
    expect(badged.filter((n, i) => n !== flow.nodes[i]).map((n) => n.id)).toEqual(['Done']);

    const lit = errorPathsHighlight(graph);
    const dimmed = decorateNodes(flow.nodes, null, lit, new Map());
    expect(dimmed.find((n) => n.id === 'Failed')?.className).toBe('is-lit');
    expect(dimmed.find((n) => n.id === 'Done')?.className).toBe('is-dimmed');
  });

  it('draws arrowheads in the colour of the edge kind and marks the selected state’s transitions', async () => {
    const { flow } = await model();
    const edges = withArrowheads(flow.edges);
    const catchEdge = edges.find((e) => e.type === 'catch')!;
    expect(catchEdge.markerEnd).toBe(arrowheadId('catch'));
    expect(ARROWHEAD_COLOURS.catch).toBe('var(--ss-edge-catch)');
    // Edges merged into another's arrowhead at an End marker draw none of their own.
    const follow = { ...flow.edges[0]!, data: { ...flow.edges[0]!.data!, arrow: 'follow' as const } };
    expect(withArrowheads([follow])[0]!.markerEnd).toBeUndefined();
    expect(decorateEdges(edges, null, null)).toBe(edges);
    const marked = decorateEdges(edges, 'Validate', null);
    const connected = marked.filter((e) => e.className === 'is-connected');
    expect(connected.length).toBeGreaterThanOrEqual(2);
    for (const e of connected) expect(e.source === 'Validate' || e.target === 'Validate').toBe(true);
    for (const e of marked.filter((m) => m.className !== 'is-connected'))
      expect(e.source !== 'Validate' && e.target !== 'Validate').toBe(true);
  });

  it('lets states be selected but not lanes or Start/End markers', async () => {
    const { flow } = await model();
    const ids = selectableIds(flow.nodes);
    for (const s of ['Validate', 'Each', 'Inner', 'Done', 'Failed']) expect(ids.has(s)).toBe(true);
    for (const n of flow.nodes.filter((m) => m.type === 'start' || m.type === 'end' || m.type === 'branch'))
      expect(ids.has(n.id)).toBe(false);
  });

  it('finds the groups that hide a state, and stops on a cycle', async () => {
    const { graph } = await model();
    const byId = new Map(graph.states.map((s) => [s.id, s]));
    expect([...ancestorsOf('Inner', byId)]).toEqual(['Each']);
    expect(ancestorsOf('Validate', byId).size).toBe(0);
    const loop = new Map([
      ['a', { ...byId.get('Inner')!, id: 'a', parent: 'b' }],
      ['b', { ...byId.get('Inner')!, id: 'b', parent: 'a' }],
    ]);
    expect([...ancestorsOf('a', loop)].sort()).toEqual(['a', 'b']);
  });

  it('writes the status line in order, with problems and timings', () => {
    const base = {
      name: 'm.asl.json',
      openError: null,
      summary: { format: 'json', loadMs: 3.4, machines: [{ name: 'm' }] },
      machine: 0,
      stateCount: 5,
      diagnostics: [diag({}), diag({ severity: 'warning' }), diag({ severity: 'info' })],
      result: { graphMs: 1.2, layoutMs: 8.6, cached: false },
      busy: false,
    };
    expect(statusLine(base, en)).toBe(
      [
        'm.asl.json',
        'json',
        'm',
        en('bar.states', { count: 5 }),
        en('bar.problems', { errors: 1, warnings: 1 }),
        en('bar.timing', { load: '3', graph: '1', layout: '9 ms' }),
      ].join(' · '),
    );
    expect(statusLine({ ...base, openError: 'bad' }, en)).toBe('m.asl.json: bad');
    expect(statusLine({ ...base, summary: null }, en)).toBe(en('doc.loading', { name: 'm.asl.json' }));
    expect(statusLine({ ...base, summary: { ...base.summary, machines: [] } }, en)).toBe(
      en('bar.cannotDraw', { name: 'm.asl.json' }),
    );
    expect(statusLine({ ...base, busy: true, diagnostics: [] }, en)).toContain(en('bar.layingOut'));
    expect(statusLine({ ...base, result: { ...base.result, cached: true } }, en)).toContain(en('bar.cached'));
  });

  it('maps keys on the graph to moves, opening details, closing and clearing', () => {
    const view = { selected: 'A', detailsOpen: false, isState: (id: string) => id !== 'start', hasModel: true };
    expect(graphKeyAction('ArrowLeft', null, view)).toEqual({ kind: 'move', direction: 'left' });
    expect(graphKeyAction('ArrowLeft', null, { ...view, hasModel: false })).toBeNull();
    expect(graphKeyAction('Enter', 'B', view)).toEqual({ kind: 'open', id: 'B' });
    expect(graphKeyAction(' ', 'B', view)).toEqual({ kind: 'open', id: 'B' });
    expect(graphKeyAction('Enter', 'start', view)).toEqual({ kind: 'details' });
    expect(graphKeyAction(' ', null, view)).toBeNull();
    expect(graphKeyAction('Escape', null, { ...view, detailsOpen: true })).toEqual({ kind: 'close-details' });
    expect(graphKeyAction('Escape', null, view)).toEqual({ kind: 'deselect' });
    expect(graphKeyAction('Escape', null, { ...view, selected: null })).toBeNull();
  });

  it('shows YAML documents as YAML', () => {
    expect(codeFormatOf('yaml', 'x')).toBe('yaml');
    expect(codeFormatOf('cfn-yaml', 'x')).toBe('yaml');
    expect(codeFormatOf(null, 'a.asl.yml')).toBe('yaml');
    expect(codeFormatOf('json', 'a.asl.json')).toBe('json');
  });
});
