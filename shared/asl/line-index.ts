/**
 * Offset → line/column lookups for one text. Diagnostics need 1-based positions for many states of a large
 * file, and scanning from the start for each one would be quadratic, so the line starts are indexed once.
 */

/** A reusable converter from 0-based offsets to 1-based line and column for one text. */
export interface LineIndex {
  position(offset: number): { line: number; column: number };
}

/** Indexes the line starts of `text` once (linear), then answers each lookup with a binary search. */
export function lineIndex(text: string): LineIndex {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    position(offset: number) {
      const at = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: at - starts[lo]! + 1 };
    },
  };
}
