/**
 * The work behind `asl.validate`, `asl.complete` and `asl.hover`, run inside the language worker
 * (electron/host/language-worker.ts). amazon-states-language-service, asl-validator and Statescope's rules are
 * synchronous and slow on large machines (seconds at 5,000 states), so the host never runs them on its own event
 * loop: only the worker imports this module. The CLI calls the shared validators directly instead.
 */
import asls from 'amazon-states-language-service';
import type { Diagnostic } from '../../shared/diagnostics.ts';
import { loadDocument } from '../../shared/asl/load.ts';
import { isFatal } from '../../shared/asl/report.ts';
import { buildGraph } from '../../shared/asl/graph.ts';
import { validateForReport } from './asl-validate.ts';
import { aslLanguageService } from './asl-checkers.ts';
import { isYaml, languageInputOk, MAX_COMPLETION_ITEMS, snippetToText } from './language.ts';
import type {
  CompletionItem,
  CompletionResult,
  HoverResult,
  LanguageRequest,
  LanguageResults,
} from './language-worker-messages.ts';

/** Builds the costly schema services once, so the first request is not slowed by it. */
export function warmUp(): void {
  aslLanguageService(false);
  aslLanguageService(true);
}

/** Full validation of `text` as the file `file`, leaving out what the renderer's own loader already reports. */
export async function validateNow(file: string, text: string): Promise<Diagnostic[]> {
  // Samples are `sample:<id>`: the id ends with the real file name, which carries the JSON/YAML hint.
  const name = file.startsWith('sample:') ? file.slice('sample:'.length) : file;
  const doc = await loadDocument(name, text);
  if (isFatal(doc)) return [];
  // The renderer already shows the loader's and the graph builder's problems: leave those out, as `graph --json` does.
  const shown: Diagnostic[] = [];
  for (const machine of doc.machines) {
    try {
      shown.push(...buildGraph(machine).diagnostics);
    } catch {
      // A machine the builder cannot draw is reported by the renderer's own worker.
    }
  }
  return validateForReport(doc, shown);
}

// CompletionItemKind numbers of the language server protocol, as names the editor knows.
const KINDS: Record<number, string> = {
  1: 'text',
  2: 'method',
  3: 'function',
  5: 'property',
  6: 'variable',
  7: 'class',
  9: 'namespace',
  10: 'property',
  12: 'constant',
  13: 'enum',
  14: 'keyword',
  15: 'text',
  17: 'text',
  20: 'enum',
  21: 'constant',
  22: 'type',
};

function docText(doc: unknown): string | undefined {
  if (typeof doc === 'string') return doc || undefined;
  if (doc && typeof doc === 'object' && typeof (doc as { value?: unknown }).value === 'string')
    return (doc as { value: string }).value || undefined;
  return undefined;
}

function markedText(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(markedText).filter(Boolean).join('\n\n');
  if (contents && typeof contents === 'object') {
    const c = contents as { value?: unknown; language?: unknown };
    if (typeof c.value === 'string')
      return typeof c.language === 'string' ? '```' + c.language + '\n' + c.value + '\n```' : c.value;
  }
  return '';
}

function prepare(file: string, text: string, offset: number) {
  if (!languageInputOk(text, offset)) return null;
  const yaml = isYaml(file, text);
  const doc = asls.TextDocument.create(
    yaml ? 'file:///definition.asl.yaml' : 'file:///definition.asl.json',
    yaml ? 'yaml' : 'json',
    1,
    text,
  );
  return { ls: aslLanguageService(yaml), doc };
}

/** Completions at `offset` in `text` (as the file `file`); an empty list when the service has none. */
export async function completeNow(file: string, text: string, offset: number): Promise<CompletionResult> {
  const empty: CompletionResult = { items: [], from: offset, to: offset };
  const ready = prepare(file, text, offset);
  if (!ready) return empty;
  const { ls, doc } = ready;
  const list = await ls.doComplete(doc, doc.positionAt(offset), ls.parseJSONDocument(doc));
  if (!list || !Array.isArray(list.items)) return empty;
  let from = offset;
  let to = offset;
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const item of list.items) {
    const edit = item.textEdit as
      | { range?: { start: unknown; end: unknown }; replace?: { start: unknown; end: unknown }; newText: string }
      | undefined;
    const range = (edit?.range ?? edit?.replace) as
      { start: { line: number; character: number }; end: { line: number; character: number } } | undefined;
    if (range && items.length === 0) {
      from = doc.offsetAt(range.start);
      to = doc.offsetAt(range.end);
    }
    const raw = edit?.newText ?? item.insertText ?? item.label;
    const insert = item.insertTextFormat === 2 ? snippetToText(raw) : raw;
    const key = `${item.label}\u0000${insert}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const out: CompletionItem = { label: item.label, kind: KINDS[item.kind ?? 0] ?? 'text' };
    if (item.detail) out.detail = item.detail;
    if (insert !== item.label) out.insertText = insert;
    const documentation = docText(item.documentation);
    if (documentation) out.documentation = documentation;
    items.push(out);
  }
  from = Math.min(from, offset);
  if (items.length > MAX_COMPLETION_ITEMS) {
    // A machine with many states: keep the items that match the typed text, so the one wanted is not cut off.
    const typed = text.slice(from, offset).replace(/^["']/, '').toLowerCase();
    const matches = (i: CompletionItem) => i.label.replace(/^["']/, '').toLowerCase().includes(typed);
    items.sort((a, b) => Number(matches(b)) - Number(matches(a)));
    items.length = MAX_COMPLETION_ITEMS;
  }
  return { items, from, to: Math.max(to, offset) };
}

/** Hover text at `offset` in `text` (as the file `file`); `{ markdown: null }` when there is none. */
export async function hoverNow(file: string, text: string, offset: number): Promise<HoverResult> {
  const empty: HoverResult = { markdown: null };
  const ready = prepare(file, text, offset);
  if (!ready) return empty;
  const { ls, doc } = ready;
  const hover = await ls.doHover(doc, doc.positionAt(offset), ls.parseJSONDocument(doc));
  if (!hover) return empty;
  const markdown = markedText(hover.contents).trim();
  if (!markdown) return empty;
  const result: HoverResult = { markdown };
  if (hover.range) {
    result.from = doc.offsetAt(hover.range.start);
    result.to = doc.offsetAt(hover.range.end);
  }
  return result;
}

/** Runs one request from the host. Throws on failure; the worker turns that into a `failed` reply. */
export async function runLanguageTask(request: LanguageRequest): Promise<LanguageResults[LanguageRequest['kind']]> {
  switch (request.kind) {
    case 'validate':
      return validateNow(request.args.file, request.args.text);
    case 'complete':
      return completeNow(request.args.file, request.args.text, request.args.offset);
    case 'hover':
      return hoverNow(request.args.file, request.args.text, request.args.offset);
  }
}
