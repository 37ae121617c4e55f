/**
 * X-Ray files as JSON values: one JSON document, or JSON Lines read leniently (a bad line is reported with its
 * position and skipped), and diagnostics that point at the file, line and column.
 */
import { offsetToLineColumn } from '../diagnostics.ts';
import type { XrayDiagnostic } from './types.ts';
import { isObject } from './values.ts';

function jsonErrorOffset(message: string): number | undefined {
  const m = /position (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

export function diag(
  file: string,
  severity: XrayDiagnostic['severity'],
  message: string,
  code: string,
  text?: string,
  offset?: number,
): XrayDiagnostic {
  const pos = text !== undefined && offset !== undefined ? offsetToLineColumn(text, offset) : { line: 1, column: 1 };
  return { severity, message, line: pos.line, column: pos.column, source: 'xray', code, file };
}

function firstLineParses(line: string): boolean {
  try {
    return isObject(JSON.parse(line));
  } catch {
    return false;
  }
}

/** Bad lines of a JSON Lines file reported one by one; past this many, one more diagnostic counts the rest. */
const MAX_BAD_LINE_DIAGNOSTICS = 20;

/**
 * Parses JSON, or JSON Lines when the whole text is not one document; `texts` holds each value's own text.
 * A JSON Lines file (one document per line, or the X-Ray daemon's header + document lines) is read leniently, as
 * the daemon does with the segments it receives: a line that is not valid JSON is skipped and reported with its
 * line number, and every other line loads. A text is taken as JSON Lines when its first line, or most of its
 * lines, are JSON objects on their own (a pretty-printed document with a syntax error is not).
 */
export function parseJsonOrLines(
  file: string,
  text: string,
  diagnostics: XrayDiagnostic[],
): { values: unknown[]; texts: string[] } | undefined {
  try {
    return { values: [JSON.parse(text)], texts: [text] };
  } catch (error) {
    const wholeMessage = (error as Error).message;
    const lines = text.split('\n');
    const nonEmpty = lines.filter((l) => l.trim() !== '');
    const parsing = nonEmpty.length > 1 && !firstLineParses(nonEmpty[0]) ? nonEmpty.filter(firstLineParses).length : 0;
    if (nonEmpty.length > 1 && (firstLineParses(nonEmpty[0]) || parsing * 2 > nonEmpty.length)) {
      const values: unknown[] = [];
      const texts: string[] = [];
      let offset = 0;
      let bad = 0;
      lines.forEach((line, index) => {
        const t = line.trim();
        if (t !== '') {
          try {
            values.push(JSON.parse(t));
            texts.push(t);
          } catch (lineError) {
            bad++;
            if (bad <= MAX_BAD_LINE_DIAGNOSTICS) {
              const inLine = jsonErrorOffset((lineError as Error).message) ?? 0;
              const lead = line.length - line.trimStart().length;
              diagnostics.push(
                diag(
                  file,
                  'warning',
                  `Line ${index + 1} is not valid JSON and was skipped (${(lineError as Error).message}); the other lines were read.`,
                  'xray-bad-line',
                  text,
                  offset + lead + inLine,
                ),
              );
            }
          }
        }
        offset += line.length + 1;
      });
      if (bad > MAX_BAD_LINE_DIAGNOSTICS) {
        diagnostics.push(
          diag(
            file,
            'warning',
            `${bad - MAX_BAD_LINE_DIAGNOSTICS} more line(s) that are not valid JSON were skipped.`,
            'xray-bad-line',
          ),
        );
      }
      return { values, texts };
    }
    const at = jsonErrorOffset(wholeMessage);
    diagnostics.push(diag(file, 'error', `Not valid JSON: ${wholeMessage}`, 'xray-json', text, at ?? text.length));
    return undefined;
  }
}
