/** How long the code view waits after the last keystroke before re-parsing and before validating. */

/**
 * Re-parse and redraw this long after the last keystroke. Short: an answer for an older text is dropped when a
 * newer one was asked for, so waiting longer only delays the graph and its badges.
 */
export const REPARSE_DELAY_MS = 100;
/**
 * Ask the host to validate this long after the last keystroke: long enough that typing a word sends one request,
 * not one per letter (a queued older text is dropped by the host when a newer one arrives).
 */
export const VALIDATE_DELAY_MS = 150;
