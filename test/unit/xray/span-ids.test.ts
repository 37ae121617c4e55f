/**
 * Span ids kept as two 32-bit words (shared/xray/span-ids.ts): exactly the 16-digit lower-case hexadecimal ids
 * X-Ray writes are stored as numbers, and each reads back as the same string; every other id stays text.
 */
import { describe, expect, it } from 'vitest';
import { putHexId, storedId } from '../../../shared/xray/span-ids.ts';

const HEX16 = /^[0-9a-f]{16}$/;

function roundTrip(id: string): string | undefined {
  const words = new Int32Array(2);
  return putHexId(words, 0, id) ? storedId({ words, text: undefined }, 0) : undefined;
}

describe('span ids as words', () => {
  it.each([
    ['0123456789abcdef', true],
    ['ffffffffffffffff', true],
    ['0000000000000000', true],
    ['80000000ffffffff', true],
    ['0123456789ABCDEF', false],
    ['0123456789abcdeg', false],
    ['0123456789abcde', false],
    ['0123456789abcdef0', false],
    ['', false],
    ['inferred:0123456', false],
  ])('%s is stored as words: %s', (id, words) => {
    expect(roundTrip(id)).toBe(words ? id : undefined);
  });

  it('takes a string as words exactly when it is 16 lower-case hex digits, whatever character breaks it', () => {
    let checked = 0;
    for (let c = 0; c < 0x3000; c++) {
      for (const at of [0, 7, 8, 15]) {
        const id = `0123456789abcdef`.slice(0, at) + String.fromCharCode(c) + `0123456789abcdef`.slice(at + 1);
        expect(roundTrip(id)).toBe(HEX16.test(id) ? id : undefined);
        checked++;
      }
    }
    expect(checked).toBe(0x3000 * 4);
  });
});
