/**
 * The service map drawn with React Flow: a client node, service nodes with their type, a health ring in X-Ray's
 * colours (ok green, error yellow, fault red, throttle purple) sized by share of requests, average latency and
 * request count; edges labelled with counts and latency. Positions come from a layered layout (map-layout.ts).
 */
import {
  BaseEdge,
  EdgeLabelRenderer,
  getSmoothStepPath,
  useInternalNode,
  type EdgeProps,
  type EdgeTypes,
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
  type Node,
  type NodeProps,
  type NodeTypes,
  useReactFlow,
} from '@xyflow/react';
import { memo, useCallback, useContext, useEffect, useMemo } from 'react';
import type { MapEdge, MapNode, ServiceMap } from '../../../shared/xray/types.ts';
import { edgeLabel, layoutServiceMapReusing, MAP_NODE_HEIGHT, MAP_NODE_WIDTH } from './map-layout.ts';
import { formatMs } from './view-model.ts';
import { useResolvedTheme } from '../app/theme.ts';
import { LangContext, translate, useT, type MessageKey } from '../i18n/index.ts';

/** X-Ray's health colours. */
export const HEALTH_COLOURS = { ok: '#2e9e44', error: '#e0a800', fault: '#d13212', throttle: '#8a4fd1' } as const;

type ServiceNodeData = { node: MapNode; selected: boolean; traffic: number };
type ServiceFlowNode = Node<ServiceNodeData, 'service'>;

/** Arcs of the health ring: one per non-empty outcome, as fractions of the circle. */
export function healthArcs(
  n: Pick<MapNode, 'ok' | 'errors' | 'faults' | 'throttles'>,
): { kind: keyof typeof HEALTH_COLOURS; from: number; to: number }[] {
  const parts: [keyof typeof HEALTH_COLOURS, number][] = [
    ['ok', n.ok],
    ['error', n.errors],
    ['fault', n.faults],
    ['throttle', n.throttles],
  ];
  const total = parts.reduce((s, [, c]) => s + c, 0);
  if (total === 0) return [];
  let at = 0;
  const out = [];
  for (const [kind, count] of parts) {
    if (count === 0) continue;
    out.push({ kind, from: at, to: at + count / total });
    at += count / total;
  }
  return out;
}

/**
 * The ring's radius by traffic, as the console's "Node sizing: Traffic": 12 px for the quietest node up to 21 px
 * for the busiest, on a log scale (`traffic` is the node's requests over the busiest node's, 0..1).
 */
export function ringRadius(traffic: number): number {
  const t = Number.isFinite(traffic) ? Math.min(1, Math.max(0, traffic)) : 0;
  return Math.round(12 + 9 * (Math.log1p(t * 99) / Math.log(100)));
}

function HealthRing({ node, traffic }: { node: MapNode; traffic: number }) {
  const r = ringRadius(traffic);
  const c = 2 * Math.PI * r;
  const arcs = healthArcs(node);
  return (
    <svg width="50" height="50" viewBox="0 0 50 50" className="xr-ring" aria-hidden="true">
      <circle cx="25" cy="25" r={r} fill="none" stroke="var(--ss-border)" strokeWidth="6" />
      {arcs.map((a) => (
        <circle
          key={a.kind}
          cx="25"
          cy="25"
          r={r}
          fill="none"
          stroke={HEALTH_COLOURS[a.kind]}
          strokeWidth="6"
          strokeDasharray={`${(a.to - a.from) * c} ${c}`}
          strokeDashoffset={-a.from * c}
          transform="rotate(-90 25 25)"
          data-kind={a.kind}
        />
      ))}
      <text x="25" y="29" textAnchor="middle" fontSize="10" fill="currentColor">
        {node.client ? '⇢' : node.inferred ? '◇' : '⬢'}
      </text>
    </svg>
  );
}

const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const t = useT();
  const n = data.node;
  return (
    <div
      className={`xr-map-node${data.selected ? ' xr-selected' : ''}${n.inferred ? ' xr-map-inferred' : ''}${n.client ? ' xr-map-client' : ''}`}
      style={{ width: MAP_NODE_WIDTH, height: MAP_NODE_HEIGHT }}
      data-testid="xray-map-node"
      title={`${n.name}\n${n.type || t('xray.map.service')}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <HealthRing node={n} traffic={data.traffic} />
      <div className="xr-map-text">
        <div className="xr-map-name" translate="no">
          {n.name}
        </div>
        <div className="xr-map-type" translate={n.client || !n.type ? undefined : 'no'}>
          {n.client ? t('xray.map.client') : n.type || t('xray.map.service')}
        </div>
        <div className="xr-map-stats">
          {n.client
            ? t('xray.map.clientStats', { count: n.requests })
            : t('xray.map.nodeStats', { avg: formatMs(n.avgMs), count: n.requests })}
        </div>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { service: ServiceNode } satisfies NodeTypes;

type RoutedEdgeData = {
  testid: string;
  label: string;
  /** The route and label box the layout computed, and where the nodes' handles were when it did. */
  route?: { x: number; y: number }[];
  labelAt?: { x: number; y: number };
  placed?: { from: { x: number; y: number }; to: { x: number; y: number } };
};

/**
 * An edge drawn along the layout's orthogonal route with its label where the layout put it (clear of every
 * other label and node); once the user drags one of its nodes away, a smooth-step path and a middle label.
 */
const RoutedEdge = memo(function RoutedEdge(props: EdgeProps<Edge<RoutedEdgeData>>) {
  const { data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, style, markerEnd, selected } =
    props;
  const source = useInternalNode(props.source)?.internals.positionAbsolute;
  const target = useInternalNode(props.target)?.internals.positionAbsolute;
  const at = data?.placed;
  const off = (p: { x: number; y: number } | undefined, q: { x: number; y: number }) =>
    !p || Math.abs(p.x - q.x) > 0.5 || Math.abs(p.y - q.y) > 0.5;
  const moved = !at || off(source, at.from) || off(target, at.to);
  let path: string;
  let label: { x: number; y: number };
  if (!moved && data?.route && data.route.length > 1 && data.labelAt) {
    const pts = data.route;
    // From the port on the caller's right side to the port on the callee's left side.
    path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
    label = data.labelAt;
  } else {
    const [p, lx, ly] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
    path = p;
    // A service calling itself: the label goes above the node rather than under it.
    label =
      props.source === props.target
        ? { x: (sourceX + targetX) / 2, y: sourceY - MAP_NODE_HEIGHT / 2 - 12 }
        : { x: lx, y: ly };
  }
  return (
    <>
      <BaseEdge id={props.id} path={path} style={style} markerEnd={markerEnd} interactionWidth={12} />
      <EdgeLabelRenderer>
        <div
          className={`xr-edge-label${selected ? ' xr-selected' : ''}`}
          data-testid="xray-map-edge-label"
          style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
        >
          {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

const edgeTypes = { routed: RoutedEdge } satisfies EdgeTypes;

/** What was clicked on the map. */
export type MapSelection =
  { kind: 'node'; node: MapNode } | { kind: 'edge'; edge: MapEdge; from: MapNode; to: MapNode } | null;

export interface ServiceMapViewProps {
  map: ServiceMap;
  selection: MapSelection;
  onSelect: (sel: MapSelection) => void;
  /** Test id of the map (the selected trace's own map is a second one). */
  testId?: string;
}

function edgeColour(e: MapEdge): string {
  if (e.faults > 0) return HEALTH_COLOURS.fault;
  if (e.throttles > 0) return HEALTH_COLOURS.throttle;
  if (e.errors > 0) return HEALTH_COLOURS.error;
  return 'var(--ss-edge)';
}

function Inner({ map, selection, onSelect }: ServiceMapViewProps) {
  // A translator that changes only with the language, so the memoized nodes and edges are not rebuilt each render.
  const lang = useContext(LangContext);
  const t = useCallback(
    (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars),
    [lang],
  );
  // React Flow's own control and keyboard texts, in the UI language (only the ones this read-only map shows).
  const ariaLabels = useMemo(
    () => ({
      'controls.ariaLabel': t('xray.flow.controls'),
      'controls.zoomIn.ariaLabel': t('xray.flow.zoomIn'),
      'controls.zoomOut.ariaLabel': t('xray.flow.zoomOut'),
      'controls.fitView.ariaLabel': t('xray.flow.fitView'),
      'node.a11yDescription.default': t('xray.flow.node'),
      'node.a11yDescription.keyboardDisabled': t('xray.flow.node'),
      'edge.a11yDescription.default': t('xray.flow.edge'),
    }),
    [t],
  );
  const layout = useMemo(() => layoutServiceMapReusing(map), [map]);
  const positions = layout.positions;
  const busiest = useMemo(() => Math.max(1, ...map.nodes.map((n) => n.requests)), [map]);

  // The details panel narrows the map when it opens or closes: fit the graph to the new width.
  const { fitView } = useReactFlow();
  const colorMode = useResolvedTheme();
  const panelOpen = selection !== null;
  useEffect(() => {
    // After React Flow has measured the new size (its ResizeObserver runs after layout).
    const id = setTimeout(() => void fitView({ duration: 150 }), 80);
    return () => clearTimeout(id);
  }, [panelOpen, positions, fitView]);

  const byId = useMemo(() => new Map(map.nodes.map((n) => [n.id, n])), [map]);
  const selectedNode = selection?.kind === 'node' ? selection.node.id : undefined;
  const selectedEdge = selection?.kind === 'edge' ? selection.edge.id : undefined;

  const nodes: ServiceFlowNode[] = useMemo(
    () =>
      map.nodes.map((n) => ({
        id: n.id,
        type: 'service' as const,
        position: positions.get(n.id) ?? { x: 0, y: 0 },
        data: { node: n, selected: n.id === selectedNode, traffic: n.requests / busiest },
        draggable: true,
        connectable: false,
      })),
    [map, positions, selectedNode, busiest],
  );
  const edges: Edge[] = useMemo(
    () =>
      map.edges
        .filter((e) => byId.has(e.from) && byId.has(e.to))
        .map((e): Edge<RoutedEdgeData> => {
          const from = positions.get(e.from);
          const to = positions.get(e.to);
          const route = layout.routes.get(e.id);
          const labelAt = layout.labels.get(e.id);
          return {
            id: e.id,
            type: 'routed',
            source: e.from,
            target: e.to,
            animated: e.edgeType === 'link',
            selected: e.id === selectedEdge,
            ariaLabel: t('xray.map.edgeAria', {
              from: byId.get(e.from)?.name ?? e.from,
              to: byId.get(e.to)?.name ?? e.to,
            }),
            style: {
              stroke: edgeColour(e),
              strokeWidth: e.id === selectedEdge ? 3 : 1.5,
              strokeDasharray: e.edgeType === 'link' ? '6 4' : undefined,
            },
            markerEnd: { type: MarkerType.ArrowClosed, color: edgeColour(e) },
            data: {
              testid: 'xray-map-edge',
              label: edgeLabel(e),
              ...(route && labelAt && from && to ? { route, labelAt, placed: { from, to } } : {}),
            },
          };
        }),
    [map, byId, selectedEdge, positions, layout, t],
  );

  if (map.nodes.length === 0) return <div className="xr-empty">{t('xray.map.empty')}</div>;
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      fitView
      colorMode={colorMode}
      ariaLabelConfig={ariaLabels}
      minZoom={0.1}
      nodesConnectable={false}
      elementsSelectable
      onNodeClick={(_, n) => {
        const node = byId.get(n.id);
        if (node) onSelect({ kind: 'node', node });
      }}
      onEdgeClick={(_, e) => {
        const edge = map.edges.find((x) => x.id === e.id);
        const from = edge && byId.get(edge.from);
        const to = edge && byId.get(edge.to);
        if (edge && from && to) onSelect({ kind: 'edge', edge, from, to });
      }}
      onPaneClick={() => onSelect(null)}
    >
      <Background />
      <Controls showInteractive={false} />
      <MapLegend />
    </ReactFlow>
  );
}

/** The map's key: X-Ray's health colours and the node shapes. */
function MapLegend() {
  const t = useT();
  const items: [string, string][] = [
    [t('xray.outcome.ok'), HEALTH_COLOURS.ok],
    [t('xray.legend.error'), HEALTH_COLOURS.error],
    [t('xray.legend.throttle'), HEALTH_COLOURS.throttle],
    [t('xray.legend.fault'), HEALTH_COLOURS.fault],
  ];
  return (
    <div className="xr-map-legend" data-testid="xray-map-legend">
      {items.map(([label, colour]) => (
        <span key={label}>
          <i style={{ background: colour }} />
          {label}
        </span>
      ))}
      <span>{t('xray.legend.service')}</span>
      <span>{t('xray.legend.inferred')}</span>
      <span>{t('xray.legend.client')}</span>
      <span>{t('xray.legend.linked')}</span>
    </div>
  );
}

export function ServiceMapView(props: ServiceMapViewProps) {
  return (
    <div className="xr-map" data-testid={props.testId ?? 'xray-service-map'}>
      <ReactFlowProvider>
        <Inner {...props} />
      </ReactFlowProvider>
    </div>
  );
}
