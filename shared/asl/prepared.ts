/**
 * A document as the page shows it: the summary of a loaded file (its machines and the loader's findings, without
 * the parsed definitions) and one machine's graph with its positions. The document worker produces these for
 * every open; the host produces the same for the document a start-up shows first (`prepareDocument`), ahead of
 * the page, so the first graph does not wait for the worker's cold start.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { layoutGraph } from '../layout/layout.ts';
import type { Layout } from '../layout/types.ts';
import { buildGraph } from './graph.ts';
import { loadDocument, type LoadOptions } from './load.ts';
import type { DocumentFormat, LoadedDocument, MachineSource, StateGraph } from './types.ts';

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
  /** True when the host laid it out (`prepareDocument`: the first sample, or a file opened while the page's worker was still starting). */
  byHost?: boolean;
}

/** A file loaded, with its first machine laid out (nothing collapsed): what a freshly opened tab shows. */
export interface PreparedDocument {
  summary: DocumentSummary;
  /** Null when the file holds no machine (the summary's diagnostics say why). */
  layout: LayoutResult | null;
}

/** The summary of a loaded file. */
export function summaryOf(file: string, loaded: LoadedDocument, loadMs: number): DocumentSummary {
  return {
    file,
    format: loaded.machines.length > 0 || loaded.format ? loaded.format : null,
    machines: loaded.machines.map((m) => ({
      name: m.name,
      resourceType: m.resourceType,
      definitionFile: m.definitionFile,
      placeholders: m.placeholders,
      stateSpans: m.stateSpans,
    })),
    diagnostics: loaded.diagnostics,
    loadMs,
  };
}

/**
 * Loads `text` and lays out its first machine, the way the document worker opens a file and lays out machine 0
 * with nothing collapsed. `file` is the path the page knows the document by (`sample:<id>` for a sample),
 * `loaderFile` the name the loader sees (the sample's file name). Throws only where the worker would fail too.
 */
export async function prepareDocument(
  file: string,
  loaderFile: string,
  text: string,
  options: LoadOptions & { now?: () => number } = {},
): Promise<PreparedDocument> {
  // shared/ has no DOM or Node globals: the caller passes its clock (performance.now), else Date.now.
  const now = options.now ?? Date.now;
  const t0 = now();
  const loaded = await loadDocument(loaderFile, text, { readFile: options.readFile });
  const summary = summaryOf(file, loaded, now() - t0);
  const machine = loaded.machines[0];
  if (!machine) return { summary, layout: null };
  const t1 = now();
  const graph = buildGraph(machine);
  const t2 = now();
  const layout = await layoutGraph(graph, { collapsed: [] });
  return {
    summary,
    layout: {
      machine: 0,
      collapsed: [],
      graph,
      layout,
      diagnostics: [],
      graphMs: t2 - t1,
      layoutMs: now() - t2,
      cached: false,
      byHost: true,
    },
  };
}
