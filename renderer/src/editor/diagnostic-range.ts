/**
 * Puts a problem on the exact value it is about. The graph's checks know the state a problem belongs to, and the
 * loader gives each state's source range, so their diagnostics point at the state's opening brace: a bad `Next`
 * thirty lines down was marked on the state's first line. For a transition to a missing state (and a StartAt
 * naming one), the value is found inside the state's range (or the machine's text) and the diagnostic moved onto
 * it; the same problem reported again there by another checker is then shown once.
 */
import { offsetToLineColumn, type Diagnostic } from '../../../shared/diagnostics.ts';
import type { SourceSpan } from '../../../shared/asl/types.ts';

/** Where `name` is written as the value of one of `keys` in text[from, to): a JSON string or a YAML scalar. */
function findValue(
  text: string,
  from: number,
  to: number,
  keys: readonly string[],
  name: string,
): { start: number; end: number } | null {
  const part = text.slice(from, to);
  const quoted = JSON.stringify(name);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const key of keys) {
    // JSON: "Next": "Name"   YAML: Next: Name / Next: "Name" / Next: 'Name'
    const patterns = [
      new RegExp(`"${key}"\\s*:\\s*(${esc(quoted)})`),
      new RegExp(
        `(?:^|\\n)[ \\t-]*${key}\\s*:[ \\t]*(${esc(quoted)}|'${esc(name.replace(/'/g, "''"))}'|${esc(name)})[ \\t]*(?:#.*)?(?=\\r?\\n|$)`,
      ),
    ];
    for (const re of patterns) {
      const m = re.exec(part);
      if (m && m[1] !== undefined) {
        const start = from + m.index + m[0].lastIndexOf(m[1]);
        return { start, end: start + m[1].length };
      }
    }
  }
  return null;
}

/** The name a missing-target message is about: `… goes to "X", which does not exist…`. */
function missingName(message: string): { name: string; start: boolean } | null {
  const m = /(starts at|goes to) "((?:[^"\\]|\\.)*)", which does not exist/.exec(message);
  return m ? { name: m[2], start: m[1] === 'starts at' } : null;
}

/**
 * The diagnostics with missing-target problems moved onto the value that names the missing state, and exact
 * repeats (same range and severity, one per checker) folded into the first. `spans` are the states' ranges in
 * `text`; nothing moves when the value cannot be found there (the text may have changed since).
 */
export function refineRanges(
  text: string,
  spans: Record<string, SourceSpan> | undefined,
  list: readonly Diagnostic[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const d of list) {
    let refined = d;
    const missing = d.code === 'missing-target' ? missingName(d.message) : null;
    if (missing) {
      const span = d.state !== undefined ? spans?.[d.state] : undefined;
      const at = missing.start
        ? span
          ? findValue(text, span.start, span.end, ['StartAt'], missing.name)
          : findValue(text, 0, text.length, ['StartAt'], missing.name)
        : span
          ? findValue(text, span.start, span.end, ['Next', 'Default'], missing.name)
          : null;
      if (at) {
        const a = offsetToLineColumn(text, at.start);
        const b = offsetToLineColumn(text, at.end);
        refined = { ...d, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
      }
    }
    const key = `${refined.severity}|${refined.line}:${refined.column}-${refined.endLine ?? ''}:${refined.endColumn ?? ''}|${refined.state ?? ''}`;
    if (refined !== d && seen.has(key)) continue;
    seen.add(key);
    out.push(refined);
  }
  // A checker that already pointed at the value said the same thing: keep the first (clearest) message only.
  return out.filter((d, i) => {
    if (d.endLine === undefined) return true;
    const key = `${d.severity}|${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
    return out.findIndex((o) => `${o.severity}|${o.line}:${o.column}-${o.endLine}:${o.endColumn}` === key) === i;
  });
}
