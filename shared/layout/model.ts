/** The scope model of a layout (which node lives in which scope, the groups) and the tuning constants. */
import { type GraphEdge, SYNTHETIC_PREFIX } from '../asl/types.ts';
import type { LayoutNodeKind, LayoutOptions } from './types.ts';

/** Groups nested deeper than this are drawn collapsed: a guard against absurd or malicious nesting. */
export const MAX_NESTING = 1000;

/** Scopes with more nodes than this get long edges routed beside the graph instead of through ELK (speed). */
export const LONG_EDGE_SCOPE_THRESHOLD = 60;

/**
 * Graphs with more visible nodes than this are laid out in fast mode: every scope routes its long edges beside
 * the graph and ELK runs with its cheapest crossing minimisation. Small machines keep ELK's best routing.
 */
export const FAST_MODE_THRESHOLD = 150;

/**
 * Ordinary machines draw scopes of up to this many nodes with the built-in small layered layout when its drawing is
 * clean (see flat.ts, clean-drawing.ts), else with ELK. In fast mode they always use it, not ELK (a cold
 * ELK costs milliseconds per call even on small graphs). It equals SEGMENT_MIN, so every scope too small to be cut
 * is drawn there, and so is every segment of a cut scope that stays within this size, as segments normally do:
 * they aim at 50 to 140 nodes. A segment is larger only where no single-edge cut exists for a long stretch, and a
 * tall scope with no cut at all stays whole; those go to ELK. On the generated 1,000- and 5,000-state machines
 * every scope and segment is drawn here (cold layout of 1,000 states: 512 ms with ELK segments, under 60 ms here).
 */
export const SMALL_ENGINE_MAX = 160;

/** Scopes with more nodes than this are cut into segments laid out one by one and stacked (see segmentScope). */
export const SEGMENT_MIN = 160;

export const SEGMENT_TARGET_MIN = 50;

export const SEGMENT_TARGET_MAX = 140;

/** Edges spanning more layers than this count as long in large scopes. */
export const LONG_SPAN = 3;

export const SPACING = { nodeNode: 30, betweenLayers: 40, padding: 12, channel: 10, channelMargin: 16 } as const;

/** A laid-out scope in its own coordinates (origin at its top-left corner). */
export interface ScopeLayout {
  width: number;
  height: number;
  /** Top-left of each node, by node id. */
  pos: Map<string, { x: number; y: number }>;
  /** Polyline of each edge routed inside the scope, by edge id. */
  edges: Map<string, { x: number; y: number }[]>;
  /** Label centres chosen with the route (the small layered layout keeps labels apart); others use labelPoint. */
  labels?: Map<string, { x: number; y: number }>;
}

/** Id of the lane node for branch `index` of Parallel state `parent`. */
export function branchLaneId(parent: string, index: number): string {
  return `${SYNTHETIC_PREFIX}branch:${parent}:${index}`;
}

export interface Item {
  id: string;
  kind: LayoutNodeKind;
  width: number;
  height: number;
  collapsed?: boolean;
}

export interface Scope {
  key: string;
  /** The group this scope belongs to, or null for the top level. */
  owner: string | null;
  branch: number;
  depth: number;
  items: Item[];
  edges: GraphEdge[];
  layout?: ScopeLayout;
}

export interface GroupInfo {
  id: string;
  type: 'Parallel' | 'Map';
  lanes: Scope[];
  width: number;
  height: number;
  /** Offsets of each lane (Parallel) or the processor content (Map) inside the group. */
  laneBoxes: { x: number; y: number; width: number; height: number }[];
  contentOffsets: { x: number; y: number }[];
}

export function scopeKey(owner: string | null, branch: number): string {
  return owner === null ? '' : `${owner}\u0000${branch}`;
}

export function toCollapsedSet(c: LayoutOptions['collapsed']): Set<string> {
  if (!c) return new Set();
  if (c instanceof Set) return c as Set<string>;
  try {
    return new Set(Array.from(c as Iterable<string>));
  } catch {
    return new Set();
  }
}

export function finite(n: unknown, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

export function branchIndex(b: unknown): number {
  return typeof b === 'number' && Number.isInteger(b) && b >= 0 && b < 100000 ? b : 0;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
