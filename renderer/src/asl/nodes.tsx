/**
 * One node component per state type, each with its own look, plus Start/End markers, missing targets and the
 * lanes of Parallel branches. All text from the document is rendered as React text, never as HTML.
 */
import { createContext, memo, useContext, type ReactNode } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { GraphState, Retrier } from '../../../shared/asl/types.ts';
import {
  NODE_METRICS,
  badgeRows,
  nodeBadges,
  nodeContent,
  textWidth,
  type NodeBadge,
  type NodeContent,
} from '../../../shared/layout/node-size.ts';
import type { BranchNodeData, FlowNode, MarkerNodeData, Problems, StateNodeData } from './to-flow.ts';
import { serviceBadge } from './service.ts';
import { useRunMarks } from '../overlay/run-marks.tsx';
import { LangContext, translate, useT, type Lang, type MessageKey } from '../i18n/index.ts';

/** Lets group nodes ask the view to collapse or expand them without callbacks in node data. */
export const GroupToggleContext = createContext<(id: string) => void>(() => {});

type StateProps = NodeProps<Extract<FlowNode, { data: StateNodeData }>>;

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} className="ss-handle" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} className="ss-handle" isConnectable={false} />
    </>
  );
}

/** "2 errors, 1 warning" as a badge whose tooltip lists the messages. */
function ProblemBadge({ problems }: { problems: Problems | null }) {
  if (!problems || problems.errors + problems.warnings === 0) return null;
  const n = problems.errors || problems.warnings;
  return (
    <span
      className={`ss-badge ss-badge-problem ${problems.errors ? 'is-error' : 'is-warning'}`}
      title={problems.messages.join('\n')}
      data-testid="node-problem-badge"
    >
      {problems.errors ? '✖' : '⚠'} {n}
    </span>
  );
}

/** The tooltip of a Retry badge: one line per retrier with its errors and timing. */
export function retryTooltip(retry: readonly Retrier[], lang: Lang = 'en'): string {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  return retry
    .map((r) => {
      const parts = [
        `${r.errorEquals.join(', ') || t('node.noErrors')}`,
        t('node.attempts', { n: r.maxAttempts }),
        t('node.interval', { s: r.intervalSeconds }),
        t('node.backoff', { rate: r.backoffRate }),
      ];
      if (r.maxDelaySeconds !== undefined) parts.push(t('node.maxDelay', { s: r.maxDelaySeconds }));
      if (r.jitterStrategy) parts.push(t('node.jitter', { strategy: r.jitterStrategy }));
      return parts.join(' · ');
    })
    .join('\n');
}

function badgeTitle(badge: NodeBadge, state: GraphState, lang: Lang): string | undefined {
  switch (badge.tone) {
    case 'retry':
      return retryTooltip(state.retry, lang);
    case 'catch':
      return state.catch.map((c) => `${c.errorEquals.join(', ')} → ${c.next}`).join('\n');
    case 'assign':
      return translate(lang, 'node.assigns', { names: state.assigns.join(', ') });
    case 'jsonata':
      return translate(lang, 'node.usesJsonata');
    default:
      return undefined;
  }
}

/** Badge rows exactly as the node size assumed them (Retry, Catch, Assign, JSONata, timeouts, …). */
function Badges({ state, content, width }: { state: GraphState; content: NodeContent; width: number }) {
  const lang = useContext(LangContext);
  if (content.badges.length === 0) return null;
  const rows = badgeRows(content.badges, width - 2 * NODE_METRICS.paddingX);
  return (
    <div className="ss-badges">
      {rows.map((row, i) => (
        <div key={i} className="ss-badge-row">
          {row.map((b) => (
            <span
              key={b.text}
              className={`ss-badge ss-badge-${b.tone}`}
              title={badgeTitle(b, state, lang)}
              data-testid={`badge-${b.tone}`}
            >
              {b.text}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}

function StateBox({
  props,
  kind,
  corner,
  toggle,
}: {
  props: StateProps;
  kind: string;
  /** A small tag on the top-left border (the Task's service). */
  corner?: ReactNode;
  /** The collapse/expand button of a collapsed group. */
  toggle?: ReactNode;
}) {
  const { state, problems } = props.data;
  const content = nodeContent(state);
  const width = typeof props.width === 'number' ? props.width : NODE_METRICS.minWidth;
  const run = useRunMarks(state.name);
  return (
    <div
      className={`ss-node ss-node-${kind}${props.selected ? ' is-selected' : ''}${state.isStart ? ' is-start' : ''}${
        problems?.errors ? ' has-error' : ''
      }${run.className}`}
      title={state.comment ?? undefined}
      data-testid="state-node"
    >
      <Handles />
      {run.marks}
      {corner ? <span className="ss-corner">{corner}</span> : null}
      <ProblemBadge problems={problems} />
      <div className="ss-node-title">
        {toggle}
        <span className="ss-node-lines">
          {content.titleLines.map((line, i) => (
            <span key={i} className="ss-node-line">
              {line}
            </span>
          ))}
        </span>
      </div>
      <div className="ss-node-sub" title={state.resource ?? undefined}>
        {content.subtitle}
      </div>
      {content.detail ? <div className="ss-node-sub ss-node-detail">{content.detail}</div> : null}
      <Badges state={state} content={content} width={width} />
    </div>
  );
}

const TaskNode = memo(function TaskNode(props: StateProps) {
  const { state } = props.data;
  const badge = serviceBadge(state.integration?.service, state.resource);
  return (
    <StateBox
      props={props}
      kind="task"
      corner={
        <span className="ss-service" style={{ background: badge.color }} title={badge.title} data-testid="service-tag">
          {badge.abbr}
        </span>
      }
    />
  );
});

/** How a person says each integration pattern. */
export function patternLabel(pattern: string, lang: Lang = 'en'): string {
  switch (pattern) {
    case 'sync':
      return translate(lang, 'node.pattern.sync', { suffix: '.sync' });
    case 'sync:2':
      return translate(lang, 'node.pattern.sync', { suffix: '.sync:2' });
    case 'wait-for-task-token':
      return translate(lang, 'node.pattern.callback');
    default:
      return translate(lang, 'node.pattern.request');
  }
}

const PassNode = memo(function PassNode(props: StateProps) {
  return <StateBox props={props} kind="pass" />;
});

const ChoiceNode = memo(function ChoiceNode(props: StateProps) {
  return <StateBox props={props} kind="choice" />;
});

const WaitNode = memo(function WaitNode(props: StateProps) {
  return <StateBox props={props} kind="wait" />;
});

const SucceedNode = memo(function SucceedNode(props: StateProps) {
  return <StateBox props={props} kind="succeed" />;
});

const FailNode = memo(function FailNode(props: StateProps) {
  return <StateBox props={props} kind="fail" />;
});

function ToggleButton({ state, collapsed }: { state: GraphState; collapsed: boolean }) {
  const toggle = useContext(GroupToggleContext);
  const t = useT();
  return (
    <button
      type="button"
      className="ss-group-toggle nodrag"
      data-testid="group-toggle"
      aria-expanded={!collapsed}
      aria-label={t(collapsed ? 'node.expandName' : 'node.collapseName', { name: state.name })}
      title={t(collapsed ? 'node.expand' : 'node.collapse')}
      onClick={(event) => {
        event.stopPropagation();
        toggle(state.id);
      }}
    >
      {collapsed ? '▸' : '▾'}
    </button>
  );
}

function GroupBox({ props, kind, lines }: { props: StateProps; kind: 'parallel' | 'map'; lines: string[] }) {
  const { state, problems, collapsed } = props.data;
  const run = useRunMarks(state.name);
  const lang = useContext(LangContext);
  if (collapsed) {
    return (
      <StateBox props={props} kind={`${kind} ss-node-collapsed`} toggle={<ToggleButton state={state} collapsed />} />
    );
  }
  const badges = nodeBadges(state).filter((b) => b.tone !== 'parallel' && b.tone !== 'map');
  const kindText = kind === 'parallel' ? 'Parallel' : state.map?.mode === 'DISTRIBUTED' ? 'Distributed Map' : 'Map';
  const width = typeof props.width === 'number' ? props.width : 300;
  const { shown, hidden } = fitHeaderItems([state.name, kindText], [...lines, ...badges.map((b) => b.text)], width);
  const shownBadges = badges.filter((b) => shown.includes(b.text));
  return (
    <div
      className={`ss-group ss-group-${kind}${props.selected ? ' is-selected' : ''}${run.className}`}
      data-testid="group-node"
      title={[state.comment, ...lines].filter(Boolean).join('\n') || undefined}
    >
      <Handles />
      {run.marks}
      <ProblemBadge problems={problems} />
      <div className="ss-group-head">
        <ToggleButton state={state} collapsed={false} />
        <span className="ss-node-name">{state.name}</span>
        <span className="ss-group-kind">{kindText}</span>
        {lines
          .filter((l) => shown.includes(l))
          .map((l) => (
            <span key={l} className="ss-chip" data-testid="group-chip">
              {l}
            </span>
          ))}
        {shownBadges.map((b) => (
          <span
            key={b.text}
            className={`ss-badge ss-badge-${b.tone}`}
            title={badgeTitle(b, state, lang)}
            data-testid={`badge-${b.tone}`}
          >
            {b.text}
          </span>
        ))}
        {hidden.length ? (
          <span className="ss-chip ss-chip-more" title={hidden.join('\n')} data-testid="group-chip-more">
            +{hidden.length} more
          </span>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Which header chips fit in the two header rows of an expanded group (the layout reserves only that much), using
 * the same text-width estimate as the layout; the rest go behind a "+N more" chip with a tooltip.
 */
export function fitHeaderItems(lead: string[], items: string[], width: number): { shown: string[]; hidden: string[] } {
  const CHIP = (t: string) => Math.min(textWidth(t, 10) + 14, width - 24);
  const GAP = 6;
  const inner = width - 16;
  const rows = [18 + GAP + lead.reduce((w, t, i) => w + Math.min(textWidth(t, i === 0 ? 13 : 10), inner) + GAP, 0), 0];
  const shown: string[] = [];
  const hidden: string[] = [];
  const more = CHIP('+9 more') + GAP;
  items.forEach((item, i) => {
    const w = CHIP(item) + GAP;
    const reserve = i < items.length - 1 ? more : 0;
    let row = rows[0]! + w <= inner ? 0 : rows[1]! + w + reserve <= inner ? 1 : -1;
    if (hidden.length > 0) row = -1;
    if (row === -1) hidden.push(item);
    else {
      rows[row]! += w;
      shown.push(item);
    }
  });
  return { shown, hidden };
}

const ParallelNode = memo(function ParallelNode(props: StateProps) {
  const n = props.data.state.branches ?? 0;
  return <GroupBox props={props} kind="parallel" lines={[`${n} branch${n === 1 ? '' : 'es'}`]} />;
});

/** The Map facts worth seeing on the node itself. */
export function mapLines(state: GraphState): string[] {
  const m = state.map;
  if (!m) return [];
  const lines: string[] = [];
  if (m.mode === 'DISTRIBUTED') {
    if (m.executionType) lines.push(`${m.executionType} children`);
    if (m.itemReader) lines.push(`reader: ${m.itemReader}`);
    if (m.itemBatcher) lines.push(`batch: ${m.itemBatcher}`);
    if (m.resultWriter) lines.push(`writer: ${m.resultWriter}`);
    if (m.toleratedFailure) lines.push(`tolerates ${m.toleratedFailure}`);
    if (m.label) lines.push(`label ${m.label}`);
  }
  if (m.maxConcurrency !== undefined) lines.push(`concurrency ${m.maxConcurrency}`);
  if (m.legacyIterator) lines.push('Iterator (legacy)');
  return lines;
}

const MapNode = memo(function MapNode(props: StateProps) {
  return <GroupBox props={props} kind="map" lines={mapLines(props.data.state)} />;
});

type MarkerProps = NodeProps<Extract<FlowNode, { data: MarkerNodeData }>>;

const StartNode = memo(function StartNode(_props: MarkerProps) {
  return (
    <div className="ss-marker ss-marker-start" data-testid="start-marker">
      <Handles />
      {useT()('node.start')}
    </div>
  );
});

const EndNode = memo(function EndNode(_props: MarkerProps) {
  return (
    <div className="ss-marker ss-marker-end" data-testid="end-marker">
      <Handles />
      {useT()('node.end')}
    </div>
  );
});

const MissingNode = memo(function MissingNode(props: MarkerProps) {
  const t = useT();
  return (
    <div
      className={`ss-missing${props.selected ? ' is-selected' : ''}`}
      data-testid="missing-node"
      title={t('node.missing', { name: props.data.label })}
    >
      <Handles />
      <span className="ss-node-name">{props.data.label}</span>
      <span className="ss-missing-tag">{t('node.missingTag')}</span>
    </div>
  );
});

const BranchNode = memo(function BranchNode(props: NodeProps<Extract<FlowNode, { type: 'branch' }>>) {
  const data: BranchNodeData = props.data;
  const t = useT();
  return (
    <div className="ss-branch" data-testid="branch-lane">
      <span className="ss-branch-label">
        {data.label === 'Item processor' ? t('node.itemProcessor') : t('node.branch', { n: data.index + 1 })}
      </span>
    </div>
  );
});

/** Draws nothing: the anchors a window ties far-reaching edges to (use-graph-model.ts). */
function AnchorNode() {
  return null;
}

/** The node components by type; ids of state nodes are state names. */
export const nodeTypes = {
  task: TaskNode,
  pass: PassNode,
  choice: ChoiceNode,
  wait: WaitNode,
  succeed: SucceedNode,
  fail: FailNode,
  parallel: ParallelNode,
  map: MapNode,
  start: StartNode,
  end: EndNode,
  missing: MissingNode,
  branch: BranchNode,
  anchor: AnchorNode,
} satisfies NodeTypes;
