/**
 * Edge components. When the layout routed an edge, its polyline is drawn as given (so the picture matches the
 * SVG export); otherwise a smooth step between the nodes. Choice, Default, Catch and missing edges each have
 * their own look; labels are HTML text with the full rule on hover.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { FlowEdge } from './to-flow.ts';
import { ARROWHEAD_COLOURS, arrowheadId } from './view-model.ts';

type Props = EdgeProps<FlowEdge>;

/** SVG path through the points with small rounded corners. */
export function polylinePath(points: readonly { x: number; y: number }[], radius = 6): string {
  if (points.length === 0) return '';
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const prev = points[i - 1]!;
    const next = points[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    if (r <= 0.5) {
      d += ` L ${p.x} ${p.y}`;
      continue;
    }
    const ax = p.x - ((p.x - prev.x) / inLen) * r;
    const ay = p.y - ((p.y - prev.y) / inLen) * r;
    const bx = p.x + ((next.x - p.x) / outLen) * r;
    const by = p.y + ((next.y - p.y) / outLen) * r;
    d += ` L ${ax} ${ay} Q ${p.x} ${p.y} ${bx} ${by}`;
  }
  return d;
}

/** The point halfway along a polyline, where a label sits when the layout gave none. */
export function polylineMidpoint(points: readonly { x: number; y: number }[]): { x: number; y: number } {
  if (points.length === 1) return points[0]!;
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= len && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return points[points.length - 1]!;
}

function LayoutEdge(props: Props & { className: string }) {
  const data = props.data;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (data?.points) {
    path = polylinePath(data.points);
    const mid = data.labelPos ?? polylineMidpoint(data.points);
    labelX = mid.x;
    labelY = mid.y;
  } else {
    [path, labelX, labelY] = getSmoothStepPath({
      sourceX: props.sourceX,
      sourceY: props.sourceY,
      sourcePosition: props.sourcePosition,
      targetX: props.targetX,
      targetY: props.targetY,
      targetPosition: props.targetPosition,
      borderRadius: 6,
    });
  }
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} className={props.className} />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div
            className={`ss-edge-label ss-edge-label-${data.kind} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={data.fullText ?? data.label}
            data-testid="edge-label"
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

const NextEdge = memo(function NextEdge(props: Props) {
  return <LayoutEdge {...props} className="ss-edge ss-edge-next" />;
});
const ChoiceEdge = memo(function ChoiceEdge(props: Props) {
  return <LayoutEdge {...props} className="ss-edge ss-edge-choice" />;
});
const DefaultEdge = memo(function DefaultEdge(props: Props) {
  return <LayoutEdge {...props} className="ss-edge ss-edge-default" />;
});
const CatchEdge = memo(function CatchEdge(props: Props) {
  return <LayoutEdge {...props} className="ss-edge ss-edge-catch" />;
});
const MissingEdge = memo(function MissingEdge(props: Props) {
  return <LayoutEdge {...props} className="ss-edge ss-edge-missing" />;
});

/** Edge components by kind. */
export const edgeTypes = {
  next: NextEdge,
  choice: ChoiceEdge,
  default: DefaultEdge,
  catch: CatchEdge,
  missing: MissingEdge,
} satisfies EdgeTypes;

/**
 * The arrowhead markers the edges name (`withArrowheads` in view-model.ts): React Flow's closed arrow, 16 × 16
 * stroke widths, one per edge kind in its colour. Rendered once inside the graph.
 */
export function ArrowheadDefs() {
  return (
    <svg className="ss-arrowheads" aria-hidden="true" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        {Object.entries(ARROWHEAD_COLOURS).map(([kind, colour]) => (
          <marker
            key={kind}
            className="react-flow__arrowhead"
            id={arrowheadId(kind)}
            markerWidth="16"
            markerHeight="16"
            viewBox="-10 -10 20 20"
            markerUnits="strokeWidth"
            orient="auto-start-reverse"
            refX="0"
            refY="0"
          >
            <polyline
              className="arrowclosed"
              style={{ strokeWidth: 1, stroke: colour, fill: colour }}
              strokeLinecap="round"
              strokeLinejoin="round"
              points="-5,-4 0,0 -5,4 -5,-4"
            />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
