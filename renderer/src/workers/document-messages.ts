/**
 * Messages between the UI thread and the document worker. One file for both sides so a change to the protocol
 * is a type error wherever it is not followed.
 */
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import type { DocumentFormat, MachineSource, StateGraph } from '../../../shared/asl/types.ts';
import type { Layout } from '../../../shared/layout/types.ts';

/** What the UI needs to know about a loaded file, without the (possibly large) parsed definitions. */
export interface DocumentSummary {
  file: string;
  format: DocumentFormat | null;
  machines: Pick<MachineSource, 'name' | 'resourceType' | 'definitionFile' | 'placeholders' | 'stateSpans'>[];
  diagnostics: Diagnostic[];
  /** Milliseconds spent in the loader. */
  loadMs: number;
}

/** A machine's graph and its positions for one set of collapsed groups. */
export interface LayoutResult {
  machine: number;
  collapsed: string[];
  graph: StateGraph | null;
  layout: Layout | null;
  /** Problems found while building the graph or laying it out (in addition to the graph's own). */
  diagnostics: Diagnostic[];
  graphMs: number;
  layoutMs: number;
  /** True when the positions came from the worker's cache. */
  cached: boolean;
}

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
  | { type: 'layout'; requestId: number; result: LayoutResult }
  | { type: 'failed'; requestId: number; message: string }
  /** The loader needs a file next to the opened one (DefinitionUri); the UI thread asks the host. */
  | { type: 'read'; readId: number; from: string; path: string };
