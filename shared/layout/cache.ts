/** Scope layouts cached by a hash of their content, so an edit re-lays-out only the scopes that changed. */
import type { GraphEdge } from '../asl/types.ts';
import type { Item, ScopeLayout } from './model.ts';

/** Scope layouts by content hash, shared between successive layouts of the same (edited) document. */
export interface LayoutCache {
  get(key: string): ScopeLayout | undefined;
  set(key: string, value: ScopeLayout): void;
  readonly size: number;
  hits: number;
  misses: number;
  clear(): void;
}

/** Creates a cache to pass to `layoutGraph` on every re-layout of one document (bounded, least-recently used). */
export function createLayoutCache(maxEntries = 5000): LayoutCache {
  const map = new Map<string, ScopeLayout>();
  const cache: LayoutCache = {
    hits: 0,
    misses: 0,
    get size() {
      return map.size;
    },
    get(key) {
      const v = map.get(key);
      if (v) {
        map.delete(key);
        map.set(key, v);
        cache.hits++;
      } else cache.misses++;
      return v;
    },
    set(key, value) {
      map.set(key, value);
      while (map.size > maxEntries) {
        const oldest = map.keys().next().value;
        if (oldest === undefined) break;
        map.delete(oldest);
      }
    },
    clear() {
      map.clear();
      cache.hits = 0;
      cache.misses = 0;
    },
  };
  return cache;
}

/** FNV-1a over two seeds, giving a 64-bit hex key for a scope's content. */
export function hashKey(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function scopeHash(
  scope: { items: Item[]; edges: GraphEdge[] },
  direction: string,
  fast: boolean,
  extra = '',
): string {
  const parts: string[] = [direction, fast ? 'fast' : 'best', extra];
  for (const it of scope.items) parts.push(`${it.id}\u0001${it.kind}\u0001${it.width}\u0001${it.height}`);
  parts.push('\u0002');
  // The label is part of the key: the small layered layout sizes the gaps by the labels' widths.
  for (const e of scope.edges) parts.push(`${e.id}\u0001${e.from}\u0001${e.to}\u0001${e.kind}\u0001${e.label ?? ''}`);
  return hashKey(parts.join('\u0003'));
}
