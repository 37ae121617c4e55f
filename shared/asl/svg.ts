/**
 * A laid-out state machine as one standalone SVG document: inline styles only, no fonts, scripts or links to
 * fetch, so the file opens the same anywhere (browser, docs, a pull request). Used by `statescope render --svg`
 * and by the app's SVG export; it follows the app's visual language (colour and shape per state type, groups as
 * containers, Catch edges dashed). Every piece of text from the definition is escaped.
 */
import type { GraphEdge, GraphState, StateGraph, StateType, SyntheticNode } from './types.ts';
import type { Layout, LayoutEdge, LayoutNode } from '../layout/types.ts';
import {
  CHOICE_INSET,
  GROUP_METRICS,
  NODE_FONT,
  NODE_METRICS,
  badgeRows,
  badgeWidth,
  nodeContent,
  textWidth,
  wrapText,
} from '../layout/node-size.ts';
import type { NodeBadge } from '../layout/node-size.ts';

/** Options for `renderSvg`. */
export interface SvgOptions {
  theme?: 'light' | 'dark';
  /** Shown above the drawing and as the document's `<title>`; defaults to the machine name. */
  title?: string;
}

interface Palette {
  background: string;
  text: string;
  muted: string;
  edge: string;
  catchEdge: string;
  missing: string;
  groupFill: string;
  laneFill: string;
  laneStroke: string;
  labelFill: string;
  types: Record<StateType, { fill: string; stroke: string }>;
  badge: Record<NodeBadge['tone'], { fill: string; text: string }>;
  start: string;
  end: string;
}

const LIGHT: Palette = {
  background: '#ffffff',
  text: '#16191f',
  muted: '#5f6b7a',
  edge: '#5f6b7a',
  catchEdge: '#d13212',
  missing: '#d13212',
  groupFill: '#f8f9fb',
  laneFill: '#ffffff',
  laneStroke: '#aab7b8',
  labelFill: '#ffffff',
  types: {
    Task: { fill: '#e9f2fd', stroke: '#0972d3' },
    Pass: { fill: '#f2f3f3', stroke: '#7d8998' },
    Choice: { fill: '#fff4e0', stroke: '#c77700' },
    Wait: { fill: '#f3eefc', stroke: '#7d4cdb' },
    Succeed: { fill: '#e9f7ec', stroke: '#1d8102' },
    Fail: { fill: '#fdecea', stroke: '#d13212' },
    Parallel: { fill: '#e6f6f5', stroke: '#067f68' },
    Map: { fill: '#eef0fb', stroke: '#3f51b5' },
  },
  badge: {
    retry: { fill: '#fef3c7', text: '#8a5a00' },
    catch: { fill: '#fde2dd', text: '#a4260b' },
    assign: { fill: '#e0ecff', text: '#0b4ea2' },
    jsonata: { fill: '#ede4fb', text: '#5b2fb3' },
    timeout: { fill: '#e9ebed', text: '#414d5c' },
    map: { fill: '#e3e7fb', text: '#2d3a8c' },
    parallel: { fill: '#d9f2ef', text: '#055e4d' },
  },
  start: '#1d8102',
  end: '#16191f',
};

const DARK: Palette = {
  background: '#0f1419',
  text: '#e9ebed',
  muted: '#9ba7b6',
  edge: '#9ba7b6',
  catchEdge: '#ff7a64',
  missing: '#ff7a64',
  groupFill: '#161d26',
  laneFill: '#0f1419',
  laneStroke: '#495867',
  labelFill: '#0f1419',
  types: {
    Task: { fill: '#0b2747', stroke: '#539fe5' },
    Pass: { fill: '#232b35', stroke: '#8d99a8' },
    Choice: { fill: '#3a2a06', stroke: '#f2b13a' },
    Wait: { fill: '#2a1d47', stroke: '#b28ef0' },
    Succeed: { fill: '#0e2f16', stroke: '#6bc46d' },
    Fail: { fill: '#3d1410', stroke: '#ff7a64' },
    Parallel: { fill: '#0b302c', stroke: '#4fc2ad' },
    Map: { fill: '#1b2047', stroke: '#8c9eff' },
  },
  badge: {
    retry: { fill: '#4a3a06', text: '#ffd77a' },
    catch: { fill: '#4d1a12', text: '#ffb3a6' },
    assign: { fill: '#10305c', text: '#9fc8ff' },
    jsonata: { fill: '#33215c', text: '#d1b8ff' },
    timeout: { fill: '#2c3540', text: '#c6ced8' },
    map: { fill: '#242b63', text: '#c0c9ff' },
    parallel: { fill: '#0f403a', text: '#9fe6d8' },
  },
  start: '#6bc46d',
  end: '#e9ebed',
};

const FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Escapes text for XML content and attribute values, and drops characters XML 1.0 cannot carry at all. */
export function escapeXml(value: unknown): string {
  const s = String(value ?? '');
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&#39;';
        break;
      default:
        if (
          (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
          (cp >= 0xd800 && cp <= 0xdfff) ||
          cp === 0xfffe ||
          cp === 0xffff
        ) {
          out += '\ufffd';
        } else out += ch;
    }
  }
  return out;
}

function n(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 10) / 10) : '0';
}

function text(x: number, y: number, content: string, size: number, fill: string, extra = ''): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}" fill="${fill}"${extra}>${escapeXml(content)}</text>`;
}

function badgesSvg(badges: NodeBadge[], x: number, y: number, innerWidth: number, p: Palette): string {
  let out = '';
  const rows = badgeRows(badges, innerWidth);
  rows.forEach((row, r) => {
    let bx = x;
    const by = y + r * NODE_METRICS.badgeRow;
    for (const b of row) {
      const w = badgeWidth(b);
      const c = p.badge[b.tone];
      out += `<rect x="${n(bx)}" y="${n(by + 2)}" width="${n(w)}" height="16" rx="8" fill="${c.fill}"/>`;
      out += text(bx + NODE_METRICS.badgePadX, by + 14, b.text, NODE_FONT.badge, c.text);
      bx += w + NODE_METRICS.badgeGap;
    }
  });
  return out;
}

function stateBody(state: GraphState, box: LayoutNode, p: Palette): string {
  const m = NODE_METRICS;
  const c = p.types[state.type] ?? p.types.Pass;
  const { absX: x, absY: y, width: w, height: h } = box;
  let shape: string;
  if (state.type === 'Choice') {
    // Chamfered ends: a diamond-like outline that still fits the text.
    const k = Math.min(14, h / 2);
    shape = `<polygon points="${n(x + k)},${n(y)} ${n(x + w - k)},${n(y)} ${n(x + w)},${n(y + h / 2)} ${n(x + w - k)},${n(y + h)} ${n(x + k)},${n(y + h)} ${n(x)},${n(y + h / 2)}" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"/>`;
  } else {
    const strokeW = state.type === 'Succeed' || state.type === 'Fail' ? 2.5 : 1.5;
    shape = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="8" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${strokeW}"/>`;
    if (box.collapsed) {
      shape =
        `<rect x="${n(x + 4)}" y="${n(y + 4)}" width="${n(w)}" height="${n(h)}" rx="8" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1"/>` +
        shape;
    }
  }
  const content = nodeContent(state);
  let out = shape;
  let ty = y + m.paddingY;
  const tx = x + m.paddingX + (state.type === 'Choice' ? CHOICE_INSET : 0);
  for (const line of content.titleLines) {
    out += text(tx, ty + 13, line, NODE_FONT.title, p.text, ' font-weight="600"');
    ty += m.titleLine;
  }
  out += text(tx, ty + 11, content.subtitle, NODE_FONT.subtitle, p.muted);
  ty += m.subtitleLine;
  if (content.detail) {
    out += text(tx, ty + 11, content.detail, NODE_FONT.subtitle, p.muted, ' font-style="italic"');
    ty += m.subtitleLine;
  }
  out += badgesSvg(content.badges, tx, ty, w - 2 * m.paddingX - (state.type === 'Choice' ? 2 * CHOICE_INSET : 0), p);
  if (box.collapsed)
    out += text(x + w - m.paddingX - 8, y + m.paddingY + 13, '+', NODE_FONT.title, c.stroke, ' font-weight="700"');
  return out;
}

function groupBody(state: GraphState, box: LayoutNode, p: Palette): string {
  const c = p.types[state.type] ?? p.types.Parallel;
  const { absX: x, absY: y, width: w, height: h } = box;
  const inner = w - 2 * GROUP_METRICS.padding;
  let out = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="10" fill="${p.groupFill}" stroke="${c.stroke}" stroke-width="1.5"/>`;
  out += `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="6" rx="3" fill="${c.stroke}"/>`;
  const title = wrapText(state.name, NODE_FONT.title, Math.max(40, inner * 0.6), 1)[0];
  out += text(x + GROUP_METRICS.padding, y + 24, title, NODE_FONT.title, p.text, ' font-weight="600"');
  const content = nodeContent(state);
  const sub = wrapText(
    content.subtitle + (content.detail ? ` · ${content.detail}` : ''),
    NODE_FONT.subtitle,
    Math.max(30, inner - textWidth(title, NODE_FONT.title) - 12),
    1,
  )[0];
  out += text(
    x + GROUP_METRICS.padding + textWidth(title, NODE_FONT.title) + 10,
    y + 24,
    sub,
    NODE_FONT.subtitle,
    p.muted,
  );
  // Badges on the right of the header when they fit.
  const bw = content.badges.reduce((s, b) => s + badgeWidth(b) + NODE_METRICS.badgeGap, 0);
  if (bw > 0 && bw < inner / 2) out += badgesSvg(content.badges, x + w - GROUP_METRICS.padding - bw, y + 9, bw + 1, p);
  return out;
}

function syntheticBody(node: SyntheticNode | undefined, box: LayoutNode, p: Palette): string {
  const { absX: x, absY: y, width: w, height: h } = box;
  const cx = x + w / 2;
  const cy = y + h / 2;
  const r = Math.min(w, h) / 2;
  if (box.kind === 'start') {
    return (
      `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${p.start}"/>` +
      text(cx, cy + 3.5, 'Start', 9, p.background, ' text-anchor="middle" font-weight="600"')
    );
  }
  if (box.kind === 'end') {
    return (
      `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="none" stroke="${p.end}" stroke-width="2"/>` +
      `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r - 5)}" fill="${p.end}"/>`
    );
  }
  const lines = wrapText(`Missing: ${node?.label ?? ''}`, NODE_FONT.subtitle, w - 2 * NODE_METRICS.paddingX, 2);
  let out = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="6" fill="none" stroke="${p.missing}" stroke-width="1.5" stroke-dasharray="5 4"/>`;
  lines.forEach((l, i) => {
    out += text(
      x + NODE_METRICS.paddingX,
      y + NODE_METRICS.paddingY + 12 + i * NODE_METRICS.subtitleLine,
      l,
      NODE_FONT.subtitle,
      p.missing,
    );
  });
  return out;
}

function laneBody(box: LayoutNode, p: Palette): string {
  const m = /:(\d+)$/.exec(box.id);
  const label = m ? `Branch ${Number(m[1]) + 1}` : 'Branch';
  return (
    `<rect x="${n(box.absX)}" y="${n(box.absY)}" width="${n(box.width)}" height="${n(box.height)}" rx="8" fill="${p.laneFill}" stroke="${p.laneStroke}" stroke-width="1" stroke-dasharray="4 3"/>` +
    text(box.absX + 10, box.absY + 16, label, NODE_FONT.badge, p.muted, ' font-weight="600"')
  );
}

function edgeLabel(e: GraphEdge): string | undefined {
  if (e.label !== undefined && e.label !== '') return e.label;
  if (e.kind === 'default') return 'Default';
  if (e.kind === 'catch') return 'Catch';
  return undefined;
}

function edgeSvg(e: GraphEdge, le: LayoutEdge, p: Palette): string {
  if (le.points.length < 2) return '';
  const d = le.points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${n(pt.x)} ${n(pt.y)}`).join(' ');
  const isCatch = e.kind === 'catch';
  const isMissing = e.kind === 'missing';
  const stroke = isCatch ? p.catchEdge : isMissing ? p.missing : p.edge;
  const dash = isCatch ? ' stroke-dasharray="6 4"' : isMissing ? ' stroke-dasharray="3 3"' : '';
  const marker = isCatch || isMissing ? 'url(#arrow-catch)' : 'url(#arrow)';
  const width = e.kind === 'default' ? 1.5 : 1.3;
  return `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${width}"${dash} marker-end="${marker}" data-kind="${escapeXml(e.kind)}"/>`;
}

function labelSvg(e: GraphEdge, le: LayoutEdge, p: Palette): string {
  const label = edgeLabel(e);
  if (!label || !le.labelPos) return '';
  // Cut where the graph view cuts (220 px), so the export reads like the screen.
  const shown = wrapText(label, NODE_FONT.badge, 220, 1)[0];
  const w = textWidth(shown, NODE_FONT.badge) + 8;
  const { x, y } = le.labelPos;
  const color = e.kind === 'catch' ? p.catchEdge : p.muted;
  const style = e.kind === 'default' ? ' font-style="italic"' : '';
  return (
    `<rect x="${n(x - w / 2)}" y="${n(y - 8)}" width="${n(w)}" height="16" rx="3" fill="${p.labelFill}" fill-opacity="0.92"/>` +
    text(x, y + 3.5, shown, NODE_FONT.badge, color, ` text-anchor="middle"${style}`)
  );
}

/**
 * Renders the graph with its layout as a standalone SVG string. Nodes the layout does not place (hidden in a
 * collapsed group) are left out; edges are drawn only when the layout routed them.
 */
export function renderSvg(graph: StateGraph, layout: Layout, options: SvgOptions = {}): string {
  const p = options.theme === 'dark' ? DARK : LIGHT;
  const states = new Map<string, GraphState>();
  for (const s of graph?.states ?? []) if (s && !states.has(s.id)) states.set(s.id, s);
  const synthetic = new Map<string, SyntheticNode>();
  for (const s of graph?.synthetic ?? []) if (s && !synthetic.has(s.id)) synthetic.set(s.id, s);
  const title = options.title ?? graph?.name ?? 'State machine';
  const header = 36;
  const margin = 16;
  const width = Math.max(240, finiteOr(layout?.width, 0) + 2 * margin);
  const height = finiteOr(layout?.height, 0) + 2 * margin + header;
  const parts: string[] = [];
  parts.push('<?xml version="1.0" encoding="UTF-8"?>');
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${escapeXml(FONT)}">`,
  );
  parts.push(`<title>${escapeXml(title)}</title>`);
  parts.push(
    '<defs>' +
      `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${p.edge}"/></marker>` +
      `<marker id="arrow-catch" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${p.catchEdge}"/></marker>` +
      '</defs>',
  );
  parts.push(`<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="${p.background}"/>`);
  parts.push(text(margin, 24, wrapText(title, 16, width - 2 * margin, 1)[0], 16, p.text, ' font-weight="700"'));
  parts.push(`<g transform="translate(${margin} ${margin + header})">`);
  const nodes = layout?.nodes ?? [];
  // Containers first (parents before children, as the layout lists them), then edges, then boxes on top.
  parts.push('<g class="containers">');
  for (const box of nodes) {
    if (box.kind === 'branch') parts.push(laneBody(box, p));
    else if (box.kind === 'group' && !box.collapsed) {
      const s = states.get(box.id);
      if (s)
        parts.push(
          `<g data-id="${escapeXml(box.id)}"><title>${escapeXml(`${s.name} (${s.type})`)}</title>${groupBody(s, box, p)}</g>`,
        );
    }
  }
  parts.push('</g>');
  const edgesById = new Map((layout?.edges ?? []).map((e) => [e.id, e]));
  const drawn: [GraphEdge, LayoutEdge][] = [];
  for (const e of graph?.edges ?? []) {
    const le = e ? edgesById.get(e.id) : undefined;
    if (le) drawn.push([e, le]);
  }
  parts.push('<g class="edges">');
  for (const [e, le] of drawn) parts.push(edgeSvg(e, le, p));
  parts.push('</g>');
  parts.push('<g class="nodes">');
  for (const box of nodes) {
    if (box.kind === 'branch' || (box.kind === 'group' && !box.collapsed)) continue;
    const s = states.get(box.id);
    if (s)
      parts.push(
        `<g data-id="${escapeXml(box.id)}"><title>${escapeXml(`${s.name} (${s.type})`)}</title>${stateBody(s, box, p)}</g>`,
      );
    else parts.push(`<g data-id="${escapeXml(box.id)}">${syntheticBody(synthetic.get(box.id), box, p)}</g>`);
  }
  parts.push('</g>');
  parts.push('<g class="labels">');
  for (const [e, le] of drawn) parts.push(labelSvg(e, le, p));
  parts.push('</g>');
  parts.push('</g>');
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function finiteOr(v: unknown, d: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : d;
}
