/**
 * Span ids kept as numbers. X-Ray ids are 16 hexadecimal digits (64 bits): the columns keep them as two 32-bit
 * words instead of one string per span, and make the string again when it is read (a record, a diagnostic, the
 * timeline's text). Why: 100,000 id strings (plus one `inferred:…` string per inferred node) were most of the
 * small objects a loaded trace kept, and the garbage collector copied each of them between generations during
 * the load. Any other id (upper case, another length, a number, none) is kept as its text.
 */
import { Flag } from './span-flags.ts';

/** Where span `k`'s id lives: words `words[2k]`, `words[2k + 1]`, or `text[k]` when that is not undefined. */
export interface IdColumns {
  words: Int32Array;
  text: (string | undefined)[] | undefined;
}

/** Value of each lower-case hexadecimal digit by char code (below 128), -1 for any other character. */
const HEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 16; c++) HEX[c < 10 ? 48 + c : 87 + c] = c;

/**
 * Stores `id` as span `k`'s two words when it is 16 lower-case hexadecimal digits and returns true; false (words
 * untouched) otherwise.
 */
export function putHexId(words: Int32Array, k: number, id: string): boolean {
  if (id.length !== 16) return false;
  let hi = 0;
  let lo = 0;
  let bad = 0;
  let codes = 0;
  for (let j = 0; j < 8; j++) {
    const a = id.charCodeAt(j);
    const b = id.charCodeAt(j + 8);
    const x = HEX[a & 127];
    const y = HEX[b & 127];
    // -1 (no digit) sets the sign bit of `bad` for good; `codes` says whether any char code was 128 or more.
    bad |= x | y;
    codes |= a | b;
    hi = (hi << 4) | x;
    lo = (lo << 4) | y;
  }
  if (bad < 0 || codes > 127) return false;
  words[2 * k] = hi;
  words[2 * k + 1] = lo;
  return true;
}

/** The 8 hexadecimal digits of a 32-bit word. */
function hex8(w: number): string {
  return (w >>> 0).toString(16).padStart(8, '0');
}

/** Span `k`'s id as stored (without the `inferred:` prefix of a synthetic node, see `Flag.INFERRED_ID`). */
export function storedId(ids: IdColumns, k: number): string {
  const text = ids.text?.[k];
  return text !== undefined ? text : hex8(ids.words[2 * k]) + hex8(ids.words[2 * k + 1]);
}

/** What the id of an inferred node we added for a call starts with, before its call's id. */
export const INFERRED_PREFIX = 'inferred:';

/** Span `k`'s id: the stored one, after `inferred:` for an inferred node we added for a call (its call's id). */
export function idOf(ids: IdColumns, flags: Uint16Array, k: number): string {
  const id = storedId(ids, k);
  return flags[k] & Flag.INFERRED_ID ? INFERRED_PREFIX + id : id;
}

/** A key for the low word of a hexadecimal id (a small integer, so sets of them hold no boxed numbers). */
export function lowKey(words: Int32Array, k: number): number {
  return words[2 * k + 1] & 0x3fffffff;
}
