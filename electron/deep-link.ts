/**
 * `statescope://` links for the desktop app. One route, with the parameters of the page's view links
 * (renderer/src/app/deep-link.ts): `statescope://open?doc=…&machine=…&state=…`, `…&execution=…`,
 * `…&xray=…&trace=…`, or `statescope://open?xray=…`. Pure (no Electron), so it is tested in plain Node: anything
 * that is not this route with only these parameters and absolute paths (or samples) is refused, and the page checks
 * the fragment again before it opens anything.
 */

export const LINK_SCHEME = 'statescope';
const KEYS = new Set(['doc', 'machine', 'state', 'execution', 'xray', 'trace']);
const PATH_KEYS = new Set(['doc', 'execution', 'xray']);
const MAX_LINK = 16_384;

function isLinkablePath(value: string): boolean {
  return (
    value.length > 0 &&
    value.length <= 4096 &&
    !value.includes('\u0000') &&
    (value.startsWith('sample:') || value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value))
  );
}

export interface AppLink {
  /** The page's fragment for the view (`#doc=…`). */
  hash: string;
  /** Host paths the link names (to be granted to the page, as files handed over on the command line are). */
  paths: string[];
}

/** The view a `statescope://` link names, or null when it is not a documented route. */
export function parseAppLink(url: string): AppLink | null {
  if (typeof url !== 'string' || url.length > MAX_LINK) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${LINK_SCHEME}:` || parsed.host !== 'open') return null;
  if (parsed.username || parsed.password || parsed.port || parsed.hash) return null;
  if (parsed.pathname !== '' && parsed.pathname !== '/') return null;
  const params = parsed.searchParams;
  const paths: string[] = [];
  for (const key of new Set(params.keys())) {
    if (!KEYS.has(key)) return null;
    const values = params.getAll(key);
    if (key !== 'xray' && values.length > 1) return null;
    if (PATH_KEYS.has(key)) {
      if (!values.every(isLinkablePath)) return null;
      paths.push(...values.filter((v) => !v.startsWith('sample:')));
    } else if (values.some((v) => v.length === 0 || v.length > 1024)) return null;
  }
  const has = (k: string) => params.has(k);
  if (!has('doc') && !has('xray')) return null;
  if (!has('doc') && (has('machine') || has('state') || has('execution') || has('trace'))) return null;
  if (has('trace') && !has('xray')) return null;
  return { hash: `#${params.toString()}`, paths };
}

/** Splits a command line into `statescope://` links and the rest (files and switches). */
export function linksFromArgv(argv: readonly string[]): { links: string[]; rest: string[] } {
  const links: string[] = [];
  const rest: string[] = [];
  for (const arg of argv) {
    if (arg.toLowerCase().startsWith(`${LINK_SCHEME}:`)) links.push(arg);
    else rest.push(arg);
  }
  return { links, rest };
}
