/**
 * What names one laid-out view of a document: the machine and its collapsed groups, in any order. Its own module
 * (no imports) so the page's main thread can use it without pulling in the loader and the layout.
 */
export function layoutKey(machine: number, collapsed: readonly string[]): string {
  return `${machine}\u0000${[...new Set(collapsed)].sort().join('\u0000')}`;
}
