/**
 * Graph to layout input: the visible nodes of each scope (top level, Parallel branches, Map processors), nesting
 * and collapsing, and the size of each group from its laid-out content.
 */
import type { GraphEdge, GraphState, StateGraph, SyntheticNode } from '../asl/types.ts';
import { branchIndex, type GroupInfo, type Item, MAX_NESTING, type Scope, scopeKey } from './model.ts';
import { GROUP_METRICS, nodeSize } from './node-size.ts';
import type { LayoutNodeKind } from './types.ts';

export interface Prepared {
  scopes: Scope[];
  scopeOf: Map<string, Scope>;
  groups: Map<string, GroupInfo>;
  items: Map<string, Item>;
  /** Visible edges whose endpoints sit in different scopes. */
  crossEdges: GraphEdge[];
  visibleEdges: GraphEdge[];
}

export function prepare(graph: StateGraph, collapsed: Set<string>): Prepared {
  const states = Array.isArray(graph?.states) ? graph.states : [];
  const synthetic = Array.isArray(graph?.synthetic) ? graph.synthetic : [];
  const edges = Array.isArray(graph?.edges) ? graph.edges : [];
  const stateById = new Map<string, GraphState>();
  for (const s of states) {
    if (s && typeof s.id === 'string' && !stateById.has(s.id)) stateById.set(s.id, s);
  }
  const isGroupState = (s: GraphState | undefined) => !!s && (s.type === 'Parallel' || s.type === 'Map');

  // Effective parent: must be a known Parallel/Map, without cycles in the parent chain.
  const parentOf = new Map<string, string | null>();
  for (const s of stateById.values()) {
    const p =
      typeof s.parent === 'string' && s.parent !== s.id && isGroupState(stateById.get(s.parent)) ? s.parent : null;
    parentOf.set(s.id, p);
  }
  // Depth and visibility, iteratively with memo; a cycle in the chain puts the state at the top level.
  const depth = new Map<string, number>();
  const hidden = new Set<string>();
  for (const start of stateById.keys()) {
    if (depth.has(start)) continue;
    const chain: string[] = [];
    const onChain = new Set<string>();
    let cur: string | null = start;
    while (cur !== null && !depth.has(cur) && !onChain.has(cur)) {
      chain.push(cur);
      onChain.add(cur);
      cur = parentOf.get(cur) ?? null;
    }
    if (cur !== null && onChain.has(cur)) {
      // Cycle: cut it at `cur`, which becomes top level.
      parentOf.set(cur, null);
      depth.set(cur, 0);
      while (chain.length > 0 && chain[chain.length - 1] !== cur) chain.pop();
      chain.pop();
    }
    let d = cur === null ? -1 : depth.get(cur)!;
    let hide = cur !== null && (hidden.has(cur) || collapsed.has(cur) || depth.get(cur)! >= MAX_NESTING);
    for (let i = chain.length - 1; i >= 0; i--) {
      const id = chain[i];
      d++;
      depth.set(id, d);
      if (hide) hidden.add(id);
      hide = hide || collapsed.has(id) || d >= MAX_NESTING;
    }
  }

  const items = new Map<string, Item>();
  const scopes = new Map<string, Scope>();
  const scopeOf = new Map<string, Scope>();
  const groups = new Map<string, GroupInfo>();
  const getScope = (owner: string | null, branch: number): Scope => {
    const key = scopeKey(owner, branch);
    let sc = scopes.get(key);
    if (!sc) {
      sc = { key, owner, branch, depth: owner === null ? 0 : (depth.get(owner) ?? 0) + 1, items: [], edges: [] };
      scopes.set(key, sc);
    }
    return sc;
  };
  getScope(null, 0);

  // Groups that are drawn expanded, with their lane scopes.
  for (const s of stateById.values()) {
    if (hidden.has(s.id) || !isGroupState(s)) continue;
    const d = depth.get(s.id) ?? 0;
    if (collapsed.has(s.id) || d >= MAX_NESTING) continue;
    const type = s.type as 'Parallel' | 'Map';
    const g: GroupInfo = { id: s.id, type, lanes: [], width: 0, height: 0, laneBoxes: [], contentOffsets: [] };
    groups.set(s.id, g);
    if (type === 'Map') g.lanes.push(getScope(s.id, 0));
    else {
      const n = Math.min(Math.max(Number.isInteger(s.branches) ? (s.branches as number) : 0, 0), 10000);
      for (let i = 0; i < n; i++) g.lanes.push(getScope(s.id, i));
    }
  }
  const laneFor = (owner: string, b: unknown): Scope => {
    const g = groups.get(owner)!;
    const idx = g.type === 'Map' ? 0 : branchIndex(b);
    if (g.type === 'Parallel') {
      while (g.lanes.length <= idx && g.lanes.length < 10000) g.lanes.push(getScope(owner, g.lanes.length));
    }
    return getScope(owner, Math.min(idx, g.lanes.length - 1));
  };

  for (const s of stateById.values()) {
    if (hidden.has(s.id)) continue;
    const p = parentOf.get(s.id) ?? null;
    const sc = p === null ? getScope(null, 0) : laneFor(p, s.branch);
    const size = nodeSize(s);
    const isGroup = isGroupState(s);
    const item: Item = {
      id: s.id,
      kind: isGroup ? 'group' : 'state',
      width: size.width,
      height: size.height,
      collapsed: isGroup && !groups.has(s.id) ? true : undefined,
    };
    items.set(s.id, item);
    sc.items.push(item);
    scopeOf.set(s.id, sc);
  }
  for (const n of synthetic as SyntheticNode[]) {
    if (!n || typeof n.id !== 'string' || items.has(n.id) || stateById.has(n.id)) continue;
    const p = typeof n.parent === 'string' ? n.parent : null;
    let sc: Scope;
    if (p === null || !stateById.has(p) || !isGroupState(stateById.get(p))) sc = getScope(null, 0);
    else if (groups.has(p)) sc = laneFor(p, n.branch);
    else continue; // inside a collapsed or hidden group
    const kind: LayoutNodeKind = n.kind === 'start' || n.kind === 'end' ? n.kind : 'missing';
    const size = nodeSize({ ...n, kind });
    const item: Item = { id: n.id, kind, width: size.width, height: size.height };
    items.set(n.id, item);
    sc.items.push(item);
    scopeOf.set(n.id, sc);
  }

  const crossEdges: GraphEdge[] = [];
  const visibleEdges: GraphEdge[] = [];
  const seenEdge = new Set<string>();
  for (const e of edges) {
    if (!e || typeof e.id !== 'string' || seenEdge.has(e.id)) continue;
    const a = scopeOf.get(e.from);
    const b = scopeOf.get(e.to);
    if (!a || !b) continue;
    seenEdge.add(e.id);
    visibleEdges.push(e);
    if (a === b) a.edges.push(e);
    else crossEdges.push(e);
  }
  const ordered = [...scopes.values()].sort((x, y) => y.depth - x.depth);
  return { scopes: ordered, scopeOf, groups, items, crossEdges, visibleEdges };
}

export function sizeGroup(g: GroupInfo, item: Item, direction: 'DOWN' | 'RIGHT'): void {
  const M = GROUP_METRICS;
  if (g.type === 'Map') {
    const inner = g.lanes[0]?.layout ?? { width: 0, height: 0 };
    const w = Math.max(inner.width + 2 * M.padding, item.width);
    g.width = w;
    g.height = M.header + inner.height + M.padding;
    g.laneBoxes = [];
    g.contentOffsets = [{ x: (w - inner.width) / 2, y: M.header }];
  } else if (direction === 'RIGHT') {
    // Flow runs left to right, so branch lanes are stacked top to bottom.
    const lanes = g.lanes.map((l) => l.layout ?? { width: 0, height: 0 });
    const innerW = lanes.reduce((w, l) => Math.max(w, l.width), 0);
    const laneW = Math.max(innerW + 2 * M.lanePadding, 120);
    const laneHs = lanes.map((l) => M.laneHeader + l.height + M.lanePadding);
    const contentH = laneHs.reduce((s, h) => s + h, 0) + Math.max(0, laneHs.length - 1) * M.laneGap;
    const w = Math.max(laneW + 2 * M.padding, item.width);
    let y = M.header;
    g.laneBoxes = [];
    g.contentOffsets = [];
    for (let i = 0; i < lanes.length; i++) {
      g.laneBoxes.push({ x: (w - laneW) / 2, y, width: laneW, height: laneHs[i] });
      g.contentOffsets.push({ x: (laneW - lanes[i].width) / 2, y: M.laneHeader });
      y += laneHs[i] + M.laneGap;
    }
    g.width = w;
    g.height = M.header + contentH + M.padding;
  } else {
    const lanes = g.lanes.map((l) => l.layout ?? { width: 0, height: 0 });
    const innerH = lanes.reduce((h, l) => Math.max(h, l.height), 0);
    const laneH = M.laneHeader + innerH + M.lanePadding;
    const laneWs = lanes.map((l) => Math.max(l.width + 2 * M.lanePadding, 120));
    const contentW = laneWs.reduce((s, w) => s + w, 0) + Math.max(0, laneWs.length - 1) * M.laneGap;
    const w = Math.max(contentW + 2 * M.padding, item.width);
    let x = (w - contentW) / 2;
    g.laneBoxes = [];
    g.contentOffsets = [];
    for (let i = 0; i < lanes.length; i++) {
      g.laneBoxes.push({ x, y: M.header, width: laneWs[i], height: laneH });
      g.contentOffsets.push({ x: (laneWs[i] - lanes[i].width) / 2, y: M.laneHeader });
      x += laneWs[i] + M.laneGap;
    }
    g.width = w;
    g.height = M.header + (lanes.length > 0 ? laneH : 0) + M.padding;
  }
  item.width = g.width;
  item.height = g.height;
}
