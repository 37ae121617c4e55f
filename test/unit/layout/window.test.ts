/**
 * The windowing of large drawings (shared/layout/window.ts): which nodes and edges a rectangle of the drawing
 * needs. Hand-made cases for each rule (edges crossing the window with both ends outside, nested groups, long
 * edges, unrouted edges, edges to nothing), then the grid index against a brute-force scan on laid-out generated
 * machines, and the rule for when the window moves.
 */
import { describe, expect, it } from 'vitest';
import type { LayoutNode } from '../../../shared/layout/types.ts';
import { layoutGraph } from '../../../shared/layout/layout.ts';
import {
  clipRoute,
  deferredIndex,
  grow,
  indexLayout,
  nextWindow,
  scanLayout,
  viewRect,
  type Rect,
  type WindowEdge,
} from '../../../shared/layout/window.ts';
import { seededRandom } from '../../../bench/rng.ts';
import { generateGraph } from './generate.ts';

function box(id: string, x: number, y: number, w = 100, h = 40, parent?: LayoutNode): LayoutNode {
  return {
    id,
    kind: 'state',
    x: parent ? x - parent.absX : x,
    y: parent ? y - parent.absY : y,
    absX: x,
    absY: y,
    width: w,
    height: h,
    ...(parent ? { parentId: parent.id } : {}),
  };
}

const A = box('A', 0, 0);
const B = box('B', 0, 1000);
const C = box('C', 2000, 0);
const D = box('D', 2000, 1000);
const G = { ...box('G', 3000, 3000, 800, 800), kind: 'group' as const };
const LANE = { ...box('Lane', 3020, 3040, 760, 740, G), kind: 'branch' as const };
const INNER = box('Inner', 3100, 3600, 100, 40, LANE);
const NODES = [A, B, C, D, G, LANE, INNER];
/** An edge through the given points (none: not routed). */
const edge = (from: string, to: string, ...points: [number, number][]): WindowEdge => ({
  from,
  to,
  points: points.length ? points.map(([x, y]) => ({ x, y })) : null,
});
const EDGES: WindowEdge[] = [
  // 0: A → B straight down.
  edge('A', 'B', [50, 40], [50, 1000]),
  // 1: A → D around: right along y = 20, then down x = 2500, then left into D.
  edge('A', 'D', [100, 20], [2500, 20], [2500, 1020], [2100, 1020]),
  // 2: C → D, not routed (the box around both ends counts).
  edge('C', 'D'),
  // 3: an edge to a node that is not drawn.
  edge('A', 'Nowhere', [0, 0], [9, 9]),
  // 4: B → Inner, ending inside the nested group.
  edge('B', 'Inner', [100, 1020], [3150, 1020], [3150, 3600]),
];

const ids = (r: { nodes: number[]; edges: number[] }) => ({
  nodes: r.nodes.map((i) => NODES[i]!.id),
  edges: r.edges,
});

describe('indexLayout: what a rectangle of the drawing needs', () => {
  const cases: { name: string; rect: Rect; nodes: string[]; edges: number[] }[] = [
    { name: 'nothing there', rect: { x0: 600, y0: 300, x1: 700, y1: 400 }, nodes: [], edges: [] },
    {
      name: 'a node alone (its edges leave the rectangle: their other ends come too)',
      rect: { x0: 2010, y0: 30, x1: 2090, y1: 45 },
      nodes: ['C', 'D'],
      edges: [2],
    },
    {
      name: 'an edge crossing the rectangle with both ends outside',
      rect: { x0: 2400, y0: 400, x1: 2600, y1: 600 },
      nodes: ['A', 'D'],
      edges: [1],
    },
    {
      name: 'inside the bounding box of a routed edge but off its segments: not drawn',
      rect: { x0: 1000, y0: 400, x1: 1200, y1: 600 },
      nodes: [],
      edges: [],
    },
    {
      name: 'a nested state brings its lane and its group, parents first',
      rect: { x0: 3090, y0: 3590, x1: 3110, y1: 3610 },
      nodes: ['G', 'Lane', 'Inner'],
      edges: [],
    },
    {
      name: 'an edge into a nested state brings both ends, and the lane and group around the nested one',
      rect: { x0: 3140, y0: 1990, x1: 3160, y1: 2010 },
      nodes: ['B', 'G', 'Lane', 'Inner'],
      edges: [4],
    },
    {
      name: 'an empty corner of a group: the group alone',
      rect: { x0: 3005, y0: 3005, x1: 3010, y1: 3010 },
      nodes: ['G'],
      edges: [],
    },
    {
      name: 'an edge to a node that is not drawn is never given',
      rect: { x0: -5, y0: -5, x1: 5, y1: 5 },
      nodes: ['A'],
      edges: [],
    },
    {
      name: 'outside the drawing',
      rect: { x0: -9000, y0: -9000, x1: -8000, y1: -8000 },
      nodes: [],
      edges: [],
    },
    {
      name: 'the whole drawing',
      rect: { x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 },
      nodes: ['A', 'B', 'C', 'D', 'G', 'Lane', 'Inner'],
      edges: [0, 1, 2, 4],
    },
  ];
  for (const cellSize of [512, 50]) {
    for (const c of cases) {
      it(`${c.name} (cells of ${cellSize})`, () => {
        const index = indexLayout(NODES, EDGES, cellSize);
        expect(ids(index.itemsIn(c.rect))).toEqual({ nodes: c.nodes, edges: c.edges });
      });
    }
  }
  for (const c of cases) {
    it(`${c.name} (by a scan, and by a deferred index before and after its grid)`, () => {
      expect(ids(scanLayout(NODES, EDGES, c.rect))).toEqual({ nodes: c.nodes, edges: c.edges });
      const deferred = deferredIndex(NODES, () => EDGES);
      expect(ids(deferred.itemsIn(c.rect))).toEqual({ nodes: c.nodes, edges: c.edges });
      expect(deferred.built).toBe(false);
      expect(ids(deferred.itemsIn(c.rect))).toEqual({ nodes: c.nodes, edges: c.edges });
      expect(deferred.built).toBe(true);
    });
  }

  it('finds a long edge kept out of the grid (a catch edge down the whole machine)', () => {
    const top = box('Top', 0, 0);
    const bottom = box('Bottom', 0, 1_000_000);
    const index = indexLayout(
      [top, bottom],
      [
        {
          from: 'Top',
          to: 'Bottom',
          points: [
            { x: 100, y: 20 },
            { x: 400, y: 20 },
            { x: 400, y: 1_000_000 },
          ],
        },
      ],
    );
    expect(index.itemsIn({ x0: 300, y0: 500_000, x1: 500, y1: 500_100 })).toEqual({ nodes: [0, 1], edges: [0] });
    expect(index.itemsIn({ x0: 500, y0: 500_000, x1: 700, y1: 500_100 })).toEqual({ nodes: [], edges: [] });
  });

  it('without the far ends of routed edges: the nodes in the rectangle, the ends of unrouted edges', () => {
    const index = indexLayout(NODES, EDGES);
    // Edge 1 crosses with both ends outside; edge 2 (unrouted) brings C and D.
    expect(ids(index.itemsIn({ x0: 2400, y0: 400, x1: 2600, y1: 600 }, { routedEnds: false }))).toEqual({
      nodes: [],
      edges: [1],
    });
    expect(ids(index.itemsIn({ x0: 2010, y0: 30, x1: 2090, y1: 45 }, { routedEnds: false }))).toEqual({
      nodes: ['C', 'D'],
      edges: [2],
    });
    expect(ids(index.itemsIn({ x0: 3140, y0: 1990, x1: 3160, y1: 2010 }, { routedEnds: false }))).toEqual({
      nodes: [],
      edges: [4],
    });
    for (const r of [
      { x0: 2400, y0: 400, x1: 2600, y1: 600 },
      { x0: 2010, y0: 30, x1: 2090, y1: 45 },
      { x0: 3140, y0: 1990, x1: 3160, y1: 2010 },
    ])
      expect(scanLayout(NODES, EDGES, r, { routedEnds: false })).toEqual(index.itemsIn(r, { routedEnds: false }));
  });

  it('a rectangle turned inside out has nothing, by the grid and by a scan', () => {
    const r = { x0: 100, y0: 0, x1: 0, y1: 100 };
    expect(indexLayout(NODES, EDGES).itemsIn(r)).toEqual({ nodes: [], edges: [] });
    expect(scanLayout(NODES, EDGES, r)).toEqual({ nodes: [], edges: [] });
  });

  it('a deferred index builds its grid when asked to, and then answers from it', () => {
    let reads = 0;
    const deferred = deferredIndex(NODES, () => (reads++, EDGES));
    deferred.build();
    expect(deferred.built).toBe(true);
    expect(deferred.bounds).toEqual(indexLayout(NODES, EDGES).bounds);
    expect(ids(deferred.itemsIn({ x0: 2010, y0: 30, x1: 2090, y1: 45 }))).toEqual({ nodes: ['C', 'D'], edges: [2] });
    expect(reads).toBe(1);
  });

  it('an empty drawing has nothing anywhere', () => {
    const index = indexLayout([], []);
    expect(index.itemsIn({ x0: -10, y0: -10, x1: 10, y1: 10 })).toEqual({ nodes: [], edges: [] });
    expect(index.bounds).toEqual({ x0: 0, y0: 0, x1: 0, y1: 0 });
  });
});

/** What `itemsIn` must answer, by looking at everything. */
function bruteForce(nodes: readonly LayoutNode[], edges: readonly WindowEdge[], r: Rect) {
  const at = new Map(nodes.map((n, i) => [n.id, i]));
  const meets = (x0: number, y0: number, x1: number, y1: number) =>
    x0 <= r.x1 && x1 >= r.x0 && y0 <= r.y1 && y1 >= r.y0;
  const take = new Set<number>();
  const add = (i: number) => {
    for (let k: number | undefined = i; k !== undefined && !take.has(k);) {
      take.add(k);
      const p: string | undefined = nodes[k]!.parentId;
      k = p === undefined ? undefined : at.get(p);
    }
  };
  nodes.forEach((n, i) => {
    if (meets(n.absX, n.absY, n.absX + n.width, n.absY + n.height)) add(i);
  });
  const outEdges: number[] = [];
  edges.forEach((e, j) => {
    const s = at.get(e.from);
    const t = at.get(e.to);
    if (s === undefined || t === undefined) return;
    const a = nodes[s]!;
    const b = nodes[t]!;
    const hit =
      e.points && e.points.length >= 2
        ? e.points
            .slice(1)
            .some((p, k) =>
              meets(
                Math.min(p.x, e.points![k]!.x),
                Math.min(p.y, e.points![k]!.y),
                Math.max(p.x, e.points![k]!.x),
                Math.max(p.y, e.points![k]!.y),
              ),
            )
        : meets(
            Math.min(a.absX, b.absX),
            Math.min(a.absY, b.absY),
            Math.max(a.absX + a.width, b.absX + b.width),
            Math.max(a.absY + a.height, b.absY + b.height),
          );
    if (!hit) return;
    outEdges.push(j);
    add(s);
    add(t);
  });
  return { nodes: [...take].sort((x, y) => x - y), edges: outEdges };
}

describe('indexLayout against a scan of everything, on laid-out generated machines', () => {
  for (const [states, seed] of [
    [300, 1],
    [1500, 2],
  ] as const) {
    it(`${states} states: 60 random rectangles agree`, async () => {
      const graph = generateGraph(states, seed);
      const layout = await layoutGraph(graph);
      const routes = new Map(layout.edges.map((e) => [e.id, e.points]));
      const drawn = new Set(layout.nodes.map((n) => n.id));
      const edges: WindowEdge[] = graph.edges
        .filter((e) => drawn.has(e.from) && drawn.has(e.to))
        .map((e) => ({ from: e.from, to: e.to, points: routes.get(e.id) ?? null }));
      expect(layout.nodes.some((n) => n.parentId)).toBe(true);
      const index = indexLayout(layout.nodes, edges);
      const random = seededRandom(seed);
      let nonEmpty = 0;
      for (let k = 0; k < 60; k++) {
        const x = random() * layout.width;
        const y = random() * layout.height;
        const r = { x0: x, y0: y, x1: x + 50 + random() * 1500, y1: y + 50 + random() * 1500 };
        const got = index.itemsIn(r);
        expect(got).toEqual(bruteForce(layout.nodes, edges, r));
        for (const routedEnds of [true, false])
          expect(scanLayout(layout.nodes, edges, r, { routedEnds })).toEqual(index.itemsIn(r, { routedEnds }));
        if (got.nodes.length) nonEmpty++;
      }
      expect(nonEmpty).toBeGreaterThan(30);
    });
  }
});

describe('the window around a view', () => {
  const screen = { width: 1000, height: 500 };
  it('viewRect inverts the transform', () => {
    expect(viewRect({ x: -200, y: 100, zoom: 2 }, screen)).toEqual({ x0: 100, y0: -50, x1: 600, y1: 200 });
  });
  it('grow adds the margin on every side', () => {
    expect(grow({ x0: 0, y0: 0, x1: 100, y1: 50 }, 0.5)).toEqual({ x0: -50, y0: -25, x1: 150, y1: 75 });
  });
  const view = { x0: 0, y0: 0, x1: 100, y1: 100 };
  const current = grow(view, 0.5);
  const cases: { name: string; current: Rect | null; view: Rect; moves: boolean }[] = [
    { name: 'no window yet', current: null, view, moves: true },
    { name: 'the same view', current, view, moves: false },
    { name: 'panned within the margin', current, view: { x0: 40, y0: -40, x1: 140, y1: 60 }, moves: false },
    { name: 'panned past the margin', current, view: { x0: 60, y0: 0, x1: 160, y1: 100 }, moves: true },
    { name: 'zoomed out past the window', current, view: grow(view, 0.6), moves: true },
    { name: 'zoomed in a little', current, view: { x0: 25, y0: 25, x1: 75, y1: 75 }, moves: false },
    { name: 'zoomed in far: a smaller window', current, view: { x0: 45, y0: 45, x1: 55, y1: 55 }, moves: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const next = nextWindow(c.current, c.view);
      expect(next !== null).toBe(c.moves);
      if (next) expect(next).toEqual(grow(c.view, 0.5));
    });
  }
});

describe('clipRoute: the stretch of a route through the window', () => {
  const pts = (...xy: [number, number][]) => xy.map(([x, y]) => ({ x, y }));
  // Right 1000, then down 100,000: a catch edge's route to the handler at the bottom of a machine.
  const route = pts([0, 0], [1000, 0], [1000, 100_000]);
  const cases: {
    name: string;
    rect: Rect;
    period?: number;
    want: { points: { x: number; y: number }[]; start: boolean; end: boolean } | null;
  }[] = [
    { name: 'wholly inside: as it is', rect: { x0: -10, y0: -10, x1: 2000, y1: 200_000 }, want: null },
    { name: 'never inside: as it is', rect: { x0: 2000, y0: 0, x1: 3000, y1: 1000 }, want: null },
    {
      name: 'through the middle: only the middle',
      rect: { x0: 900, y0: 50_000, x1: 1100, y1: 50_500 },
      want: {
        points: pts([1000, 50_000], [1000, 50_500]),
        start: true,
        end: true,
      },
    },
    {
      name: 'the dashes keep their place: the cut starts a whole number of periods from the start',
      rect: { x0: 900, y0: 50_005, x1: 1100, y1: 50_500 },
      period: 30,
      // 1000 + 50,005 = 51,005 along the route; 51,000 is the last multiple of 30 before it.
      want: {
        points: pts([1000, 50_000], [1000, 50_500]),
        start: true,
        end: true,
      },
    },
    {
      name: 'around the corner: the corner stays',
      rect: { x0: 500, y0: -10, x1: 1100, y1: 300 },
      want: {
        points: pts([500, 0], [1000, 0], [1000, 300]),
        start: true,
        end: true,
      },
    },
    {
      name: 'the end inside: the end (and its arrowhead) kept',
      rect: { x0: 900, y0: 99_000, x1: 1100, y1: 100_100 },
      want: {
        points: pts([1000, 99_000], [1000, 100_000]),
        start: true,
        end: false,
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(clipRoute(route, c.rect, c.period)).toEqual(c.want);
    });
  }
});
