/**
 * SDK results carry Date objects, `$metadata` and undefined fields; the contract carries plain JSON. `plain`
 * converts once, here, so every reader returns the same shape the CLI prints and the renderer receives.
 */

/** Deep copy as JSON data: Dates become ISO strings, `$metadata` and undefined values are dropped. */
export function plain<T = unknown>(value: unknown): T {
  return convert(value, 0) as T;
}

function convert(value: unknown, depth: number): unknown {
  if (depth > 100) return null;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : null;
  if (Array.isArray(value)) return value.map((v) => convert(v, depth + 1));
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value !== null && typeof value === 'object') {
    const entries: [string, unknown][] = [];
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || v === undefined || typeof v === 'function') continue;
      entries.push([k, convert(v, depth + 1)]);
    }
    return Object.fromEntries(entries);
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** Collects every page of a paginated call; stops on a repeated token so a misbehaving server cannot loop us. */
export async function allPages<T>(
  fetchPage: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>,
  options: { maxItems?: number; maxPages?: number } = {},
): Promise<{ items: T[]; truncated: boolean }> {
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const maxPages = options.maxPages ?? 10_000;
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { items: got, next } = await fetchPage(token);
    if (got) items.push(...got);
    if (items.length >= maxItems)
      return { items: items.slice(0, maxItems), truncated: Boolean(next) || items.length > maxItems };
    if (!next || seen.has(next)) return { items, truncated: false };
    seen.add(next);
    token = next;
  }
  return { items, truncated: true };
}
