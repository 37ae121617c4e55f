/**
 * Positions for a `StateGraph`, computed once in `shared/` so the React Flow view (in a worker), the SVG
 * renderer and the CLI all draw the same picture.
 */

export type LayoutNodeKind = 'state' | 'group' | 'branch' | 'start' | 'end' | 'missing';

export interface LayoutNode {
  /** State name, or a synthetic id (see `SYNTHETIC_PREFIX`) for markers and branch lanes. */
  id: string;
  kind: LayoutNodeKind;
  /** Position relative to the parent node (React Flow's convention for child nodes). */
  x: number;
  y: number;
  /** Absolute position, for SVG export and hit testing. */
  absX: number;
  absY: number;
  width: number;
  height: number;
  /** Id of the enclosing group/branch node, if any. Parents always come before their children in the list. */
  parentId?: string;
  /** True for a Parallel/Map group drawn collapsed (its inner states are not in the layout). */
  collapsed?: boolean;
}

export interface LayoutEdge {
  id: string;
  /** Absolute polyline points from source to target. */
  points: { x: number; y: number }[];
  /** Where to draw the label, absolute. */
  labelPos?: { x: number; y: number };
}

export interface Layout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Ids of Parallel/Map states to draw collapsed. */
  collapsed?: ReadonlySet<string> | readonly string[];
  /** Top-to-bottom (default, like the AWS console) or left-to-right. */
  direction?: 'DOWN' | 'RIGHT';
}

/** A rectangle in drawing coordinates, left/top inclusive. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
