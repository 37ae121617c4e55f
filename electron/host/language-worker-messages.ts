/**
 * The messages between the host and its language worker (electron/host/language-worker.ts), in one place so both
 * sides agree. The worker runs validation, completion and hover off the host's event loop; these types are all
 * that crosses the thread boundary (structured clone: plain data only).
 */
import type { Diagnostic } from '../../shared/diagnostics.ts';

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

/** What each kind of request asks for (`offset` only for completion and hover). */
export interface LanguageArgs {
  validate: { file: string; text: string };
  complete: { file: string; text: string; offset: number };
  hover: { file: string; text: string; offset: number };
}

/** What each kind of request answers. */
export interface LanguageResults {
  validate: Diagnostic[];
  complete: CompletionResult;
  hover: HoverResult;
}

export type LanguageKind = keyof LanguageArgs;

/** Host → worker: one request. */
export type LanguageRequest = { [K in LanguageKind]: { id: number; kind: K; args: LanguageArgs[K] } }[LanguageKind];

/** Worker → host: `ready` once the libraries are loaded, then one answer per request id. */
export type LanguageReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: LanguageResults[LanguageKind] }
  | { type: 'failed'; id: number; message: string };
