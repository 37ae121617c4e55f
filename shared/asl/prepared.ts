/**
 * A document as the page shows it: the summary of a loaded file (its machines and the loader's findings, without
 * the parsed definitions) and one machine's graph with its positions. The document worker produces these for
 * every open; the host produces the same for the document a start-up shows first (`prepareDocument`), ahead of
 * the page, so the first graph does not wait for the worker's cold start.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { createLayoutCache, layoutGraph } from '../layout/layout.ts';
import type { Layout } from '../layout/types.ts';
import { buildGraph } from './graph.ts';
import { loadDocument, type LoadOptions } from './load.ts';
import { layoutKey } from './view-key.ts';
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

/** A loaded document with what was computed from it: graphs per machine, laid-out views, the layout cache. */
export interface OpenDocument {
  loaded: LoadedDocument;
  graphs: Map<number, { graph: StateGraph | null; diagnostics: Diagnostic[]; ms: number }>;
  cache: ReturnType<typeof createLayoutCache>;
  layouts: Map<string, Layout>;
}

/** The clock and the reads of an open; shared/ has no DOM or Node globals, so the caller passes its clock. */
export interface OpenOptions {
  readFile?: LoadOptions['readFile'];
  now?: () => number;
  /** The layout cache of the previous text of the same document (an edit): unchanged parts keep their places. */
  cache?: ReturnType<typeof createLayoutCache>;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

function internalDiagnostic(message: string, machine: string | undefined, code: string): Diagnostic {
  return { severity: 'error', message, line: 1, column: 1, machine, source: 'statescope', code };
}

/**
 * Loads a document as the page shows it. `file` is the path the page knows it by (`sample:<id>` for a bundled
 * sample, whose loader sees `name`, the sample's file name, for the machine name and the JSON/YAML hint). Never
 * throws: a crash of the loader is a diagnostic of an empty document.
 */
export async function openDocument(
  file: string,
  name: string,
  text: string,
  options: OpenOptions = {},
): Promise<{ doc: OpenDocument; summary: DocumentSummary }> {
  const now = options.now ?? Date.now;
  const started = now();
  let loaded: LoadedDocument;
  const loaderFile = file.startsWith('sample:') ? name : file;
  try {
    loaded = await loadDocument(loaderFile, text, { readFile: options.readFile });
  } catch (err) {
    loaded = {
      file,
      format: 'asl-json',
      text,
      machines: [],
      diagnostics: [internalDiagnostic(`Could not load ${file}: ${messageOf(err)}`, undefined, 'load-crash')],
    };
  }
  const summary = summaryOf(file, loaded, now() - started);
  return {
    doc: { loaded, graphs: new Map(), cache: options.cache ?? createLayoutCache(), layouts: new Map() },
    summary,
  };
}

function graphOf(doc: OpenDocument, index: number, now: () => number) {
  let entry = doc.graphs.get(index);
  if (entry) return entry;
  const machine = doc.loaded.machines[index];
  const started = now();
  if (!machine) {
    entry = { graph: null, diagnostics: [], ms: 0 };
  } else {
    try {
      entry = { graph: buildGraph(machine), diagnostics: [], ms: now() - started };
    } catch (err) {
      entry = {
        graph: null,
        diagnostics: [
          internalDiagnostic(`Could not draw ${machine.name}: ${messageOf(err)}`, machine.name, 'graph-crash'),
        ],
        ms: now() - started,
      };
    }
  }
  doc.graphs.set(index, entry);
  return entry;
}

/**
 * One machine's graph and positions with the given groups collapsed, from the document's caches where it can.
 * Never throws: a crash of the graph or the layout is a diagnostic. `beforeLayout` is given the graph when its
 * positions are not cached, just before they are computed (the document worker posts the graph then).
 */
export async function layoutOf(
  doc: OpenDocument,
  machine: number,
  collapsed: readonly string[],
  now: () => number = Date.now,
  beforeLayout?: (graph: StateGraph) => void,
): Promise<LayoutResult> {
  const { graph, diagnostics, ms } = graphOf(doc, machine, now);
  const sorted = [...new Set(collapsed)].sort();
  const base: LayoutResult = {
    machine,
    collapsed: sorted,
    graph,
    layout: null,
    diagnostics: [...diagnostics],
    graphMs: ms,
    layoutMs: 0,
    cached: false,
  };
  if (!graph) return base;
  const key = layoutKey(machine, sorted);
  const hit = doc.layouts.get(key);
  if (hit) return { ...base, layout: hit, cached: true };
  beforeLayout?.(graph);
  const started = now();
  try {
    const positioned = await layoutGraph(graph, { collapsed: sorted, cache: doc.cache });
    doc.layouts.set(key, positioned);
    return { ...base, layout: positioned, layoutMs: now() - started };
  } catch (err) {
    base.diagnostics.push(
      internalDiagnostic(`Could not lay out ${graph.name}: ${messageOf(err)}`, graph.name, 'layout-crash'),
    );
    return { ...base, layoutMs: now() - started };
  }
}

/**
 * Loads `text` and lays out its first machine with nothing collapsed, exactly as the document worker opens a file
 * (the same `openDocument` and `layoutOf`): what the host hands the page for the first sample of a start-up, or
 * for a file opened while the page's worker is still starting.
 */
export async function prepareDocument(
  file: string,
  name: string,
  text: string,
  options: Omit<OpenOptions, 'cache'> = {},
): Promise<PreparedDocument> {
  const { doc, summary } = await openDocument(file, name, text, options);
  if (doc.loaded.machines.length === 0) return { summary, layout: null };
  return { summary, layout: { ...(await layoutOf(doc, 0, [], options.now)), byHost: true } };
}
