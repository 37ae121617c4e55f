/**
 * YAML → plain values with the source span of every mapping and sequence, for YAML ASL files and SAM /
 * CloudFormation templates. CloudFormation short tags (`!Sub`, `!GetAtt`, …) become the long form
 * (`{ "Fn::Sub": … }`) so templates written either way look the same to the loader. Aliases are expanded with a
 * hard budget, so an alias bomb is refused with a clear message instead of exhausting memory.
 *
 * One reader, the `yaml` package (it keeps the range of every node). Duplicate keys are found here in one pass
 * rather than by the package's `uniqueKeys` check, which compares each key with every earlier one of its mapping
 * (quadratic: minutes for a 20,000-state definition).
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Node as YamlNode,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { KEY_OFFSET_LEVELS, MAX_NESTING, setOwn } from './parse-json.ts';
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
  /** Offset of each key of the mappings near the root (template properties), to point diagnostics at a key. */
  keyOffsets: WeakMap<object, Map<string, number>>;
  /**
   * For literal block scalars (`|`) near the root, keyed by their text: maps an offset in the text to the offset
   * in the source, so a `DefinitionString: !Sub |` definition can still give state spans in the template.
   */
  literalBlocks?: Map<string, (offset: number) => number>;
  warnings: { message: string; offset: number; code?: string }[];
}

/** Literal block scalars at most this deep (root = 0) get an offset map; `Resources.X.Properties.DefinitionString` + `!Sub` list. */
const LITERAL_BLOCK_LEVELS = 6;

/**
 * Builds the offset map of a literal block scalar whose value is `value` and whose source starts at `start` (the
 * `|` indicator) in `source`. Returns undefined when the value's lines are not the source lines minus one common
 * indentation (never guess a span).
 */
function literalBlockMap(source: string, start: number, value: string): ((offset: number) => number) | undefined {
  const headerEnd = source.indexOf('\n', start);
  if (headerEnd === -1) return undefined;
  const valueLines = value.split('\n');
  const lineStarts: number[] = [];
  let indent = -1;
  let at = headerEnd + 1;
  for (let i = 0; i < valueLines.length; i++) {
    const want = valueLines[i]!;
    if (want === '' && i === valueLines.length - 1) {
      // The empty piece after the final line break is not a source line of its own.
      lineStarts.push(Math.min(at, source.length));
      break;
    }
    if (at > source.length) return undefined;
    const nl = source.indexOf('\n', at);
    const line = source.slice(at, nl === -1 ? source.length : nl);
    if (want !== '' || line.trim() !== '') {
      if (indent === -1) indent = line.length - line.trimStart().length;
      if (line.slice(indent) !== want) return undefined;
    }
    lineStarts.push(at);
    at = nl === -1 ? source.length + 1 : nl + 1;
  }
  return finish();

  function finish() {
    const valueStarts: number[] = [];
    let o = 0;
    for (const l of valueLines) {
      valueStarts.push(o);
      o += l.length + 1;
    }
    const pad = Math.max(indent, 0);
    return (offset: number): number => {
      let lo = 0;
      let hi = Math.min(valueStarts.length, lineStarts.length) - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (valueStarts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lineStarts[lo]! + pad + (offset - valueStarts[lo]!);
    };
  }
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
  ]
    .map((name) => [`!${name}`, `Fn::${name}`] as [string, string])
    .concat([
      ['!Ref', 'Ref'],
      ['!Condition', 'Condition'],
    ]),
);

/** At most this many under-indented closing lines are repaired before a YAML error is reported. */
const MAX_INDENT_REPAIRS = 50;

/**
 * True for the error YAML gives when a flow collection (`{ … }`, `[ … ]`) or a multi-line quoted string closes
 * on a line indented less than YAML allows, e.g. a JSON policy pasted into a template with its `}` at the key's
 * indentation. CloudFormation's reader accepts that, so such files must open here too.
 */
function isUnderIndentedCloser(text: string, code: string, message: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^[ ]*$/.test(text.slice(lineStart, offset))) return false;
  if (code === 'BAD_INDENT' && /^Flow (map|sequence) in block collection/.test(message)) return true;
  return code === 'UNEXPECTED_TOKEN' && /flow-(map|seq)-end/.test(message);
}

/**
 * YAML 1.1 booleans beyond true/false. CloudFormation reads templates as YAML 1.1, and SAM CLI and the AWS CLI
 * (`package`/`deploy`, which read DefinitionUri files) use PyYAML's safe_load, also YAML 1.1: an unquoted `Yes`,
 * `No`, `On` or `Off` is a boolean there, so `Next: Yes` deploys as `"Next": true` and a state named `No:`
 * deploys as "false". Both readers here follow that, so the loader, the graph and every validator see one value.
 */
const YAML11_BOOL = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
const yaml11Value = (word: string): boolean => /^(?:yes|on)$/i.test(word);

/** A scalar key's name as the loader reads it (an unquoted `Yes` key is "true"), for maps of pointers to text. */
export function yamlKeyName(key: { value: unknown; type?: string | undefined; tag?: string | undefined }): string {
  if (key.type === 'PLAIN' && !key.tag && typeof key.value === 'string' && YAML11_BOOL.test(key.value))
    return String(yaml11Value(key.value));
  return String(key.value);
}

/** Reads `text` as one YAML document. Throws `YamlSyntaxError` on syntax errors and alias bombs. */
export function parseYaml(text: string): ParsedYaml {
  const read = readRepaired(text);
  throwFirstError(read.doc, read.toOriginal);
  const documentWarnings = tagWarnings(read.doc, read.toOriginal);
  const converter = new Converter(read.text, text, read.toOriginal);
  const value = converter.convert(read.doc.contents, 0);
  const { spans, keyOffsets, literalBlocks, duplicateKeys, wordWarnings } = converter;
  return {
    value,
    spans,
    keyOffsets,
    literalBlocks,
    // In the order they always came: repair, duplicate keys, the document's own warnings, YAML 1.1 words.
    warnings: [...read.warnings, ...duplicateKeys, ...documentWarnings, ...wordWarnings],
  };
}

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, merge: false, keepSourceTokens: false } as const;

/** A parsed document and the text it was parsed from (with under-indented closers repaired). */
interface Repaired {
  doc: ReturnType<typeof parseDocument>;
  text: string;
  /** Maps an offset in the repaired text back to the original text. */
  toOriginal: (offset: number) => number;
  warnings: ParsedYaml['warnings'];
}

/** Parses `text`, indenting closing lines that YAML finds under-indented (as CloudFormation accepts them). */
function readRepaired(original: string): Repaired {
  let text = original;
  const warnings: ParsedYaml['warnings'] = [];
  /** Spaces inserted to repair under-indented closers: [offset in the repaired text, count], ascending. */
  const inserted: [number, number][] = [];
  const toOriginal = (offset: number): number => {
    let shift = 0;
    for (const [at, count] of inserted) {
      if (at > offset) break;
      shift += Math.min(count, offset - at);
    }
    return offset - shift;
  };
  let doc = parseDocument(text, PARSE_OPTIONS);
  for (let repairs = 0; repairs < MAX_INDENT_REPAIRS && doc.errors.length > 0; repairs++) {
    const first = doc.errors[0]!;
    if (!isUnderIndentedCloser(text, first.code, first.message, first.pos[0])) break;
    const at = first.pos[0];
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const add = Math.max(1, previousIndent(text, lineStart) - (at - lineStart));
    text = text.slice(0, lineStart) + ' '.repeat(add) + text.slice(lineStart);
    // Keep `inserted` ascending in repaired-text offsets: later insertions shift earlier entries after them.
    for (const entry of inserted) if (entry[0] >= lineStart) entry[0] += add;
    inserted.push([lineStart, add]);
    inserted.sort((a, b) => a[0] - b[0]);
    if (repairs === 0) {
      warnings.push({
        message:
          'A flow collection or quoted string closes with less indentation than YAML allows; read leniently, as CloudFormation does',
        offset: toOriginal(lineStart),
      });
    }
    doc = parseDocument(text, PARSE_OPTIONS);
  }
  return { doc, text, toOriginal, warnings };
}

/** The indentation of the last non-blank line before the line starting at `lineStart` (inside the collection). */
function previousIndent(text: string, lineStart: number): number {
  let prevEnd = lineStart - 1;
  while (prevEnd > 0) {
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = text.slice(prevStart, prevEnd);
    if (line.trim() !== '') return line.length - line.trimStart().length;
    prevEnd = prevStart - 1;
  }
  return 0;
}

function throwFirstError(doc: Repaired['doc'], toOriginal: (offset: number) => number): void {
  const e = doc.errors[0];
  if (e) throw new YamlSyntaxError(e.message, toOriginal(e.pos[0]));
}

/** The document's warnings, except unresolved CloudFormation tags (those are read as their long form). */
function tagWarnings(doc: Repaired['doc'], toOriginal: (offset: number) => number): ParsedYaml['warnings'] {
  const warnings: ParsedYaml['warnings'] = [];
  for (const w of doc.warnings) {
    const tag = /Unresolved tag: (!\w+)/.exec(w.message)?.[1];
    if (w.code === 'TAG_RESOLVE_FAILED' && tag && CFN_TAGS.has(tag)) continue;
    warnings.push({ message: w.message, offset: toOriginal(w.pos[0]) });
  }
  return warnings;
}

function wrapTag(tag: string | undefined, value: unknown): unknown {
  if (!tag) return value;
  const key = CFN_TAGS.get(tag);
  if (!key) return value;
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    value = dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
  }
  return { [key]: value };
}

function rangeStart(node: unknown): number {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : 0;
}

type Range = [number, number, number] | null | undefined;

/** Node tree → plain values, recording spans, key offsets, literal blocks, duplicate keys and YAML 1.1 words. */
class Converter {
  readonly spans = new WeakMap<object, SourceSpan>();
  readonly keyOffsets = new WeakMap<object, Map<string, number>>();
  readonly literalBlocks = new Map<string, (offset: number) => number>();
  readonly duplicateKeys: ParsedYaml['warnings'] = [];
  readonly wordWarnings: ParsedYaml['warnings'] = [];
  private readonly anchors = new Map<string, YamlNode>();
  private readonly converted = new Map<YamlNode, unknown>();
  private readonly sizes = new Map<YamlNode, number>();
  private aliasCount = 0;
  private expansion = 0;

  constructor(
    /** The text the document was parsed from (repaired), and the text as written. */
    private readonly text: string,
    private readonly original: string,
    private readonly toOriginal: (offset: number) => number,
  ) {}

  /** A node's span (in the original text) without the trailing line break and blank lines of a block. */
  private spanOf(range: [number, number, number]): SourceSpan {
    const start = this.toOriginal(range[0]);
    let end = this.toOriginal(range[1]);
    while (end > start && /\s/.test(this.original[end - 1]!)) end--;
    return { start, end };
  }

  convert(node: unknown, depth: number): unknown {
    if (depth > MAX_NESTING)
      throw new YamlSyntaxError(`Nesting is deeper than ${MAX_NESTING} levels`, this.toOriginal(rangeStart(node)));
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.alias(node, depth);
    const anchored = node as { anchor?: string };
    if (anchored.anchor) this.anchors.set(anchored.anchor, node as YamlNode);
    let result: unknown;
    if (isScalar(node)) result = this.scalar(node, depth);
    else if (isMap(node)) result = this.map(node, depth);
    else if (isSeq(node)) result = this.seq(node, depth);
    else result = null;
    this.converted.set(node as YamlNode, result);
    return result;
  }

  /** Expands an alias within the budgets (count of aliases, values produced). */
  private alias(node: { source: string; range?: Range }, depth: number): unknown {
    this.aliasCount++;
    const at = this.toOriginal(node.range?.[0] ?? 0);
    if (this.aliasCount > MAX_ALIASES) {
      throw new YamlSyntaxError(`Too many YAML aliases (more than ${MAX_ALIASES}); refusing to expand them`, at);
    }
    const target = this.anchors.get(node.source);
    if (!target) throw new YamlSyntaxError(`Unknown YAML alias *${node.source}`, at);
    this.expansion += this.expandedSize(target, depth);
    if (this.expansion > MAX_ALIAS_EXPANSION) {
      throw new YamlSyntaxError(
        `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} values; this looks like an alias bomb`,
        at,
      );
    }
    if (this.converted.has(target)) return this.converted.get(target);
    return this.convert(target, depth + 1);
  }

  /** How many values a node stands for once its aliases are expanded (memoised, so linear). */
  private expandedSize(node: unknown, depth: number): number {
    if (depth > MAX_NESTING) return Infinity;
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      return target ? this.expandedSize(target, depth + 1) : 1;
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    for (const item of node.items) {
      if (isPair(item)) total += this.expandedSize(item.value, depth + 1);
      else total += this.expandedSize(item, depth + 1);
      if (total > MAX_ALIAS_EXPANSION) break;
    }
    this.sizes.set(node, total);
    return total;
  }

  private scalar(node: Scalar, depth: number): unknown {
    if (
      node.type === 'BLOCK_LITERAL' &&
      typeof node.value === 'string' &&
      node.range &&
      depth <= LITERAL_BLOCK_LEVELS
    ) {
      const map = literalBlockMap(this.text, node.range[0], node.value);
      if (map) this.literalBlocks.set(node.value, (offset) => this.toOriginal(map(offset)));
    }
    let scalar: unknown = node.value === undefined ? null : node.value;
    if (node.type === 'PLAIN' && !node.tag && typeof scalar === 'string' && YAML11_BOOL.test(scalar)) {
      scalar = yaml11Value(scalar);
      this.yaml11Warning(node.value as string, node.range);
    }
    return wrapTag(node.tag, scalar);
  }

  private map(node: YAMLMap, depth: number): unknown {
    const obj: Record<string, unknown> = {};
    if (node.range) this.spans.set(obj, this.spanOf(node.range));
    this.converted.set(node, obj);
    const keys = depth <= KEY_OFFSET_LEVELS ? new Map<string, number>() : undefined;
    if (keys) this.keyOffsets.set(obj, keys);
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const rawKey = isScalar(pair.key) ? this.plainKey(pair.key) : this.convert(pair.key, depth + 1);
      this.noteDuplicate(pair.key, seen);
      const key =
        typeof rawKey === 'string'
          ? rawKey
          : rawKey === null || rawKey === undefined
            ? ''
            : typeof rawKey === 'object'
              ? JSON.stringify(rawKey)
              : String(rawKey);
      setOwn(obj, key, this.convert(pair.value, depth + 1));
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (keys && keyRange) keys.set(key, this.toOriginal(keyRange[0]));
    }
    return wrapTag(node.tag, obj);
  }

  /**
   * A key equal to an earlier one of the same mapping: as the `yaml` package's uniqueKeys check decides (same
   * scalar value), found with a set instead of its pairwise comparison.
   */
  private noteDuplicate(key: unknown, seen: Set<unknown>): void {
    if (!isScalar(key)) return;
    if (!seen.has(key.value)) {
      seen.add(key.value);
      return;
    }
    const name = String(key.value).split('\n')[0]!.trim();
    const named = name && name.length <= 80 ? `Duplicate key "${name}"` : 'Duplicate key in a mapping';
    this.duplicateKeys.push({
      message: `${named}; the last value is used`,
      offset: this.toOriginal(key.range?.[0] ?? 0),
      code: 'duplicate-key',
    });
  }

  private seq(node: YAMLSeq, depth: number): unknown {
    const arr: unknown[] = [];
    if (node.range) this.spans.set(arr, this.spanOf(node.range));
    this.converted.set(node, arr);
    for (const item of node.items) arr.push(this.convert(item, depth + 1));
    return wrapTag(node.tag, arr);
  }

  private yaml11Warning(word: string, range: Range): void {
    this.wordWarnings.push({
      message: `unquoted ${word} is the boolean ${yaml11Value(word)} in YAML 1.1, which is how CloudFormation and SAM read it; write '${word}' in quotes to mean the word`,
      offset: this.toOriginal(range?.[0] ?? 0),
      code: 'yaml-boolean-word',
    });
  }

  /** A mapping key as YAML 1.1 reads it: an unquoted Yes/No key becomes "true"/"false", as it deploys. */
  private plainKey(key: { value: unknown; type?: string; tag?: string; range?: Range }): unknown {
    if (key.type === 'PLAIN' && !key.tag && typeof key.value === 'string' && YAML11_BOOL.test(key.value)) {
      this.yaml11Warning(key.value, key.range);
      return yaml11Value(key.value);
    }
    return key.value;
  }
}
