/**
 * Node sizes and node text, shared by the layout, the React Flow view and the SVG export. Sizes are computed from
 * character counts (no DOM, no font metrics) so that a worker, the CLI and the window all get the same boxes and
 * the layout never depends on what fonts happen to be installed.
 */
import type { GraphState, SyntheticNode } from '../asl/types.ts';

/** Font sizes (px) the renderers use; the size estimate below assumes them. */
export const NODE_FONT = { title: 13, subtitle: 11, badge: 10 } as const;

/** Box metrics, exported so renderers place text on the same grid the size was computed on. */
export const NODE_METRICS = {
  minWidth: 150,
  maxWidth: 300,
  paddingX: 12,
  paddingY: 8,
  titleLine: 18,
  subtitleLine: 15,
  badgeRow: 20,
  badgeGap: 4,
  badgePadX: 6,
  /** Average glyph advance per font-size unit (a conservative average for sans-serif UI fonts). */
  glyphRatio: 0.6,
  // Four lines hold any valid (at most 80 characters) Latin name at the widest box, however it breaks.
  maxTitleLines: 4,
  marker: 32,
  missingHeight: 44,
} as const;

/**
 * State names are bold: measured at this size instead of NODE_FONT.title, since bold glyphs run up to a tenth
 * wider than the regular average the estimate is built on (measured in Chromium: "Charge Payment" at 13 px bold is
 * 0.66 em per character, against 0.6 assumed), and a name must never be cut when it would fit.
 */
export const TITLE_MEASURE = NODE_FONT.title * 1.1;

/** Room for a state box's border (1.5 px each side), kept free of text. */
const BORDER_ROOM = 4;

/** Extra horizontal inset of a Choice box's content (its ends are chamfered). */
export const CHOICE_INSET = 8;

/** Padding around the content of an expanded Parallel/Map group and its Parallel branch lanes. */
export const GROUP_METRICS = {
  padding: 16,
  header: 36,
  laneHeader: 24,
  lanePadding: 12,
  laneGap: 16,
} as const;

/** One small label on a node (Retry, Catch, …); `tone` lets renderers colour it without re-deriving meaning. */
export interface NodeBadge {
  text: string;
  tone: 'retry' | 'catch' | 'assign' | 'jsonata' | 'timeout' | 'map' | 'parallel';
}

/** Everything a renderer writes inside a state box, in order, so React and SVG show the same lines. */
export interface NodeContent {
  /** The state name, wrapped into lines that fit the box. */
  titleLines: string[];
  /** The state type, plus the integration for a Task (e.g. "Task · Lambda · Invoke"). */
  subtitle: string;
  /** Integration pattern or Map/Parallel detail, when there is one. */
  detail?: string;
  badges: NodeBadge[];
}

/** Width units of one character: emoji and East Asian wide characters take two. */
function charUnits(cp: number): number {
  if (
    cp >= 0x1100 &&
    (cp <= 0x115f ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f000 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd))
  ) {
    return 2;
  }
  if (
    cp < 0x20 ||
    (cp >= 0x300 && cp <= 0x36f) ||
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x2060 && cp <= 0x206f)
  ) {
    return 0;
  }
  return 1;
}

/** Estimated rendered width of `text` at `fontSize`, the single measure every size here is built on. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of String(text ?? '')) units += charUnits(ch.codePointAt(0) ?? 0);
  return Math.ceil(units * fontSize * NODE_METRICS.glyphRatio);
}

/** Splits `text` into at most `maxLines` lines no wider than `maxWidth`, ending with "…" when cut. */
export function wrapText(text: string, fontSize: number, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineW = 0;
  const chars = Array.from(String(text ?? '').replace(/[\r\n\t]+/g, ' '));
  for (let i = 0; i < chars.length; i++) {
    const w = charUnits(chars[i].codePointAt(0) ?? 0) * fontSize * NODE_METRICS.glyphRatio;
    if (lineW + w > maxWidth && line.length > 0) {
      // Break at the last space of the line when there is one, so words stay whole.
      const cut = line.lastIndexOf(' ');
      if (cut > 0 && lines.length < maxLines - 1) {
        lines.push(line.slice(0, cut));
        line = line.slice(cut + 1);
      } else {
        lines.push(line);
        line = '';
      }
      lineW = textWidth(line, fontSize);
      if (lines.length === maxLines) {
        const last = Array.from(lines[maxLines - 1]);
        lines[maxLines - 1] = last.slice(0, Math.max(1, last.length - 1)).join('') + '\u2026';
        return lines;
      }
    }
    line += chars[i];
    lineW += w;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

function isJsonata(state: GraphState): boolean {
  return state.queryLanguage === 'JSONata';
}

/** The badges a state shows, in a fixed order. */
export function nodeBadges(state: GraphState): NodeBadge[] {
  const badges: NodeBadge[] = [];
  const retries = state.retry?.length ?? 0;
  const catches = state.catch?.length ?? 0;
  if (retries > 0) badges.push({ text: retries === 1 ? 'Retry' : `Retry ×${retries}`, tone: 'retry' });
  if (catches > 0) badges.push({ text: catches === 1 ? 'Catch' : `Catch ×${catches}`, tone: 'catch' });
  if ((state.assigns?.length ?? 0) > 0) badges.push({ text: 'Assign', tone: 'assign' });
  if (isJsonata(state)) badges.push({ text: 'JSONata', tone: 'jsonata' });
  if (state.timeoutSeconds !== undefined)
    badges.push({ text: `Timeout ${String(state.timeoutSeconds)}s`, tone: 'timeout' });
  if (state.heartbeatSeconds !== undefined)
    badges.push({ text: `Heartbeat ${String(state.heartbeatSeconds)}s`, tone: 'timeout' });
  if (state.type === 'Map' && state.map?.mode === 'DISTRIBUTED') badges.push({ text: 'Distributed', tone: 'map' });
  if (state.type === 'Parallel' && typeof state.branches === 'number') {
    badges.push({ text: state.branches === 1 ? '1 branch' : `${state.branches} branches`, tone: 'parallel' });
  }
  return badges;
}

function patternLabel(pattern: string): string | undefined {
  switch (pattern) {
    case 'sync':
      return 'Run a job (.sync)';
    case 'sync:2':
      return 'Run a job (.sync:2)';
    case 'wait-for-task-token':
      return 'Wait for callback (.waitForTaskToken)';
    default:
      return undefined;
  }
}

/** What a state box says, wrapped to the box width. */
export function nodeContent(state: GraphState): NodeContent {
  const m = NODE_METRICS;
  const subtitle =
    state.type === 'Task' && state.integration?.label
      ? `Task · ${state.integration.label}`
      : state.type === 'Map' && state.map?.mode === 'DISTRIBUTED'
        ? 'Map · Distributed'
        : String(state.type ?? 'State');
  let detail: string | undefined;
  if (state.type === 'Task' && state.integration) detail = patternLabel(state.integration.pattern);
  else if (state.type === 'Map' && state.map) {
    const parts: string[] = [];
    if (state.map.itemReader) parts.push(`Reader: ${state.map.itemReader}`);
    if (state.map.maxConcurrency !== undefined) parts.push(`Max ${String(state.map.maxConcurrency)}`);
    if (state.map.legacyIterator) parts.push('Iterator');
    if (parts.length > 0) detail = parts.join(' · ');
  }
  const inner = m.maxWidth - 2 * m.paddingX;
  const titleLines = wrapText(
    String(state.name ?? state.id ?? ''),
    TITLE_MEASURE,
    inner - BORDER_ROOM,
    m.maxTitleLines,
  );
  const cut = (s: string) => wrapText(s, NODE_FONT.subtitle, inner, 1)[0];
  return {
    titleLines,
    subtitle: cut(subtitle),
    detail: detail === undefined ? undefined : cut(detail),
    badges: nodeBadges(state),
  };
}

/** Width a badge takes, so renderers can lay badges out exactly as the size assumed. */
export function badgeWidth(badge: NodeBadge): number {
  return textWidth(badge.text, NODE_FONT.badge) + 2 * NODE_METRICS.badgePadX;
}

/** Splits badges into rows that fit `innerWidth`. */
export function badgeRows(badges: readonly NodeBadge[], innerWidth: number): NodeBadge[][] {
  const rows: NodeBadge[][] = [];
  let row: NodeBadge[] = [];
  let w = 0;
  for (const b of badges) {
    const bw = badgeWidth(b);
    if (row.length > 0 && w + NODE_METRICS.badgeGap + bw > innerWidth) {
      rows.push(row);
      row = [];
      w = 0;
    }
    w += (row.length > 0 ? NODE_METRICS.badgeGap : 0) + bw;
    row.push(b);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

function isSynthetic(node: GraphState | SyntheticNode): node is SyntheticNode {
  return (node as SyntheticNode).kind !== undefined && (node as GraphState).type === undefined;
}

/**
 * The box a node needs. For Parallel and Map this is the compact (collapsed) box; an expanded group is sized by
 * its content during layout, never narrower than this.
 */
export function nodeSize(node: GraphState | SyntheticNode): { width: number; height: number } {
  const m = NODE_METRICS;
  if (isSynthetic(node)) {
    if (node.kind === 'start' || node.kind === 'end') return { width: m.marker, height: m.marker };
    const label = wrapText(`Missing: ${String(node.label ?? '')}`, NODE_FONT.subtitle, m.maxWidth - 2 * m.paddingX, 2);
    const w = Math.max(...label.map((l) => textWidth(l, NODE_FONT.subtitle)));
    return {
      width: clamp(w + 2 * m.paddingX, m.minWidth, m.maxWidth),
      height: Math.max(m.missingHeight, 2 * m.paddingY + label.length * m.subtitleLine),
    };
  }
  const content = nodeContent(node);
  let width = 0;
  for (const l of content.titleLines) width = Math.max(width, textWidth(l, TITLE_MEASURE) + BORDER_ROOM);
  width = Math.max(width, textWidth(content.subtitle, NODE_FONT.subtitle));
  if (content.detail) width = Math.max(width, textWidth(content.detail, NODE_FONT.subtitle));
  const badgeLine = content.badges.reduce((s, b, i) => s + badgeWidth(b) + (i > 0 ? m.badgeGap : 0), 0);
  width = clamp(
    Math.max(width, Math.min(badgeLine, m.maxWidth - 2 * m.paddingX)) + 2 * m.paddingX,
    m.minWidth,
    m.maxWidth,
  );
  const rows = badgeRows(content.badges, width - 2 * m.paddingX).length;
  // A Choice is drawn with chamfered ends: it gets extra room on both sides for them.
  if (node.type === 'Choice') width += 2 * CHOICE_INSET;
  const height =
    2 * m.paddingY +
    content.titleLines.length * m.titleLine +
    m.subtitleLine +
    (content.detail ? m.subtitleLine : 0) +
    rows * m.badgeRow;
  return { width, height };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
