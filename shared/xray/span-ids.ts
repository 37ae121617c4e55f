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

/**
 * Span ids → numbers (span indexes, document indexes), for the tree build's look-ups by id. A hexadecimal id is
 * found by its two words in an open-addressing table (linear probing over typed arrays), any other id by its text
 * in a Map. Written here rather than with a Map of strings: a trace's look-ups by id (its parents, its documents'
 * ids) then make no id strings and hash none. A trace of the X-Ray developer guide's documents (100,000 spans,
 * 45,000 documents, each naming its parent in another) took 540 ms to load and map with a Set and a Map of
 * strings, 458 ms with this index (medians of 11 paired rounds, `npx tsx bench/xray-pair.ts … --real`).
 */
export class SpanIdIndex {
  /** Two words per slot. */
  private keys: Int32Array;
  /** -1 in an empty slot. */
  private values: Int32Array;
  private mask: number;
  private used = 0;
  private readonly texts = new Map<string, number>();
  private readonly probe = new Int32Array(2);

  /** An index for about `expected` ids (it grows past that). */
  constructor(expected = 0) {
    let slots = 16;
    while (slots < 2 * expected) slots *= 2;
    this.keys = new Int32Array(2 * slots);
    this.values = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  /** The value of span `k`'s id in `ids` (its words, or its text), or -1 when the index does not hold it. */
  getSpan(ids: IdColumns, k: number): number {
    const text = ids.text?.[k];
    if (text !== undefined) return this.texts.get(text) ?? -1;
    return this.values[this.slot(ids.words[2 * k], ids.words[2 * k + 1])];
  }

  /** Sets the value of span `k`'s id in `ids` (see `getSpan`). */
  setSpan(ids: IdColumns, k: number, value: number): void {
    const text = ids.text?.[k];
    if (text !== undefined) this.texts.set(text, value);
    else this.setWords(ids.words[2 * k], ids.words[2 * k + 1], value);
  }

  /** The value of the id written as `id`, or -1 when the index does not hold it. */
  get(id: string): number {
    if (!putHexId(this.probe, 0, id)) return this.texts.get(id) ?? -1;
    return this.values[this.slot(this.probe[0], this.probe[1])];
  }

  /** Sets the value of the id written as `id` (`value` ≥ 0). */
  set(id: string, value: number): void {
    if (!putHexId(this.probe, 0, id)) this.texts.set(id, value);
    else this.setWords(this.probe[0], this.probe[1], value);
  }

  private setWords(hi: number, lo: number, value: number): void {
    let s = this.slot(hi, lo);
    if (this.values[s] === -1) {
      if (2 * (this.used + 1) > this.values.length) {
        this.rehash();
        s = this.slot(hi, lo);
      }
      this.used++;
      this.keys[2 * s] = hi;
      this.keys[2 * s + 1] = lo;
    }
    this.values[s] = value;
  }

  /** The slot holding (hi, lo), or the empty slot where it would go. */
  private slot(hi: number, lo: number): number {
    const { keys, values, mask } = this;
    // The words of generated ids are uniform already; a multiplicative mix spreads made-up ids (0…01, 0…02).
    let s = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 0;
    s = (s ^ (s >>> 16)) & mask;
    while (values[s] !== -1 && (keys[2 * s] !== hi || keys[2 * s + 1] !== lo)) s = (s + 1) & mask;
    return s;
  }

  /** Twice the slots, every entry placed again. */
  private rehash(): void {
    const { keys, values } = this;
    const slots = 2 * values.length;
    this.keys = new Int32Array(2 * slots);
    this.values = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    for (let s = 0; s < values.length; s++) {
      if (values[s] === -1) continue;
      const t = this.slot(keys[2 * s], keys[2 * s + 1]);
      this.keys[2 * t] = keys[2 * s];
      this.keys[2 * t + 1] = keys[2 * s + 1];
      this.values[t] = values[s];
    }
  }
}
