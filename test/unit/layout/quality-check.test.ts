/** The layout-quality checker and the Choice label rule, on hand-made inputs whose answers are known. */
import { describe, expect, it } from 'vitest';
import { distinctChoiceLabels } from '../../../shared/asl/choice-label.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { textWidth } from '../../../shared/layout/node-size.ts';
import type { StateGraph } from '../../../shared/asl/types.ts';
import type { Layout } from '../../../shared/layout/types.ts';
import { layoutQuality } from './quality.ts';

describe('layout-quality checker', () => {
  it('counts overlapping labels, labels on boxes, edges through boxes and crossings under labels', () => {
    const graph = {
      name: 'm',
      states: [],
      synthetic: [],
      diagnostics: [],
      edges: [
        { id: 'a', from: 'A', to: 'B', kind: 'choice', label: 'x == 1' },
        { id: 'b', from: 'C', to: 'D', kind: 'choice', label: 'y == 2' },
      ],
    } as unknown as StateGraph;
    const box = (id: string, x: number, y: number) => ({
      id,
      kind: 'state' as const,
      x,
      y,
      absX: x,
      absY: y,
      width: 40,
      height: 20,
    });
    const layout: Layout = {
      nodes: [box('A', 0, 0), box('B', 0, 200), box('C', -100, 100), box('D', 100, 100), box('E', 0, 60)],
      edges: [
        {
          id: 'a',
          points: [
            { x: 20, y: 20 },
            { x: 20, y: 200 },
          ],
          labelPos: { x: 20, y: 110 },
        },
        {
          id: 'b',
          points: [
            { x: -60, y: 110 },
            { x: 100, y: 110 },
          ],
          labelPos: { x: 25, y: 112 },
        },
      ],
      width: 300,
      height: 300,
    };
    const q = layoutQuality(graph, layout);
    expect(q.labelOverlaps).toBe(1);
    expect(q.crossings).toBe(1);
    expect(q.hiddenCrossings).toBe(1);
    // Edge a runs through E.
    expect(q.edgesThroughNodes).toBe(1);
    expect(q.labelsOnNodes).toBe(0);
  });
});

describe('Choice labels that keep branches apart', () => {
  it('leaves rules that fit alone', () => {
    expect(distinctChoiceLabels(['$.a == 1', '$.a == 2'])).toEqual(['$.a == 1', '$.a == 2']);
  });

  it('shows the distinguishing operand when the shared part is long', () => {
    const rules = [
      '$.detail.requestContext.IsHelloWorldExample == true',
      '$.detail.requestContext.IsHelloWorldExample == false',
    ];
    const short = distinctChoiceLabels(rules);
    expect(short).toEqual(['IsHelloWorldExample == true', 'IsHelloWorldExample == false']);
  });

  it('keeps string values that differ only at their end apart (cut in the middle, never to the same text)', () => {
    const rules = [
      '$.application.review.decision.status == "APPROVED_BY_REVIEWER_AFTER_CHECKS"',
      '$.application.review.decision.status == "REJECTED_BY_REVIEWER_AFTER_CHECKS"',
      '$.application.review.decision.status == "RETURNED_BY_REVIEWER_AFTER_CHECKS"',
    ];
    const short = distinctChoiceLabels(rules);
    expect(new Set(short).size).toBe(3);
    for (const s of short) expect(textWidth(s, 10)).toBeLessThanOrEqual(216);
  });

  it('is what the graph draws: full rule kept as fullLabel', () => {
    const g = buildGraph({
      name: 'm',
      resourceType: 'asl',
      placeholders: [],
      definition: {
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Choices: [
              { Variable: '$.detail.requestContext.IsHelloWorldExample', BooleanEquals: true, Next: 'Y' },
              { Variable: '$.detail.requestContext.IsHelloWorldExample', BooleanEquals: false, Next: 'N' },
            ],
            Default: 'N',
          },
          Y: { Type: 'Succeed' },
          N: { Type: 'Succeed' },
        },
      },
    } as unknown as Parameters<typeof buildGraph>[0]);
    const rules = g.edges.filter((e) => e.kind === 'choice');
    expect(rules.map((e) => e.label)).toEqual(['IsHelloWorldExample == true', 'IsHelloWorldExample == false']);
    expect(rules[0].fullLabel).toBe('$.detail.requestContext.IsHelloWorldExample == true');
  });
});

describe('Choice labels: short last fields', () => {
  it('keep the field before a one- or two-letter last field (DynamoDB types, indexes)', () => {
    const long = ' and a long tail that makes the rule too long to draw whole on one edge';
    const [a] = distinctChoiceLabels([`$.inventory.Item.quantity.N > 0${long}`, '$.x == 1']);
    expect(a.startsWith('quantity.N > 0')).toBe(true);
  });
});
