/**
 * Messages between the UI thread and the document worker. One file for both sides so a change to the protocol
 * is a type error wherever it is not followed.
 */
import type { DocumentSummary, LayoutResult } from '../../../shared/asl/prepared.ts';
import type { PackedGraph, PackedLayoutResult } from './layout-message.ts';

// The summary and the layout are shared with the host, which prepares the first document of a start-up.
export type { DocumentSummary, LayoutResult };

export type ToWorker =
  /** `name` is the file's base name; a bundled sample's `file` is `sample:<id>`, which says nothing to the loader. */
  | {
      type: 'open';
      requestId: number;
      docId: string;
      file: string;
      name: string;
      text: string;
    }
  | { type: 'layout'; requestId: number; docId: string; machine: number; collapsed: string[] }
  | { type: 'close'; docId: string }
  /** Lays out a tiny machine so ELK's first (slow, cold) run happens before the user opens anything. */
  | { type: 'warm' }
  | { type: 'read-result'; readId: number; ok: true; path: string; text: string }
  | { type: 'read-result'; readId: number; ok: false; message: string };

export type FromWorker =
  | { type: 'opened'; requestId: number; summary: DocumentSummary }
  /**
   * The graph of a layout request, posted before the worker lays it out (layout-message.ts: `packGraph`); the
   * request's `layout` reply follows with its graph `'posted'`.
   */
  | { type: 'graph'; requestId: number; graph: PackedGraph }
  /** Packed for the crossing (layout-message.ts); the client unpacks it. */
  | { type: 'layout'; requestId: number; result: PackedLayoutResult }
  | { type: 'failed'; requestId: number; message: string }
  /** The loader needs a file next to the opened one (DefinitionUri); the UI thread asks the host. */
  | { type: 'read'; readId: number; from: string; path: string };
