import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../shared/asl/load.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import type { StateGraph } from '../../../shared/asl/types.ts';
import {
  errorPathsHighlight,
  pathToHighlight,
  reachableStates,
  unreachableHighlight,
} from '../../../renderer/src/editor/paths.ts';
import { cropSvgToView, fileNameFor } from '../../../renderer/src/editor/export-image.ts';
import { canWriteTo, spanAt } from '../../../renderer/src/editor/editing.tsx';
import { dropEdit, getEdit, isDirty, reconcileEdit, setEdit } from '../../../renderer/src/editor/store.ts';

async function graphOf(definition: unknown): Promise<StateGraph> {
  const doc = await loadDocument('m.asl.json', JSON.stringify(definition, null, 2));
  return buildGraph(doc.machines[0]!);
}

const MACHINE = {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:charge',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Notify Failure' }],
      Next: 'Fan Out',
    },
    'Notify Failure': { Type: 'Pass', Next: 'Failed' },
    Failed: { Type: 'Fail', Error: 'ChargeFailed' },
    'Fan Out': {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Inner A',
          States: { 'Inner A': { Type: 'Pass', Next: 'Inner B' }, 'Inner B': { Type: 'Pass', End: true } },
        },
      ],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Orphan: { Type: 'Pass', Next: 'Orphan Two' },
    'Orphan Two': { Type: 'Pass', End: true },
  },
};

describe('path highlights', () => {
  it('finds unreachable states, going into Parallel branches of reachable states', async () => {
    const graph = await graphOf(MACHINE);
    const reached = reachableStates(graph);
    expect([...reached].sort()).toEqual([
      'Charge',
      'Done',
      'Failed',
      'Fan Out',
      'Inner A',
      'Inner B',
      'Notify Failure',
    ]);
    const dead = unreachableHighlight(graph);
    expect([...dead.states].sort()).toEqual(['Orphan', 'Orphan Two']);
    const edge = graph.edges.find((e) => e.from === 'Orphan' && e.to === 'Orphan Two')!;
    expect(dead.edges.has(edge.id)).toBe(true);
  });

  it('lights the path from Start to a state inside a branch, and nothing off that path', async () => {
    const graph = await graphOf(MACHINE);
    const lit = pathToHighlight(graph, 'Inner B');
    expect([...lit.states].sort()).toEqual(['Charge', 'Fan Out', 'Inner A', 'Inner B']);
    expect(lit.states.has('Done')).toBe(false);
    const unreachable = pathToHighlight(graph, 'Orphan Two');
    expect([...unreachable.states]).toEqual(['Orphan Two']);
    expect(pathToHighlight(graph, 'No Such State').states.size).toBe(0);
  });

  it('lights Catch edges and the states from a Catch target to a Fail, not the happy path', async () => {
    const graph = await graphOf(MACHINE);
    const lit = errorPathsHighlight(graph);
    expect([...lit.states].sort()).toEqual(['Charge', 'Failed', 'Notify Failure']);
    const catchEdge = graph.edges.find((e) => e.kind === 'catch')!;
    expect(lit.edges.has(catchEdge.id)).toBe(true);
    const happy = graph.edges.find((e) => e.from === 'Charge' && e.to === 'Fan Out')!;
    expect(lit.edges.has(happy.id)).toBe(false);
  });
});

describe('editing helpers', () => {
  it('picks the innermost state span under the cursor', () => {
    const spans = { Outer: { start: 0, end: 100 }, Inner: { start: 20, end: 40 } };
    expect(spanAt(spans, 25)).toBe('Inner');
    expect(spanAt(spans, 50)).toBe('Outer');
    expect(spanAt(spans, 150)).toBeNull();
    expect(spanAt(undefined, 1)).toBeNull();
  });

  it('writes only to host paths; samples and browser-picked files are saved as downloads', () => {
    expect(canWriteTo('/srv/me/a.asl.json')).toBe(true);
    expect(canWriteTo('C:\\work\\a.asl.json')).toBe(true);
    expect(canWriteTo('sample:order-processing.asl.json')).toBe(false);
    expect(canWriteTo('picked.asl.json')).toBe(false);
  });

  it('keeps unsaved edits when the disk changes, and follows the disk when clean', () => {
    const id = 'unit-tab';
    reconcileEdit(id, 'v1');
    expect(isDirty(id)).toBe(false);
    reconcileEdit(id, 'v2');
    expect(getEdit(id)).toMatchObject({ text: 'v2', baseText: 'v2' });
    setEdit(id, { text: 'mine' });
    expect(isDirty(id)).toBe(true);
    reconcileEdit(id, 'theirs');
    expect(getEdit(id)).toMatchObject({ text: 'mine', baseText: 'v2', theirs: 'theirs' });
    // Our own save coming back from the watcher is not a conflict.
    setEdit(id, { baseText: 'mine', theirs: undefined });
    reconcileEdit(id, 'mine');
    expect(getEdit(id)?.theirs).toBeUndefined();
    expect(isDirty(id)).toBe(false);
    dropEdit(id);
    expect(getEdit(id)).toBeUndefined();
  });

  it('crops the SVG to the part on screen and makes safe file names', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="400" viewBox="0 0 500 400" font-family="x"><g/></svg>';
    const cropped = cropSvgToView(svg, { x: -100, y: -50, zoom: 2 }, 200, 100);
    expect(cropped).toContain('width="100" height="50" viewBox="66 77 100 50"');
    expect(fileNameFor('a/b:c', 'png')).toBe('a_b_c.png');
  });
});
