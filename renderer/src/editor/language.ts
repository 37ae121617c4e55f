/**
 * Completions and hover text in the code view, answered by the host (`asl.complete`, `asl.hover`): the ASL
 * language service is too large for the renderer. CodeMirror debounces completion requests itself and aborts
 * stale ones; an answer for a text that has changed since the request is dropped.
 */
import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { hoverTooltip, type EditorView, type Tooltip } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import { renderMarkdown } from '../notes/markdown.ts';
import { getApi } from '../api.ts';

/** Wait this long with the pointer still before asking the host for hover text. */
export const HOVER_DELAY_MS = 350;

const TYPES: Record<string, string> = {
  property: 'property',
  constant: 'constant',
  enum: 'enum',
  keyword: 'keyword',
  variable: 'variable',
  function: 'function',
  class: 'class',
  type: 'type',
  text: 'text',
  method: 'method',
  namespace: 'namespace',
};

/**
 * The host's completion items as CodeMirror completions (label shown as the service gives it). With `range`,
 * accepting an item replaces from `range.from` (the start of the service's range) to the cursor plus the
 * `range.after` characters the service's range reached past it (a closing quote).
 */
export function toCompletions(
  items: readonly { label: string; kind: string; detail?: string; insertText?: string; documentation?: string }[],
  range?: { from: number; after: number },
): Completion[] {
  return items.map((item) => {
    const c: Completion = { label: item.label, type: TYPES[item.kind] ?? 'text' };
    if (item.detail) c.detail = item.detail;
    if (item.documentation) c.info = item.documentation;
    const insert = item.insertText ?? item.label;
    if (range) {
      c.apply = (view, _completion, _from, to) => {
        const end = Math.min(view.state.doc.length, to + range.after);
        view.dispatch({
          changes: { from: range.from, to: end, insert },
          selection: { anchor: range.from + insert.length },
          userEvent: 'input.complete',
        });
      };
    } else if (item.insertText !== undefined) c.apply = item.insertText;
    return c;
  });
}

/**
 * Whether typing should ask the host for completions, given the line up to the cursor: inside a string (a state
 * name, a field name, an ARN) or right after a word, yes; after a number, a minus sign, a colon or a space, no.
 * Each request makes the host load and analyse the whole text, which on a large machine costs as much as a
 * validation; asking on every keystroke of a number kept the host busy while the edited text waited for its
 * diagnostics. Ctrl+Space always asks.
 */
export function wantsCompletion(lineBefore: string, explicit: boolean): boolean {
  if (explicit) return true;
  const quotes = lineBefore.match(/(?<!\\)"/g)?.length ?? 0;
  if (quotes % 2 === 1) return true;
  return /[A-Za-z_$][\w$.-]*$/.test(lineBefore);
}

/**
 * What the reader may type after a list of completions opened while that list still holds (CodeMirror's
 * `validFor`): more of a name, a path or an ARN. CodeMirror then filters the host's list itself. Without it every
 * key asked the host again (each ask loads and analyses the whole text there), and until each answer came the list
 * on screen was disabled, so an Enter meant to accept the item in view inserted a line break instead.
 */
export const COMPLETION_VALID_FOR = /^[\w$.:/-]*$/;

/** The code view's completion and hover extensions for a JSON or YAML definition. */
export function aslLanguage(format: 'json' | 'yaml'): Extension {
  // The host picks JSON or YAML from the file name; templates answer empty there.
  const file = format === 'yaml' ? 'definition.asl.yaml' : 'definition.asl.json';

  const complete = async (context: CompletionContext): Promise<CompletionResult | null> => {
    const doc = context.state.doc;
    const line = doc.lineAt(context.pos);
    if (!wantsCompletion(line.text.slice(0, context.pos - line.from), context.explicit)) return null;
    const text = doc.toString();
    let answer;
    try {
      answer = await getApi().call('asl.complete', { file, text, offset: context.pos });
    } catch {
      return null;
    }
    if (context.aborted || answer.items.length === 0) return null;
    const from = Math.max(0, Math.min(answer.from, context.pos));
    const to = Math.min(doc.length, Math.max(answer.to, context.pos));
    // The service's range for a property name starts at its opening quote (`"Ti`), but CodeMirror filters what
    // was typed in the range against the labels (`TimeoutSeconds`): with the quote in it, nothing ever matched and
    // no list appeared. The list is filtered on the text after the quote; accepting an item still replaces the
    // service's whole range (quote included) with its insert text.
    const quote = doc.sliceString(from, from + 1);
    const filterFrom = (quote === '"' || quote === "'") && from < context.pos ? from + 1 : from;
    const after = to - context.pos;
    return {
      from: filterFrom,
      to,
      options: toCompletions(answer.items, { from, after }),
      validFor: COMPLETION_VALID_FOR,
    };
  };

  const hover = async (view: EditorView, pos: number): Promise<Tooltip | null> => {
    const text = view.state.doc.toString();
    let answer;
    try {
      answer = await getApi().call('asl.hover', { file, text, offset: pos });
    } catch {
      return null;
    }
    // Drop an answer for a text the user has changed since.
    if (!answer.markdown || view.state.doc.toString() !== text) return null;
    const markdown = answer.markdown;
    const from = answer.from !== undefined && answer.from <= pos ? answer.from : pos;
    const to = answer.to !== undefined && answer.to >= pos ? Math.min(answer.to, view.state.doc.length) : pos;
    return {
      pos: from,
      end: to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'ss-code-hover';
        dom.setAttribute('data-testid', 'code-hover');
        // markdown-it with html: false: the service's text cannot inject markup.
        dom.innerHTML = renderMarkdown(markdown);
        // Links in the service's text are not followed from inside the app window.
        dom.addEventListener('click', (event) => {
          if ((event.target as HTMLElement | null)?.closest('a')) event.preventDefault();
        });
        return { dom };
      },
    };
  };

  return [
    autocompletion({ override: [complete], activateOnTyping: true, activateOnTypingDelay: 150, icons: false }),
    hoverTooltip(hover, { hoverTime: HOVER_DELAY_MS }),
  ];
}
