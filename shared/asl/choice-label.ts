/**
 * Choice rules as readable text (`$.total > 1000 and $.valid == true`), because a Choice edge is only useful
 * if it says when it is taken. JSONata `Condition`s are shown as their expression. Edge labels are shortened to
 * fit on the canvas; the full text stays available for tooltips and the details panel.
 */

/** Comparison operators by the suffix of the ASL operator name (`StringLessThanEquals` → `<=`). */
const COMPARISONS: [suffix: string, symbol: string][] = [
  ['LessThanEquals', '<='],
  ['GreaterThanEquals', '>='],
  ['LessThan', '<'],
  ['GreaterThan', '>'],
  ['Equals', '=='],
];

const TYPE_TESTS: Record<string, string> = {
  IsNull: 'null',
  IsPresent: 'present',
  IsNumeric: 'numeric',
  IsString: 'a string',
  IsBoolean: 'a boolean',
  IsTimestamp: 'a timestamp',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
}

/** Strips the `{% … %}` JSONata delimiters so the expression reads as itself. */
export function jsonataText(value: string): string {
  const t = value.trim();
  return t.startsWith('{%') && t.endsWith('%}') ? t.slice(2, -2).trim() : t;
}

const MAX_RULE_DEPTH = 50;

/** Readable text of one Choice rule (top-level or nested in And/Or/Not); never throws. */
export function choiceRuleText(rule: unknown): string {
  return ruleText(rule, 0);
}

function ruleText(rule: unknown, depth: number): string {
  if (!isRecord(rule)) return JSON.stringify(rule) ?? String(rule);
  if (depth > MAX_RULE_DEPTH) return '…';
  if ('Condition' in rule) {
    const c = rule.Condition;
    return typeof c === 'string' ? jsonataText(c) : JSON.stringify(c) ?? String(c);
  }
  if (Array.isArray(rule.And)) return rule.And.map((r) => group(r, depth)).join(' and ') || 'true';
  if (Array.isArray(rule.Or)) return rule.Or.map((r) => group(r, depth)).join(' or ') || 'false';
  if ('Not' in rule) return `not (${ruleText(rule.Not, depth + 1)})`;
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '?';
  for (const key of Object.keys(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment' || key === 'Assign' || key === 'Output') continue;
    const value = rule[key];
    const test = TYPE_TESTS[key];
    if (test !== undefined) return `${variable} is ${value === false ? 'not ' : ''}${test}`;
    if (key === 'StringMatches') return `${variable} matches ${literal(value)}`;
    const path = key.endsWith('Path');
    const base = path ? key.slice(0, -4) : key;
    for (const [suffix, symbol] of COMPARISONS) {
      if (base.endsWith(suffix) && /^(String|Numeric|Boolean|Timestamp)/.test(base)) {
        const right = path ? String(value) : literal(value);
        return `${variable} ${symbol} ${right}`;
      }
    }
  }
  const rest = Object.fromEntries(Object.entries(rule).filter(([k]) => k !== 'Next'));
  return JSON.stringify(rest);
}

/** Wraps compound sub-rules in parentheses so `and`/`or` mixes read unambiguously. */
function group(rule: unknown, depth: number): string {
  const text = ruleText(rule, depth + 1);
  return isRecord(rule) && (Array.isArray(rule.And) || Array.isArray(rule.Or)) ? `(${text})` : text;
}

/** Default maximum edge-label length, in characters. */
export const EDGE_LABEL_MAX = 48;

/** Shortens a label for an edge, cutting at a word boundary when one is near, with an ellipsis. */
export function truncateLabel(text: string, max = EDGE_LABEL_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
