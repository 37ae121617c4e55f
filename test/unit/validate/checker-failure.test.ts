/**
 * A library checker that throws is one plain warning: the exception's own text (library internals) is not shown,
 * and our own rules still report what they find.
 */
import { describe, expect, it } from 'vitest';

import { loadDocument } from '../../../shared/asl/load.ts';
import { validateDocument } from '../../../shared/asl/validate.ts';
import type { LibraryCheckers } from '../../../shared/asl/validate-raw.ts';

/** Checkers that fail the way the libraries have failed on hostile input. */
const THROWING: LibraryCheckers = {
  asls: async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'kind')");
  },
  aslValidator: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
};

describe('a checker that throws', () => {
  it('gives one warning per checker in plain words, and our rules still run', async () => {
    const text = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' } } }, null, 2);
    const list = await validateDocument(await loadDocument('sm.asl.json', text), THROWING);
    const warnings = list.filter((d) => d.code === 'checker-failed');
    expect(warnings.map((d) => d.message).sort()).toEqual([
      'The ASL language service failed on this definition (an internal error of that library), so its checks are missing; the other checks ran',
      'asl-validator failed on this definition (an internal error of that library), so its checks are missing; the other checks ran',
    ]);
    expect(list.some((d) => /Cannot read properties|call stack/.test(d.message))).toBe(false);
    expect(list.filter((d) => d.severity === 'error').map((d) => d.code)).toContain('unknown-target');
  });
});
