/**
 * What a tab can hold. Each kind has its own view; the shell's switch picks it.
 */
import type { AslSource } from '../asl/AslDocumentView.tsx';
import type { XrayInput } from '../workers/xray-messages.ts';

/**
 * One X-Ray file (or data fetched from AWS) shown in an X-Ray tab: its text, or (a large file picked or dropped in
 * the window) the file itself, read and decoded by the X-Ray worker.
 */
export type XrayFile = XrayInput & {
  /** Where it was read from, when it can be read again (a host path or a sample): for links and reloads. */
  path?: string;
};

export type DocumentTab =
  | { id: string; kind: 'welcome'; title: string }
  /** `revision` goes up each time the file is re-read after a change on disk. */
  | { id: string; kind: 'asl'; title: string; source: AslSource; revision: number; fetched?: boolean }
  /**
   * Several X-Ray files opened together merge into one tab (traces by id). `fetched`: came from AWS, not a file;
   * `live`: the traces the local receiver gets (`serve --daemon`), refreshed as they arrive.
   */
  | { id: string; kind: 'xray'; title: string; files: XrayFile[]; fetched?: boolean; live?: boolean }
  /** The study-notes browser. */
  | { id: string; kind: 'notes'; title: string }
  /** The read-only AWS account panel. */
  | { id: string; kind: 'aws'; title: string }
  /** A file that could not even be read (host refusal, binary, too large): its message lives in its own tab. */
  | { id: string; kind: 'unreadable'; title: string; path: string; message: string };

export type DocumentKind = DocumentTab['kind'];

let counter = 0;

/** A fresh tab id (stable for the tab's life; used as the worker's document id). */
export function newTabId(): string {
  counter += 1;
  return `tab-${counter}`;
}

/** Loose name match between a drawn machine and an X-Ray segment ("order-processing" ~ "OrderProcessing"). */
export function sameMachineName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\.asl\.(json|ya?ml)$|\.(json|ya?ml)$/, '')
      .replace(/[^a-z0-9]/g, '');
  return norm(a) !== '' && norm(a) === norm(b);
}

/** Starts a browser download of `text` (what "Save as file" does for anything fetched). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_') || 'statescope.json';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Tab titles that tell files with the same name apart: each title that another tab shares gets the shortest run
 * of parent folders that makes it unique (`index.asl.json — orders`, `index.asl.json — billing`). Tabs without
 * a path (samples, fetched definitions) keep their title. Returns the labels by tab id.
 */
export function disambiguatedTitles(
  tabs: readonly { id: string; title: string; path?: string }[],
): Map<string, string> {
  const out = new Map<string, string>();
  const byTitle = new Map<string, { id: string; title: string; path?: string }[]>();
  for (const t of tabs) {
    out.set(t.id, t.title);
    const list = byTitle.get(t.title) ?? [];
    list.push(t);
    byTitle.set(t.title, list);
  }
  for (const list of byTitle.values()) {
    if (list.length < 2) continue;
    const folders = list.map((t) => (t.path ?? '').split(/[\\/]/).filter(Boolean).slice(0, -1));
    const deepest = Math.max(...folders.map((f) => f.length));
    for (let depth = 1; depth <= Math.max(1, deepest); depth++) {
      const suffixes = folders.map((f) => f.slice(Math.max(0, f.length - depth)).join('/'));
      const unique = new Set(suffixes).size === suffixes.length || depth >= deepest;
      if (!unique) continue;
      list.forEach((t, i) => {
        if (suffixes[i]) out.set(t.id, `${t.title} — ${suffixes[i]}`);
      });
      break;
    }
  }
  return out;
}
