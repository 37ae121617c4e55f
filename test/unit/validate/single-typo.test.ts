/**
 * One root cause gives one error. Ten real corpus machines, each with one typo of six kinds people make (a
 * misspelled Next target or StartAt, a misspelled Type, a misspelled Next, Resource or End key): validation must
 * give exactly one error, with the right code, on the misspelled value or key itself — not the error plus every
 * state the typo cut off, the field it left missing and the end it took away.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../shared/asl/load.ts';
import { isTypoOf, typoDistance } from '../../../shared/asl/validate-consequences.ts';
import { validateDocument } from '../../../electron/host/asl-validate.ts';
import { CORPUS } from '../../support/corpus.ts';
import { pickMachines, TYPOS } from './single-typo-cases.ts';

async function corpusMachines() {
  const root = path.join(CORPUS, 'asl/valid');
  const files: (readonly [string, string])[] = [];
  for (const dir of (await readdir(root)).sort())
    for (const f of (await readdir(path.join(root, dir))).sort())
      if (f.endsWith('.json')) files.push([`${dir}/${f}`, await readFile(path.join(root, dir, f), 'utf8')]);
  return pickMachines(files, 10);
}

async function errorsOf(text: string) {
  const doc = await loadDocument('typo.asl.json', text);
  return (await validateDocument(doc)).filter((d) => d.severity === 'error');
}

describe('a single typo gives a single error', () => {
  it('on 10 corpus machines × 6 kinds of typo: exactly one error, on the typo', async () => {
    const machines = await corpusMachines();
    expect(machines).toHaveLength(10);
    const wrong: string[] = [];
    let cases = 0;
    for (const { file, definition } of machines) {
      // The machine itself is valid: every error below comes from the typo.
      expect(await errorsOf(JSON.stringify(definition, null, 2)), file).toEqual([]);
      for (const typo of TYPOS) {
        const c = typo.apply(definition);
        if (!c) {
          wrong.push(`${file} ${typo.kind}: the typo could not be made (the misspelling is not unique in the text)`);
          continue;
        }
        cases++;
        const errors = (await errorsOf(c.text)).map((d) => ({
          code: d.code,
          line: d.line,
          column: d.column,
          endLine: d.endLine,
          endColumn: d.endColumn,
        }));
        if (errors.length !== 1 || JSON.stringify(errors[0]) !== JSON.stringify(c.expect))
          wrong.push(`${file} ${typo.kind}: want ${JSON.stringify(c.expect)}, got ${JSON.stringify(errors)}`);
      }
    }
    console.log(`single typos: ${cases - wrong.length} of ${cases} cases give exactly one error on the typo`);
    expect(wrong).toEqual([]);
  });

  it('keeps the consequences when the target is nothing like any state (a renamed state is not a typo)', async () => {
    const text = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Finish' }, Done: { Type: 'Succeed' } },
    });
    const codes = (await errorsOf(text)).map((d) => `${d.code} ${d.state}`);
    expect(codes).toEqual(expect.arrayContaining(['unknown-target A', 'unreachable-state Done']));
  });

  it('keeps an unreachable state that no typo explains', async () => {
    const text = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Nxet: 'B' }, B: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } },
    });
    const codes = (await errorsOf(text)).map((d) => `${d.code} ${d.state}`);
    expect(codes).toContain('unreachable-state Orphan');
    expect(codes).not.toContain('unreachable-state B');
  });

  it('reads a typo as one the way people make them: swapped, missing, doubled or wrong letters, at most two', () => {
    expect(typoDistance('Nxet', 'Next')).toBe(1);
    expect(typoDistance('Edn', 'End')).toBe(1);
    expect(isTypoOf('Resoruce', 'Resource')).toBe(true);
    expect(isTypoOf('Nxt', 'Next')).toBe(true);
    expect(isTypoOf('Finish', 'Done')).toBe(false);
    expect(isTypoOf('Next', 'Next')).toBe(false);
    // Short names need proportionally fewer edits: "B" is not a typo of "A".
    expect(isTypoOf('B', 'A')).toBe(false);
  });
});
