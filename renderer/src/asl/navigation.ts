/**
 * Keyboard moves between states: Up/Down follow the edges (predecessor/successor), Left/Right go to the nearest
 * neighbour on roughly the same row. Kept free of React so the rules are tested on their own.
 */

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface NavEdge {
  source: string;
  target: string;
}

export interface NavInput {
  /** Ids that can be selected (states and missing targets), with their absolute centres. */
  centres: ReadonlyMap<string, { x: number; y: number }>;
  selectable: ReadonlySet<string>;
  edges: readonly NavEdge[];
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The id to select after pressing an arrow key with `current` selected, or null to stay put. */
export function nextSelection(input: NavInput, current: string | null, direction: Direction): string | null {
  const { centres, selectable, edges } = input;
  const here = current ? centres.get(current) : undefined;
  if (!current || !here) {
    // Nothing selected yet: start at the top-most, then left-most selectable node.
    let best: string | null = null;
    let bestPos: { x: number; y: number } | null = null;
    for (const id of selectable) {
      const p = centres.get(id);
      if (!p) continue;
      if (!bestPos || p.y < bestPos.y - 1 || (Math.abs(p.y - bestPos.y) <= 1 && p.x < bestPos.x)) {
        best = id;
        bestPos = p;
      }
    }
    return best;
  }
  if (direction === 'up' || direction === 'down') {
    const candidates = new Set<string>();
    for (const e of edges) {
      if (direction === 'down' && e.source === current && e.target !== current) candidates.add(e.target);
      if (direction === 'up' && e.target === current && e.source !== current) candidates.add(e.source);
    }
    const usable = [...candidates].filter((id) => selectable.has(id) && centres.has(id));
    if (usable.length > 0) {
      // Prefer the one straight below/above, then the nearest.
      usable.sort((a, b) => {
        const pa = centres.get(a)!;
        const pb = centres.get(b)!;
        return Math.abs(pa.x - here.x) - Math.abs(pb.x - here.x) || distance(pa, here) - distance(pb, here);
      });
      return usable[0]!;
    }
    // No edge that way (e.g. a group's first state): fall back to geometry.
    return nearestInDirection(input, current, here, direction);
  }
  return nearestInDirection(input, current, here, direction);
}

function nearestInDirection(
  input: NavInput,
  current: string,
  here: { x: number; y: number },
  direction: Direction,
): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const id of input.selectable) {
    if (id === current) continue;
    const p = input.centres.get(id);
    if (!p) continue;
    const dx = p.x - here.x;
    const dy = p.y - here.y;
    let along: number;
    let across: number;
    switch (direction) {
      case 'left':
        along = -dx;
        across = Math.abs(dy);
        break;
      case 'right':
        along = dx;
        across = Math.abs(dy);
        break;
      case 'up':
        along = -dy;
        across = Math.abs(dx);
        break;
      case 'down':
        along = dy;
        across = Math.abs(dx);
        break;
    }
    if (along <= 1) continue;
    // Being off-axis costs more than being far along the axis, so the same row/column wins.
    const score = along + across * 3;
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}

/** States whose name contains the query (case-insensitive), best matches (prefix, then shorter) first. */
export function findStates(names: readonly string[], query: string, limit = 50): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return names.slice(0, limit);
  const hits: { name: string; rank: number }[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    const at = lower.indexOf(q);
    if (at === -1) continue;
    hits.push({ name, rank: (lower === q ? 0 : at === 0 ? 1 : 2) * 100_000 + name.length });
  }
  hits.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  return hits.slice(0, limit).map((h) => h.name);
}
