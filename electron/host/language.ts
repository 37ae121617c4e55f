/**
 * `asl.complete` and `asl.hover`: completions and hover text for the code view from amazon-states-language-service.
 * The service is far too large for the renderer bundle, so it runs here on the text being edited (unsaved). Only
 * plain ASL definitions (JSON or YAML) get answers: in a SAM/CloudFormation template the definition sits inside
 * the template and the service's schema does not fit, so templates get empty answers.
 */
import asls from 'amazon-states-language-service';
import { aslLanguageService } from '../../shared/asl/validate-checkers.ts';

/** Larger texts get no completions or hover (the service re-parses the whole text on every request). */
export const MAX_LANGUAGE_CHARS = 2 * 1024 * 1024;

/** A request slower than this answers empty instead of keeping the editor waiting. */
export const LANGUAGE_TIMEOUT_MS = 3_000;

/** At most this many completion items go back to the renderer (those matching what is typed come first). */
export const MAX_COMPLETION_ITEMS = 300;

/** One completion offered in the code view; `insertText` is plain text (snippet placeholders resolved). */
export interface CompletionItem {
  label: string;
  kind: string;
  detail?: string;
  insertText?: string;
  documentation?: string;
}

/** Completions for one cursor position; `from`..`to` is the text the chosen item replaces. */
export interface CompletionResult {
  items: CompletionItem[];
  from: number;
  to: number;
}

/** Hover text (markdown) for one position, with the range it describes. */
export interface HoverResult {
  markdown: string | null;
  from?: number;
  to?: number;
}

const service = aslLanguageService;

/** True for a text that looks like a SAM/CloudFormation template rather than a state machine definition. */
export function looksLikeTemplate(text: string): boolean {
  if (/["']?AWSTemplateFormatVersion["']?\s*:/.test(text)) return true;
  if (/^\s*["']?Transform["']?\s*:\s*["']?AWS::Serverless/m.test(text)) return true;
  const hasResources = /(^|[{,\s])["']?Resources["']?\s*:/m.test(text);
  const hasStates = /(^|[{,\s])["']?States["']?\s*:/m.test(text);
  return hasResources && !hasStates;
}

/** JSON or YAML: the file name decides when it can, otherwise the first character of the text. */
export function isYaml(file: string, text: string): boolean {
  const name = file.startsWith('sample:') ? file.slice('sample:'.length) : file;
  if (/\.ya?ml$/i.test(name)) return true;
  if (/\.json$/i.test(name)) return false;
  return !text.trimStart().replace(/^\ufeff/, '').startsWith('{');
}

/**
 * Snippet syntax (`${1:default}`, `$1`, `${2|a,b|}`, `$0`) as the plain text CodeMirror inserts: placeholders keep
 * their default, choices their first option, tab stops vanish, `\$` `\}` `\\` unescape.
 */
export function snippetToText(snippet: string): string {
  let out = '';
  let i = 0;
  const read = (stopAtBrace: boolean): string => {
    let s = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
        s += snippet[i + 1];
        i += 2;
      } else if (stopAtBrace && c === '}') {
        return s;
      } else if (c === '$' && snippet[i + 1] === '{') {
        const m = /^\$\{(\d+|[A-Za-z_][A-Za-z0-9_]*)(:|\||\})/.exec(snippet.slice(i));
        if (!m) {
          s += c;
          i++;
          continue;
        }
        i += m[0].length;
        if (m[2] === '}') continue;
        if (m[2] === ':') {
          s += read(true);
          i++; // the closing brace
        } else {
          const end = snippet.indexOf('|}', i);
          const choices = end === -1 ? snippet.slice(i) : snippet.slice(i, end);
          s += choices.split(',')[0] ?? '';
          i = end === -1 ? snippet.length : end + 2;
        }
      } else if (c === '$' && /[0-9A-Za-z_]/.test(snippet[i + 1] ?? '')) {
        const m = /^\$(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(snippet.slice(i))!;
        i += m[0].length;
      } else {
        s += c;
        i++;
      }
    }
    return s;
  };
  out = read(false);
  return out;
}

// CompletionItemKind numbers of the language server protocol, as names the editor knows.
const KINDS: Record<number, string> = {
  1: 'text', 2: 'method', 3: 'function', 5: 'property', 6: 'variable', 7: 'class', 9: 'namespace', 10: 'property',
  12: 'constant', 13: 'enum', 14: 'keyword', 15: 'text', 17: 'text', 20: 'enum', 21: 'constant', 22: 'type',
};

function docText(doc: unknown): string | undefined {
  if (typeof doc === 'string') return doc || undefined;
  if (doc && typeof doc === 'object' && typeof (doc as { value?: unknown }).value === 'string') return (doc as { value: string }).value || undefined;
  return undefined;
}

function markedText(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(markedText).filter(Boolean).join('\n\n');
  if (contents && typeof contents === 'object') {
    const c = contents as { value?: unknown; language?: unknown };
    if (typeof c.value === 'string') return typeof c.language === 'string' ? '```' + c.language + '\n' + c.value + '\n```' : c.value;
  }
  return '';
}

async function withTimeout<T>(work: () => Promise<T>, empty: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(empty), LANGUAGE_TIMEOUT_MS);
    });
    return await Promise.race([work(), timeout]);
  } catch {
    return empty;
  } finally {
    clearTimeout(timer);
  }
}

function prepare(file: string, text: string, offset: number) {
  if (typeof text !== 'string' || text.length > MAX_LANGUAGE_CHARS || !Number.isInteger(offset)) return null;
  if (offset < 0 || offset > text.length || text.includes('\0') || looksLikeTemplate(text)) return null;
  const yaml = isYaml(file, text);
  const doc = asls.TextDocument.create(yaml ? 'file:///definition.asl.yaml' : 'file:///definition.asl.json', yaml ? 'yaml' : 'json', 1, text);
  return { ls: service(yaml), doc };
}

/** Completions at `offset` in `text` (as the file `file`). Never throws: any failure is an empty list. */
export async function completeAt(file: string, text: string, offset: number): Promise<CompletionResult> {
  const empty: CompletionResult = { items: [], from: offset, to: offset };
  return withTimeout(async () => {
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
      const edit = item.textEdit as { range?: { start: unknown; end: unknown }; replace?: { start: unknown; end: unknown }; newText: string } | undefined;
      const range = (edit?.range ?? edit?.replace) as { start: { line: number; character: number }; end: { line: number; character: number } } | undefined;
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
  }, empty);
}

/** Hover text at `offset` in `text` (as the file `file`). Never throws: any failure is `{ markdown: null }`. */
export async function hoverAt(file: string, text: string, offset: number): Promise<HoverResult> {
  const empty: HoverResult = { markdown: null };
  return withTimeout(async () => {
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
  }, empty);
}
