/**
 * Links to a view: the document (a host path or `sample:<id>`), the state machine in it and the selected state,
 * kept in the URL's fragment (`#doc=…&machine=…&state=…`) so a reload, a bookmark or a pasted link in web mode
 * opens the same view. Files picked in the browser and definitions fetched from AWS have no path to link to.
 */

export interface ViewLink {
  doc: string;
  machine?: string;
  state?: string;
}

/** Whether `path` can be opened again from a link: a sample or an absolute host path. */
export function linkable(path: string): boolean {
  return path.startsWith('sample:') || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/** The view a fragment names, or null when it names none (or is malformed). */
export function parseLink(hash: string): ViewLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const doc = params.get('doc');
  if (!doc || !linkable(doc) || doc.length > 4096) return null;
  const link: ViewLink = { doc };
  const machine = params.get('machine');
  const state = params.get('state');
  if (machine) link.machine = machine.slice(0, 1024);
  if (state) link.state = state.slice(0, 1024);
  return link;
}

/** The fragment for a view ('' when the document cannot be linked). */
export function formatLink(link: ViewLink): string {
  if (!linkable(link.doc)) return '';
  const params = new URLSearchParams({ doc: link.doc });
  if (link.machine) params.set('machine', link.machine);
  if (link.state) params.set('state', link.state);
  return `#${params.toString()}`;
}
