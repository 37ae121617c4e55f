/**
 * One diagnostic shape for every producer (loader, validators, trace parser) so the CLI, the problems list and
 * the graph badges never translate between formats.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a document. `line` and `column` are 1-based, as editors and the CLI show them. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The state the problem belongs to, when it has one (used to put a badge on the node). */
  state?: string;
  /** The state machine (template logical id or file base name) the problem belongs to. */
  machine?: string;
  /** Which checker said it: `parse`, `load`, `asls`, `asl-validator`, `statescope`, … */
  source?: string;
  /** A stable code for tests and filtering. */
  code?: string;
}

/** True when any diagnostic is an error: the CLI's exit status and the UI's red marker both hang on this. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Converts a 0-based offset in `text` to a 1-based line and column, because parsers report offsets. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}
