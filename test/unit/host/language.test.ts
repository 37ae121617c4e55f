import { describe, expect, it } from 'vitest';
import { completeAt, hoverAt, looksLikeTemplate, snippetToText } from '../../../electron/host/language.ts';

const MACHINE = JSON.stringify(
  {
    StartAt: 'Check Order',
    States: {
      'Check Order': { Type: 'Pass', Next: 'Ship It' },
      'Ship It': { Type: 'Pass', Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  },
  null,
  2,
);

describe('asl.complete', () => {
  it('offers the other state names after "Next": "', async () => {
    // Cut the text right after `"Next": "` in Check Order, as if the user were typing the target.
    const cut = MACHINE.indexOf('"Next": "Ship It"') + '"Next": "'.length;
    const text = MACHINE.slice(0, cut) + '"' + MACHINE.slice(cut + 'Ship It"'.length);
    const result = await completeAt('m.asl.json', text, cut);
    const labels = result.items.map((i) => i.label);
    expect(labels).toContain('Ship It');
    expect(labels).toContain('Done');
    expect(result.from).toBeLessThanOrEqual(cut);
    expect(result.to).toBeGreaterThanOrEqual(cut);
  });

  it('offers the state types as values of Type', async () => {
    const at = MACHINE.indexOf('"Type": "Pass"') + '"Type": "'.length;
    const result = await completeAt('m.asl.json', MACHINE, at);
    const labels = result.items.map((i) => i.label.replace(/"/g, ''));
    expect(labels).toEqual(expect.arrayContaining(['Task', 'Choice', 'Map', 'Parallel', 'Wait']));
  });

  it('keeps the state the typed text names when a big machine has more states than the list holds', async () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++)
      states[`Step ${i}`] = i === 999 ? { Type: 'Succeed' } : { Type: 'Pass', Next: `Step ${i + 1}` };
    const full = JSON.stringify({ StartAt: 'Step 0', States: states }, null, 2);
    const cut = full.indexOf('"Next": "Step 2"') + '"Next": "'.length;
    const text = full.slice(0, cut) + 'Step 87' + full.slice(cut + 'Step 2'.length);
    const result = await completeAt('big.asl.json', text, cut + 'Step 87'.length);
    expect(result.items.length).toBeLessThanOrEqual(300);
    expect(result.items.map((i) => i.label)).toContain('Step 876');
  });

  it('works on YAML definitions', async () => {
    const yaml = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: \n  B:\n    Type: Succeed\n';
    const at = yaml.indexOf('Next: ') + 'Next: '.length;
    const result = await completeAt('m.asl.yaml', yaml, at);
    expect(result.items.map((i) => i.label.replace(/"/g, ''))).toContain('B');
  });

  it('gives nothing for templates, garbage, huge or out-of-range input, and never throws', async () => {
    const template = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: { M: { Type: 'AWS::StepFunctions::StateMachine' } },
    });
    expect(looksLikeTemplate(template)).toBe(true);
    expect((await completeAt('t.json', template, 40)).items).toEqual([]);
    expect((await completeAt('g.json', '\0\0{{{"]]]', 3)).items).toEqual([]);
    expect((await completeAt('g.json', '{"Next": "', 999)).items).toEqual([]);
    expect((await completeAt('g.json', '{'.repeat(3 * 1024 * 1024), 5)).items).toEqual([]);
    const garbage = ')(*&^%$#@!{"States": [1, 2, {"Type": ';
    await expect(completeAt('g.json', garbage, garbage.length)).resolves.toBeDefined();
  });
});

describe('asl.hover', () => {
  it('describes a field', async () => {
    const at = MACHINE.indexOf('"StartAt"') + 3;
    const result = await hoverAt('m.asl.json', MACHINE, at);
    expect(result.markdown).toMatch(/state/i);
    expect(result.from).toBeLessThanOrEqual(at);
    expect(result.to).toBeGreaterThan(at);
  });

  it('gives null for templates and garbage', async () => {
    const template =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  M:\n    Type: AWS::Serverless::StateMachine\n';
    expect((await hoverAt('t.yaml', template, 2)).markdown).toBeNull();
    expect((await hoverAt('g.json', '\0garbage', 2)).markdown).toBeNull();
    expect((await hoverAt('g.json', '{}', -1)).markdown).toBeNull();
  });
});

describe('snippetToText', () => {
  it('keeps defaults and first choices, drops tab stops', () => {
    expect(snippetToText('"Type": "${1:Pass}",\n"Next": "$2"$0')).toBe('"Type": "Pass",\n"Next": ""');
    expect(snippetToText('${1|Task,Pass|} \\$x ${2:a ${3:b}}')).toBe('Task $x a b');
  });
});
