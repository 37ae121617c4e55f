/**
 * `asl.complete` and `asl.hover`: completions and hover text for the code view from amazon-states-language-service.
 * The service is far too large for the renderer bundle, so it runs in the host on the text being edited (unsaved),
 * in a worker thread of its own (language-worker.ts; validation has another, so typing never waits behind a long
 * validation). Only plain ASL definitions (JSON or YAML) get answers: in a SAM/CloudFormation template the
 * definition sits inside the template and the service's schema does not fit, so templates get empty answers.
 */
import type { CompletionResult, HoverResult } from './language-worker-messages.ts';
import { LanguageWorkerClient } from './language-worker-client.ts';

export type { CompletionItem, CompletionResult, HoverResult } from './language-worker-messages.ts';

/** Larger texts get no completions or hover (the service re-parses the whole text on every request). */
export const MAX_LANGUAGE_CHARS = 2 * 1024 * 1024;

/** A request slower than this answers empty instead of keeping the editor waiting (and its worker is replaced). */
export const LANGUAGE_TIMEOUT_MS = 3_000;

/** At most this many completion items go back to the renderer (those matching what is typed come first). */
export const MAX_COMPLETION_ITEMS = 300;

let shared: LanguageWorkerClient | undefined;

function client(): LanguageWorkerClient {
  return (shared ??= new LanguageWorkerClient({ timeoutMs: LANGUAGE_TIMEOUT_MS }));
}

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
  return !text
    .trimStart()
    .replace(/^\ufeff/, '')
    .startsWith('{');
}

/**
 * Snippet syntax (`${1:default}`, `$1`, `${2|a,b|}`, `$0`) as the plain text CodeMirror inserts: placeholders keep
 * their default, choices their first option, tab stops vanish, `\$` `\}` `\\` unescape.
 */
export function snippetToText(snippet: string): string {
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
  return read(false);
}

/**
 * Whether a request is worth sending to the service at all: a string within the size limit, an offset inside it,
 * no NUL characters, and not a template. Checked before the text crosses to the worker, and again inside it.
 */
export function languageInputOk(text: string, offset: number): boolean {
  if (typeof text !== 'string' || text.length > MAX_LANGUAGE_CHARS || !Number.isInteger(offset)) return false;
  return offset >= 0 && offset <= text.length && !text.includes('\0') && !looksLikeTemplate(text);
}

/** Completions at `offset` in `text` (as the file `file`). Never throws: any failure is an empty list. */
export async function completeAt(file: string, text: string, offset: number): Promise<CompletionResult> {
  const empty: CompletionResult = { items: [], from: offset, to: offset };
  if (!languageInputOk(text, offset)) return empty;
  const outcome = await client().request('complete', { file, text, offset });
  return outcome.status === 'ok' ? outcome.value : empty;
}

/** Hover text at `offset` in `text` (as the file `file`). Never throws: any failure is `{ markdown: null }`. */
export async function hoverAt(file: string, text: string, offset: number): Promise<HoverResult> {
  if (!languageInputOk(text, offset)) return { markdown: null };
  const outcome = await client().request('hover', { file, text, offset });
  return outcome.status === 'ok' ? outcome.value : { markdown: null };
}
