/**
 * When typing asks the host for completions (renderer/src/editor/language.ts): inside strings and after words,
 * where ASL has names to offer; not after numbers, signs, colons or spaces, where it has none and each request
 * would make the host analyse the whole text again.
 */
import { describe, expect, it } from 'vitest';
import { wantsCompletion } from '../../../renderer/src/editor/language.ts';

describe('wantsCompletion', () => {
  it.each([
    ['      "Next": "', true],
    ['      "Next": "Step 00', true],
    ['      "ResultP', true],
    ['      "Resource": "arn:aws:states:::lambda:', true],
    ['  Next: Sto', true],
    ['    Type', true],
    ['      "Seconds": -', false],
    ['      "Seconds": 5', false],
    ['      "Seconds": ', false],
    ['      "Next": "Done",', false],
    ['      "Comment": "say \\"hi', true],
    ['', false],
  ])('%j → %s', (before, expected) => {
    expect(wantsCompletion(before, false)).toBe(expected);
  });

  it('always asks when the user asks (Ctrl+Space)', () => {
    expect(wantsCompletion('      "Seconds": ', true)).toBe(true);
  });
});
