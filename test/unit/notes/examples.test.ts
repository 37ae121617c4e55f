/**
 * Every Amazon States Language example in the notes is a whole state machine that says which query language it
 * uses, so a reader can paste it into a new machine (whose default is JSONPath) and it works. Each is loaded and
 * validated with the app's own validator (amazon-states-language-service, asl-validator and our rules), and each
 * note that shows ASL shows it in both JSONPath, the language exam questions use, and JSONata.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { validateDocument } from '../../../electron/host/asl-validate.ts';
import { ALL_NOTES } from '../../../shared/notes/index.ts';

/** True for a JSON example that is (or looks like part of) a state machine rather than a policy or a payload. */
function isAsl(code: string): boolean {
  return /"StartAt"\s*:|"Type"\s*:\s*"(Task|Pass|Choice|Wait|Succeed|Fail|Parallel|Map)"|"Resource"\s*:\s*"arn:aws:states:/.test(
    code,
  );
}

const examples = ALL_NOTES.flatMap((note) =>
  note.examples
    .filter((e) => e.language === 'json' && isAsl(e.code))
    .map((e) => ({ note: note.id, title: e.title.en, code: e.code })),
);

describe('ASL examples in the notes', () => {
  it('there are examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  for (const example of examples) {
    it(`${example.note}: ${example.title}`, async () => {
      const parsed = JSON.parse(example.code) as Record<string, unknown>;
      expect(Object.keys(parsed), 'a whole machine, not a fragment').toEqual(
        expect.arrayContaining(['StartAt', 'States']),
      );
      expect(['JSONPath', 'JSONata']).toContain(parsed.QueryLanguage);
      const doc = await loadDocument(`${example.note}.asl.json`, example.code);
      expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const problems = (await validateDocument(doc)).filter((d) => d.severity !== 'info');
      expect(problems.map((d) => `${d.severity} ${d.state ?? ''}: ${d.message}`)).toEqual([]);
      // Openable as a diagram: the graph builder draws it without problems.
      const graph = buildGraph(doc.machines[0]!);
      expect(graph.states.length).toBeGreaterThan(0);
      expect(graph.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }

  it('every note with an ASL example shows both JSONPath and JSONata', () => {
    const byNote = new Map<string, Set<string>>();
    for (const e of examples) {
      const lang = (JSON.parse(e.code) as { QueryLanguage: string }).QueryLanguage;
      byNote.set(e.note, (byNote.get(e.note) ?? new Set()).add(lang));
    }
    for (const [note, langs] of byNote) expect([...langs].sort(), note).toEqual(['JSONPath', 'JSONata']);
  });

  it('the validator would reject the old fragment style (the check itself can fail)', async () => {
    const fragment =
      '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"Payload":"{% $states.input %}"},"End":true}}}';
    const doc = await loadDocument('fragment.asl.json', fragment);
    const errors = (await validateDocument(doc)).filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
  });
});
