/**
 * YAML → plain values with the source span of every mapping and sequence, for YAML ASL files and SAM /
 * CloudFormation templates. CloudFormation short tags (`!Sub`, `!GetAtt`, …) become the long form
 * (`{ "Fn::Sub": … }`) so templates written either way look the same to the loader. Aliases are expanded with a
 * hard budget, so an alias bomb is refused with a clear message instead of exhausting memory.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { MAX_NESTING, setOwn } from './parse-json.ts';
import type { SourceSpan } from './types.ts';

/** At most this many alias nodes (`*name`) in one document; real templates use a handful. */
export const MAX_ALIASES = 100;
/** At most this many values produced by alias expansion, so nested aliases cannot blow up exponentially. */
export const MAX_ALIAS_EXPANSION = 100_000;

/** A YAML error at a 0-based offset; the loader turns it into a 1-based line and column. */
export class YamlSyntaxError extends Error {
  override name = 'YamlSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The converted document: value, spans by identity, and warnings worth showing (offsets are 0-based). */
export interface ParsedYaml {
  value: unknown;
  spans: WeakMap<object, SourceSpan>;
  warnings: { message: string; offset: number }[];
}

/** CloudFormation short-form tags and their long-form keys. */
const CFN_TAGS: ReadonlyMap<string, string> = new Map(
  [
    'Base64',
    'Cidr',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'ImportValue',
    'Join',
    'Select',
    'Split',
    'Sub',
    'Transform',
    'If',
    'Equals',
    'And',
    'Or',
    'Not',
    'Length',
    'ToJsonString',
  ].map((name) => [`!${name}`, `Fn::${name}`] as [string, string]).concat([
    ['!Ref', 'Ref'],
    ['!Condition', 'Condition'],
  ]),
);

/** Reads `text` as one YAML document. Throws `YamlSyntaxError` on syntax errors and alias bombs. */
export function parseYaml(text: string): ParsedYaml {
  const doc = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
    keepSourceTokens: false,
  });
  const warnings: { message: string; offset: number }[] = [];
  for (const e of doc.errors) {
    if (e.code === 'DUPLICATE_KEY') {
      warnings.push({ message: 'Duplicate key in a mapping; the last value is used', offset: e.pos[0] });
      continue;
    }
    throw new YamlSyntaxError(e.message, e.pos[0]);
  }
  for (const w of doc.warnings) {
    const tag = /Unresolved tag: (!\w+)/.exec(w.message)?.[1];
    if (w.code === 'TAG_RESOLVE_FAILED' && tag && CFN_TAGS.has(tag)) continue;
    warnings.push({ message: w.message, offset: w.pos[0] });
  }

  const spans = new WeakMap<object, SourceSpan>();
  /** A node's span without the trailing line break and blank lines YAML counts as part of a block. */
  const spanOf = (range: [number, number, number]): SourceSpan => {
    let end = range[1];
    while (end > range[0] && /\s/.test(text[end - 1]!)) end--;
    return { start: range[0], end };
  };
  const anchors = new Map<string, YamlNode>();
  const converted = new Map<YamlNode, unknown>();
  const sizes = new Map<YamlNode, number>();
  let aliasCount = 0;
  let expansion = 0;

  /** How many values a node stands for once its aliases are expanded (memoised, so linear). */
  const expandedSize = (node: unknown, depth: number): number => {
    if (depth > MAX_NESTING) return Infinity;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      return target ? expandedSize(target, depth + 1) : 1;
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    for (const item of node.items) {
      if (isPair(item)) total += expandedSize(item.value, depth + 1);
      else total += expandedSize(item, depth + 1);
      if (total > MAX_ALIAS_EXPANSION) break;
    }
    sizes.set(node, total);
    return total;
  };

  const wrapTag = (tag: string | undefined, value: unknown): unknown => {
    if (!tag) return value;
    const key = CFN_TAGS.get(tag);
    if (!key) return value;
    if (key === 'Fn::GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      value = dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
    }
    return { [key]: value };
  };

  const convert = (node: unknown, depth: number): unknown => {
    if (depth > MAX_NESTING) throw new YamlSyntaxError(`Nesting is deeper than ${MAX_NESTING} levels`, rangeStart(node));
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      aliasCount++;
      const at = node.range?.[0] ?? 0;
      if (aliasCount > MAX_ALIASES) {
        throw new YamlSyntaxError(`Too many YAML aliases (more than ${MAX_ALIASES}); refusing to expand them`, at);
      }
      const target = anchors.get(node.source);
      if (!target) throw new YamlSyntaxError(`Unknown YAML alias *${node.source}`, at);
      expansion += expandedSize(target, depth);
      if (expansion > MAX_ALIAS_EXPANSION) {
        throw new YamlSyntaxError(
          `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} values; this looks like an alias bomb`,
          at,
        );
      }
      if (converted.has(target)) return converted.get(target);
      return convert(target, depth + 1);
    }
    const anchored = node as { anchor?: string };
    if (anchored.anchor) anchors.set(anchored.anchor, node as YamlNode);
    let result: unknown;
    if (isScalar(node)) {
      result = wrapTag(node.tag, node.value === undefined ? null : node.value);
    } else if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      if (node.range) spans.set(obj, spanOf(node.range));
      converted.set(node, obj);
      for (const pair of node.items) {
        const rawKey = isScalar(pair.key) ? pair.key.value : convert(pair.key, depth + 1);
        const key = typeof rawKey === 'string' ? rawKey : rawKey === null || rawKey === undefined ? '' : typeof rawKey === 'object' ? JSON.stringify(rawKey) : String(rawKey);
        setOwn(obj, key, convert(pair.value, depth + 1));
      }
      result = wrapTag(node.tag, obj);
    } else if (isSeq(node)) {
      const arr: unknown[] = [];
      if (node.range) spans.set(arr, spanOf(node.range));
      converted.set(node, arr);
      for (const item of node.items) arr.push(convert(item, depth + 1));
      result = wrapTag(node.tag, arr);
    } else {
      result = null;
    }
    converted.set(node as YamlNode, result);
    return result;
  };

  const value = convert(doc.contents, 0);
  return { value, spans, warnings };
}

function rangeStart(node: unknown): number {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : 0;
}
