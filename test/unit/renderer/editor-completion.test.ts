/**
 * When typing asks the host for completions (renderer/src/editor/language.ts): inside strings and after words,
 * where ASL has names to offer; not after numbers, signs, colons or spaces, where it has none and each request
 * would make the host analyse the whole text again.
 */
import { describe, expect, it } from 'vitest';
import { COMPLETION_VALID_FOR, wantsCompletion } from '../../../renderer/src/editor/language.ts';

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

describe('a list of completions stays valid', () => {
  it.each([
    ['ResultP', true],
    ['TimeoutSec', true],
    ['Wait', true],
    ['arn:aws:states:::lambda:invoke.waitForTaskToken', true],
    ['arn:aws:lambda:us-east-1:123456789012:function:step-1', true],
    ['$.input.items', true],
    ['', true],
    ['ResultPath"', false],
    ['ResultPath,', false],
    ['Wait A', false],
    ['{', false],
  ])('while %j is typed after it opened: %s', (typed, valid) => {
    // CodeMirror filters the host's list itself while this holds; anything else asks the host again.
    expect(COMPLETION_VALID_FOR.test(typed)).toBe(valid);
  });
});
