/**
 * The host's start-up answer carried inside the page itself (web mode): `statescope serve` writes the answer to
 * `app.start` into index.html as a JSON data block, so the page's first graph does not wait for one more HTTP
 * round trip after its scripts have run. A data block (`type="application/json"`) is never executed, so the
 * page's Content-Security-Policy (`script-src 'self'`) stands as it is; the page reads it once (boot.ts) and
 * falls back to calling `app.start` when it is missing (the desktop app, a failed answer).
 */

/** The id of the data block in index.html. */
export const START_ELEMENT_ID = 'statescope-start';

/**
 * The data block for `answer`: JSON with every `<` written as `\u003c`, so no text inside it (a sample's
 * definition, a path) can close the element or open a comment. JSON.parse reads it back unchanged.
 */
export function startElement(answer: unknown): string {
  const json = JSON.stringify(answer).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${START_ELEMENT_ID}">${json}</script>`;
}
