import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { escapeXml, renderSvg } from '../../../shared/asl/svg.ts';
import { SYNTHETIC_PREFIX } from '../../../shared/asl/types.ts';
import type { GraphEdge, GraphState, StateGraph, SyntheticNode } from '../../../shared/asl/types.ts';
import { layoutGraph } from '../../../shared/layout/layout.ts';
import { makeState } from '../layout/generate.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../../../samples/asl');

/**
 * A strict-enough XML well-formedness check: balanced tags, quoted attributes, no raw `<` or `&` in text or
 * attribute values except valid references, no characters XML 1.0 forbids.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const ref = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  const checkText = (s: string, where: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (s[i] === '<') problems.push(`raw < in ${where}`);
      if (s[i] === '&') {
        ref.lastIndex = i;
        if (!ref.test(s)) problems.push(`bad reference in ${where}: ${s.slice(i, i + 12)}`);
      }
      if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff)
        problems.push(`forbidden char ${c} in ${where}`);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(i + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) problems.push(`lone surrogate in ${where}`);
        i++;
      } else if (c >= 0xdc00 && c <= 0xdfff) problems.push(`lone surrogate in ${where}`);
    }
  };
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textPart = lt === -1 ? xml.slice(i) : xml.slice(i, lt);
    checkText(textPart, 'text');
    if (stack.length === 0 && textPart.trim() !== '') problems.push('text outside the root element');
    if (lt === -1) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end === -1) return [...problems, 'unterminated declaration'];
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end === -1) return [...problems, 'unterminated comment'];
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt === -1) return [...problems, 'unterminated tag'];
    // `>` may not appear inside attribute values here since we escape it; a quoted `>` would still be legal XML,
    // but our writer never produces one, so treating it as the end is part of the check.
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const m = /^([A-Za-z_][\w:.-]*)/.exec(body);
      if (!m) {
        problems.push(`bad tag <${tag.slice(0, 20)}>`);
      } else {
        let rest = body.slice(m[1].length);
        const attr = /^\s+([A-Za-z_][\w:.-]*)="([^"]*)"/;
        const seen = new Set<string>();
        for (let a = attr.exec(rest); a; a = attr.exec(rest)) {
          if (seen.has(a[1])) problems.push(`duplicate attribute ${a[1]} on <${m[1]}>`);
          seen.add(a[1]);
          checkText(a[2], `attribute ${a[1]}`);
          rest = rest.slice(a[0].length);
        }
        if (rest.trim() !== '') problems.push(`unparsed attributes on <${m[1]}>: ${rest.slice(0, 30)}`);
        if (stack.length === 0) roots++;
        if (!selfClosing) stack.push(m[1]);
      }
    }
    i = gt + 1;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

async function sampleGraph(file: string, index = 0): Promise<StateGraph> {
  const full = path.join(SAMPLES, file);
  const doc = await loadDocument(full, readFileSync(full, 'utf8'), {
    readFile: async (p) => readFileSync(path.join(SAMPLES, p), 'utf8'),
  });
  return buildGraph(doc.machines[index]);
}

describe('renderSvg', () => {
  it('writes a well-formed, self-contained document for a sample, in both themes', async () => {
    const g = await sampleGraph('order-processing.asl.json');
    const layout = await layoutGraph(g);
    for (const theme of ['light', 'dark'] as const) {
      const svg = renderSvg(g, layout, { theme });
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg.startsWith('<?xml')).toBe(true);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      // Nothing to fetch and nothing to run.
      expect(svg).not.toMatch(/href=|<image|<script|<foreignObject|url\((?!#)|@import/i);
      for (const s of g.states) expect(svg).toContain(escapeXml(s.name));
    }
    expect(renderSvg(g, layout, { theme: 'dark' })).not.toBe(renderSvg(g, layout, { theme: 'light' }));
  });

  it('shows each construct in its own style', async () => {
    const g = await sampleGraph('order-processing.asl.json');
    const svg = renderSvg(g, await layoutGraph(g), { title: 'Orders' });
    expect(svg).toContain('<title>Orders</title>');
    // Choice is a polygon, Start/End markers are circles, groups and lanes are present.
    expect(svg).toMatch(/<g data-id="In Stock\?"><title>[^<]*<\/title><polygon /);
    expect(svg.match(/<circle /g)?.length).toBeGreaterThanOrEqual(
      g.synthetic.filter((s) => s.kind !== 'missing').length,
    );
    expect(svg).toContain('Branch 3');
    expect(svg).toContain('>Process Order<');
    // Catch edges dashed, with their error as label; the Default edge labelled; retry badge shown.
    expect(svg).toMatch(/stroke-dasharray="6 4" marker-end="url\(#arrow-catch\)" data-kind="catch"/);
    expect(svg).toContain('>ValidationError<');
    expect(svg).toContain('>Default<');
    expect(svg).toContain('>Retry<');
  });

  it('escapes hostile state names and draws missing targets', async () => {
    const names = [
      '<script>alert("x")</script>',
      'Fish & Chips',
      `"double" and 'single'`,
      '🚀 Launch 漢字',
      ']]> <![CDATA[',
      'bell\u0007char',
      '--> <!-- comment',
    ];
    const states: GraphState[] = names.map((name, i) =>
      makeState(name, i === 1 ? 'Choice' : 'Task', {
        catch: i === 0 ? [{ errorEquals: ['<Err & "x">'], next: names[1] }] : [],
      }),
    );
    const synthetic: SyntheticNode[] = [
      { id: `${SYNTHETIC_PREFIX}start`, kind: 'start', parent: null, branch: null, label: 'Start' },
      {
        id: `${SYNTHETIC_PREFIX}missing:<Nope & "x">`,
        kind: 'missing',
        parent: null,
        branch: null,
        label: '<Nope & "x">',
      },
    ];
    const edges: GraphEdge[] = [
      { id: 's', from: synthetic[0].id, to: names[0], kind: 'start' },
      { id: 'c', from: names[0], to: names[1], kind: 'catch', label: '<Err & "x">' },
      { id: 'd', from: names[1], to: names[2], kind: 'choice', label: '$.a == "<b>"' },
      { id: 'm', from: names[2], to: synthetic[1].id, kind: 'missing' },
    ];
    for (let i = 2; i + 1 < names.length; i++)
      edges.push({ id: `n${i}`, from: names[i], to: names[i + 1], kind: 'next' });
    const g: StateGraph = {
      name: '<Machine & "co">',
      queryLanguage: 'JSONPath',
      startAt: names[0],
      states,
      synthetic,
      edges,
      diagnostics: [],
    };
    const svg = renderSvg(g, await layoutGraph(g));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<![CDATA[');
    expect(svg).not.toContain('<!-- comment');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(svg).toContain('Fish &amp; Chips');
    expect(svg).toContain('&quot;double&quot; and &#39;single&#39;');
    expect(svg).toContain('🚀 Launch 漢字');
    expect(svg).toContain('<title>&lt;Machine &amp; &quot;co&quot;&gt;</title>');
    expect(svg).toContain('bell\ufffdchar');
    // The missing node: red dashed box with its name.
    expect(svg).toMatch(/stroke-dasharray="5 4"/);
    expect(svg).toContain('Missing: &lt;Nope &amp; &quot;x&quot;&gt;');
    for (const s of states) expect(svg).toContain(escapeXml(s.name));
  });

  it('leaves out what a collapsed group hides, and survives an empty graph', async () => {
    const g = await sampleGraph('order-processing.asl.json');
    const svg = renderSvg(g, await layoutGraph(g, { collapsed: ['Process Order'] }));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('>Process Order<');
    expect(svg).not.toContain('Charge Payment');
    const empty = renderSvg(
      { name: '', queryLanguage: 'JSONPath', startAt: '', states: [], synthetic: [], edges: [], diagnostics: [] },
      { nodes: [], edges: [], width: 0, height: 0 },
    );
    expect(xmlProblems(empty)).toEqual([]);
  });

  it('the checker itself rejects broken XML', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg>a & b</svg>')).not.toEqual([]);
    expect(xmlProblems('<svg a="<">x</svg>')).not.toEqual([]);
    expect(xmlProblems('<svg>\u0001</svg>')).not.toEqual([]);
    expect(xmlProblems('<svg x="1" x="2"/>')).not.toEqual([]);
    expect(xmlProblems('<svg/><svg/>')).not.toEqual([]);
    expect(xmlProblems('<svg>&amp; ok</svg>')).toEqual([]);
  });
});
