/**
 * React Flow's measuring of nodes whose size the layout gave (renderer/src/asl/flow-store.ts): React Flow's
 * ResizeObserver reports every node it mounts and asks its store to measure each again; the wrapped store passes
 * on only the nodes that measuring could change. Counted: which nodes reach React Flow's own measuring.
 */
import { describe, expect, it } from 'vitest';
import { FLOW_OPTIONS, prepareFlowStore } from '../../../renderer/src/asl/flow-store.ts';

type Update = { id: string; nodeElement: HTMLDivElement; force?: boolean };

/** A node as React Flow keeps it: its given size, and handle bounds when it came with handles. */
function internal(id: string, width: number, height: number, given: { handles?: boolean; hidden?: boolean } = {}) {
  const handles = given.handles === false ? undefined : [];
  return {
    id,
    hidden: given.hidden ?? false,
    measured: { width, height },
    internals: { userNode: { id, handles }, handleBounds: handles ? { source: [], target: [] } : undefined },
  };
}

/** A store like React Flow's: state, setState merging, and its measuring recorded. */
function fakeStore(nodes: ReturnType<typeof internal>[]) {
  const measured: string[][] = [];
  let state: Record<string, unknown> = {
    nodeLookup: new Map(nodes.map((n) => [n.id, n])),
    updateNodeInternals: (updates: Map<string, Update>) => measured.push([...updates.keys()]),
  };
  const store = {
    getState: () => state,
    setState: (partial: Record<string, unknown>) => (state = { ...state, ...partial }),
  };
  return { store, measured, state: () => state };
}

function element(width: number, height: number): HTMLDivElement {
  return { offsetWidth: width, offsetHeight: height } as HTMLDivElement;
}

function report(store: { getState: () => Record<string, unknown> }, boxes: [string, HTMLDivElement][]): void {
  const updates = new Map(boxes.map(([id, nodeElement]) => [id, { id, nodeElement, force: true }]));
  (store.getState().updateNodeInternals as (u: Map<string, Update>) => void)(updates);
}

describe('prepareFlowStore', () => {
  it('puts the graph options into the store', () => {
    const { store, state } = fakeStore([]);
    prepareFlowStore(store as never);
    expect(state()).toMatchObject(FLOW_OPTIONS);
  });

  it('passes on no node whose box has the size and handles the layout gave', () => {
    const { store, measured } = fakeStore([internal('a', 150, 49), internal('b', 212, 69)]);
    prepareFlowStore(store as never);
    report(store, [
      ['a', element(150, 49)],
      ['b', element(212, 69)],
    ]);
    expect(measured).toEqual([]);
  });

  it('measures a node whose box differs, a node without given handles, a hidden node and an unknown one', () => {
    const { store, measured } = fakeStore([
      internal('same', 150, 49),
      internal('wider', 150, 49),
      internal('no handles', 150, 49, { handles: false }),
      internal('hidden', 150, 49, { hidden: true }),
    ]);
    prepareFlowStore(store as never);
    report(store, [
      ['same', element(150, 49)],
      ['wider', element(180, 49)],
      ['no handles', element(150, 49)],
      ['hidden', element(150, 49)],
      ['unknown', element(150, 49)],
    ]);
    expect(measured).toEqual([['wider', 'no handles', 'hidden', 'unknown']]);
  });

  it('wraps the measuring once however often the store is prepared', () => {
    const { store, measured } = fakeStore([internal('a', 150, 49)]);
    prepareFlowStore(store as never);
    prepareFlowStore(store as never);
    report(store, [['a', element(160, 49)]]);
    expect(measured).toEqual([['a']]);
  });
});
