/**
 * Choice rules as readable text (`$.total > 1000 and $.valid == true`), because a Choice edge is only useful
 * if it says when it is taken. JSONata `Condition`s are shown as their expression. Edge labels are shortened to
 * fit on the canvas; the full text stays available for tooltips and the details panel.
 */
import { NODE_FONT, textWidth } from '../layout/node-size.ts';
import { isObject as isRecord } from '../json.ts';

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

function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
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
    return typeof c === 'string' ? jsonataText(c) : (JSON.stringify(c) ?? String(c));
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

/** Widest Choice label drawn on an edge, in px of badge text (both renderers draw up to 220 px). */
export const CHOICE_LABEL_MAX_WIDTH = 216;

function badgeWidth(text: string): number {
  return textWidth(text, NODE_FONT.badge);
}

/** Cuts `text` from the end to at most `width` px, with an ellipsis. */
function cutEnd(text: string, width: number): string {
  const chars = Array.from(text);
  while (chars.length > 1 && badgeWidth(chars.join('') + '…') > width) chars.pop();
  return chars.join('').trimEnd() + '…';
}

/** Keeps the start and the end of `text` (where a comparison's operand is), cutting the middle. */
function cutMiddle(text: string, width: number): string {
  const chars = Array.from(text);
  let head = Math.ceil(chars.length / 3);
  let tail = chars.length - head;
  const make = () =>
    `${chars.slice(0, head).join('').trimEnd()}…${chars
      .slice(chars.length - tail)
      .join('')
      .trimStart()}`;
  while ((head > 1 || tail > 1) && badgeWidth(make()) > width) {
    if (tail > head * 2 || head <= 1) tail--;
    else head--;
  }
  return make();
}

/**
 * `$.order.customer.tier` → `tier` (the last field says what is compared; the full path is in the tooltip). A
 * last field of one or two characters (DynamoDB's `.N`, `.S`, an index) keeps the field before it: `quantity.N`.
 */
function compactPaths(text: string): string {
  return text.replace(/\$\$?(?:\.[A-Za-z_][\w-]*|\[[^\]]*\])+/g, (path) => {
    const parts = path.match(/\.[A-Za-z_][\w-]*|\[[^\]]*\]/g) ?? [];
    const last = parts[parts.length - 1];
    if (!last) return path;
    const keep = last.replace(/^\./, '').replace(/^\[(.*)\]$/, '$1').length <= 2 && parts.length > 1 ? 2 : 1;
    return parts.slice(-keep).join('').replace(/^\./, '');
  });
}

/**
 * Short labels for the rules of one Choice state that keep its branches apart. A rule that fits is drawn whole;
 * a longer one is shortened by the first of these steps that leaves every label of the Choice distinct:
 *   1. JSONPath variables shown by their last field (`$.order.total > 100` → `total > 100`);
 *   2. cut at the end;
 *   3. cut in the middle, keeping the end (the compared value, which usually tells branches apart);
 *   4. the part after what all the rules share (`…"REJECTED"`);
 *   5. the rule's number in front of its cut text (`#2 $.a == …`).
 * The full rule stays the edge's `fullLabel`, shown in tooltips and the details panel.
 */
export function distinctChoiceLabels(rules: readonly string[], maxWidth = CHOICE_LABEL_MAX_WIDTH): string[] {
  const flat = rules.map((r) => r.replace(/\s+/g, ' ').trim());
  const fits = (t: string) => badgeWidth(t) <= maxWidth;
  if (flat.every(fits)) return flat;
  const distinct = (labels: string[]) => {
    // Identical rules (the same test twice) cannot be told apart by any text; only different rules must differ.
    const seen = new Map<string, string>();
    for (let i = 0; i < labels.length; i++) {
      const other = seen.get(labels[i]);
      if (other !== undefined && other !== flat[i]) return false;
      seen.set(labels[i], flat[i]);
    }
    return true;
  };
  const compact = flat.map((t) => (fits(t) ? t : compactPaths(t)));
  const base = distinct(compact) ? compact : flat;
  const shorten = (cut: (t: string) => string) => base.map((t) => (fits(t) ? t : cut(t)));
  const steps: (() => string[])[] = [
    () => base,
    () => shorten((t) => cutEnd(t, maxWidth)),
    () => shorten((t) => cutMiddle(t, maxWidth)),
    () => {
      let common = 0;
      const long = base.filter((t) => !fits(t));
      if (long.length > 1) {
        while (common < long[0].length && long.every((t) => t[common] === long[0][common])) common++;
        while (common > 0 && !/[\s.(]/.test(long[0][common - 1])) common--;
      }
      return shorten((t) => cutEnd(`…${t.slice(common)}`, maxWidth));
    },
  ];
  for (const step of steps) {
    const labels = step();
    if (labels.every(fits) && distinct(labels)) return labels;
  }
  return base.map((t, i) => (fits(t) ? t : cutEnd(`#${i + 1} ${t}`, maxWidth)));
}
