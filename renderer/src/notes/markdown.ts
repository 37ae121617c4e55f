/**
 * Markdown for notes and annotations: markdown-it with raw HTML off, images off, and links limited to https.
 * The HTML it returns contains only markup markdown-it generated from escaped text, so it is safe to place with
 * `dangerouslySetInnerHTML`; links are opened by the caller's callback (the host checks the scheme again).
 */
import MarkdownIt from 'markdown-it';

let instance: ReturnType<typeof MarkdownIt> | null = null;

/** True for the only links notes may open: absolute https URLs. */
export function isSafeLink(url: string): boolean {
  return /^https:\/\/[^\s]+$/i.test(url);
}

function markdown(): ReturnType<typeof MarkdownIt> {
  if (instance) return instance;
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.disable(['image']);
  md.validateLink = (url: string) => isSafeLink(url.trim());
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet('rel', 'noreferrer noopener');
    tokens[idx]!.attrSet('class', 'nt-link');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  instance = md;
  return md;
}

/** Renders block markdown (paragraphs, lists, tables, code) to HTML. */
export function renderMarkdown(text: string): string {
  return markdown().render(text);
}

/** Renders one line of markdown without a wrapping paragraph (facts, traps, table cells). */
export function renderInlineMarkdown(text: string): string {
  return markdown().renderInline(text);
}

/**
 * A click handler for containers of rendered markdown: stops navigation inside the app window and hands https
 * links to `open` (which asks the host to show them in the system browser).
 */
export function linkClickHandler(open?: (url: string) => void) {
  return (event: { target: EventTarget | null; preventDefault(): void }) => {
    const target = event.target as Element | null;
    const anchor = target && typeof target.closest === 'function' ? target.closest('a') : null;
    if (!anchor) return;
    event.preventDefault();
    const href = anchor.getAttribute('href') ?? '';
    if (open && isSafeLink(href)) open(href);
  };
}
