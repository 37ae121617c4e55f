/**
 * What a tab can hold. Each kind has its own view; adding X-Ray traces or notes later means one more member of
 * this union and one more case in the shell's switch.
 */
import type { AslSource } from '../asl/AslDocumentView.tsx';

export type DocumentTab =
  | { id: string; kind: 'welcome'; title: string }
  /** `revision` goes up each time the file is re-read after a change on disk. */
  | { id: string; kind: 'asl'; title: string; source: AslSource; revision: number }
  /** A file that could not even be read (host refusal, binary, too large): its message lives in its own tab. */
  | { id: string; kind: 'unreadable'; title: string; path: string; message: string };

export type DocumentKind = DocumentTab['kind'];

let counter = 0;

/** A fresh tab id (stable for the tab's life; used as the worker's document id). */
export function newTabId(): string {
  counter += 1;
  return `tab-${counter}`;
}
