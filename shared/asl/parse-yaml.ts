/**
 * YAML → plain values with the source span of every mapping and sequence, for YAML ASL files and SAM /
 * CloudFormation templates. CloudFormation short tags (`!Sub`, `!GetAtt`, …) become the long form
 * (`{ "Fn::Sub": … }`) so templates written either way look the same to the loader. Aliases are expanded with a
 * hard budget, so an alias bomb is refused with a clear message instead of exhausting memory.
 *
 * Large files without aliases take a second, much faster reader (js-yaml, about 40× faster here), because the
 * precise reader needs seconds per megabyte; both give the same values, spans and errors with positions.
 */
import { CORE_SCHEMA, Type, YAMLException, load as loadFast } from 'js-yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
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

/** Above this many characters, YAML without aliases is read by the fast reader. */
export const FAST_YAML_THRESHOLD = 200_000;

/** True when the text may use an alias (`*name`); such files always take the alias-budgeted reader. */
function mayUseAliases(text: string): boolean {
  return /(^|[\s[{,])\*[^\s,[\]{}]/.test(text);
}

/** Reads `text` as one YAML document. Throws `YamlSyntaxError` on syntax errors and alias bombs. */
export function parseYaml(text: string): ParsedYaml {
  const aliases = mayUseAliases(text);
  if (text.length > FAST_YAML_THRESHOLD && !aliases) return parseYamlFast(text);
  try {
    return parseYamlPrecise(text);
  } catch (e) {
    // The precise reader recurses per nesting level; deeply nested files it cannot hold go to the fast one.
    const overflow = e instanceof RangeError || (e instanceof YamlSyntaxError && /call stack/i.test(e.message));
    if (overflow && !aliases) return parseYamlFast(text);
    throw e;
  }
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

const fastBool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) =>
    typeof data === 'string' && (/^(?:true|True|TRUE|false|False|FALSE)$/.test(data) || YAML11_BOOL.test(data)),
  construct: (data: unknown) => /^true$/i.test(String(data)) || yaml11Value(String(data)),
  predicate: (value: unknown) => typeof value === 'boolean',
});

const fastSchema = CORE_SCHEMA.extend({ implicit: [fastBool] }).extend(
  [...CFN_TAGS].flatMap(([tag, key]) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) =>
        new Type(tag, {
          kind,
          construct: (data: unknown) => {
            if (key === 'Fn::GetAtt' && typeof data === 'string') {
              const dot = data.indexOf('.');
              return { [key]: dot === -1 ? [data] : [data.slice(0, dot), data.slice(dot + 1)] };
            }
            return { [key]: data ?? (kind === 'scalar' ? '' : null) };
          },
        }),
    ),
  ),
);

/** The fast reader: js-yaml with a listener recording where each mapping and sequence starts and ends. */
export function parseYamlFast(text: string): ParsedYaml {
  const spans = new WeakMap<object, SourceSpan>();
  const starts: number[] = [];
  const trimStart = (at: number, end: number): number => {
    for (;;) {
      while (at < end && /\s/.test(text[at]!)) at++;
      if (text[at] !== '#') return at;
      const nl = text.indexOf('\n', at);
      if (nl === -1 || nl >= end) return at;
      at = nl + 1;
    }
  };
  let value: unknown;
  try {
    value = loadFast(text, {
      schema: fastSchema,
      json: true,
      maxDepth: MAX_NESTING,
      listener(event, state) {
        if (event === 'open') {
          starts.push(state.position);
          return;
        }
        const start = starts.pop() ?? 0;
        const result = state.result;
        if (result !== null && typeof result === 'object' && !spans.has(result)) {
          // js-yaml reads a copy of the text with a line break appended: clamp to the real text.
          let end = Math.min(state.position, text.length);
          const from = trimStart(Math.min(start, end), end);
          // Trailing blank lines and comment lines belong to what follows, not to this node.
          for (;;) {
            while (end > from && /\s/.test(text[end - 1]!)) end--;
            const lineStart = text.lastIndexOf('\n', end - 1) + 1;
            if (lineStart <= from || !text.slice(lineStart, end).trimStart().startsWith('#')) break;
            end = lineStart;
          }
          spans.set(result, { start: from, end });
        }
      },
    });
  } catch (e) {
    if (e instanceof YAMLException) {
      const reason = e.reason || e.message;
      if (/maxDepth/.test(reason))
        throw new YamlSyntaxError(`Nesting is deeper than ${MAX_NESTING} levels`, e.mark?.position ?? 0);
      throw new YamlSyntaxError(reason, e.mark?.position ?? 0);
    }
    if (e instanceof RangeError) throw new YamlSyntaxError('Nesting is too deep to read', 0);
    throw e;
  }
  return { value: value === undefined ? null : value, spans, keyOffsets: new WeakMap(), warnings: [] };
}

/** The precise reader (the `yaml` package): exact ranges, duplicate-key warnings, alias budget, indent repair. */
export function parseYamlPrecise(text: string): ParsedYaml {
  const original = text;
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
  let doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false, keepSourceTokens: false });
  for (let repairs = 0; repairs < MAX_INDENT_REPAIRS && doc.errors.length > 0; repairs++) {
    const first = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
    if (!first || !isUnderIndentedCloser(text, first.code, first.message, first.pos[0])) break;
    const at = first.pos[0];
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    // Indent the closing line like the last non-blank line before it (inside the collection or string).
    let prevEnd = lineStart - 1;
    let prevIndent = 0;
    while (prevEnd > 0) {
      const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
      const line = text.slice(prevStart, prevEnd);
      if (line.trim() !== '') {
        prevIndent = line.length - line.trimStart().length;
        break;
      }
      prevEnd = prevStart - 1;
    }
    const add = Math.max(1, prevIndent - (at - lineStart));
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
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false, keepSourceTokens: false });
  }
  for (const e of doc.errors) {
    if (e.code === 'DUPLICATE_KEY') {
      const key = text.slice(e.pos[0], e.pos[1]).split('\n')[0]!.replace(/:\s*$/, '').trim();
      const named = key && key.length <= 80 ? `Duplicate key "${key}"` : 'Duplicate key in a mapping';
      warnings.push({
        message: `${named}; the last value is used`,
        offset: toOriginal(e.pos[0]),
        code: 'duplicate-key',
      });
      continue;
    }
    throw new YamlSyntaxError(e.message, toOriginal(e.pos[0]));
  }
  for (const w of doc.warnings) {
    const tag = /Unresolved tag: (!\w+)/.exec(w.message)?.[1];
    if (w.code === 'TAG_RESOLVE_FAILED' && tag && CFN_TAGS.has(tag)) continue;
    warnings.push({ message: w.message, offset: toOriginal(w.pos[0]) });
  }

  const spans = new WeakMap<object, SourceSpan>();
  /** A node's span (in the original text) without the trailing line break and blank lines of a block. */
  const spanOf = (range: [number, number, number]): SourceSpan => {
    const start = toOriginal(range[0]);
    let end = toOriginal(range[1]);
    while (end > start && /\s/.test(original[end - 1]!)) end--;
    return { start, end };
  };
  const keyOffsets = new WeakMap<object, Map<string, number>>();
  const literalBlocks = new Map<string, (offset: number) => number>();
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

  const yaml11Warning = (word: string, range: [number, number, number] | null | undefined): void => {
    warnings.push({
      message: `unquoted ${word} is the boolean ${yaml11Value(word)} in YAML 1.1, which is how CloudFormation and SAM read it; write '${word}' in quotes to mean the word`,
      offset: toOriginal(range?.[0] ?? 0),
      code: 'yaml-boolean-word',
    });
  };
  /** A mapping key as YAML 1.1 reads it: an unquoted Yes/No key becomes "true"/"false", as it deploys. */
  const plainKey = (key: {
    value: unknown;
    type?: string;
    tag?: string;
    range?: [number, number, number] | null;
  }): unknown => {
    if (key.type === 'PLAIN' && !key.tag && typeof key.value === 'string' && YAML11_BOOL.test(key.value)) {
      yaml11Warning(key.value, key.range);
      return yaml11Value(key.value);
    }
    return key.value;
  };

  const convert = (node: unknown, depth: number): unknown => {
    if (depth > MAX_NESTING)
      throw new YamlSyntaxError(`Nesting is deeper than ${MAX_NESTING} levels`, toOriginal(rangeStart(node)));
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      aliasCount++;
      const at = toOriginal(node.range?.[0] ?? 0);
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
      if (
        node.type === 'BLOCK_LITERAL' &&
        typeof node.value === 'string' &&
        node.range &&
        depth <= LITERAL_BLOCK_LEVELS
      ) {
        const map = literalBlockMap(text, node.range[0], node.value);
        if (map) literalBlocks.set(node.value, (offset) => toOriginal(map(offset)));
      }
      let scalar: unknown = node.value === undefined ? null : node.value;
      if (node.type === 'PLAIN' && !node.tag && typeof scalar === 'string' && YAML11_BOOL.test(scalar)) {
        scalar = yaml11Value(scalar);
        yaml11Warning(node.value as string, node.range);
      }
      result = wrapTag(node.tag, scalar);
    } else if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      if (node.range) spans.set(obj, spanOf(node.range));
      converted.set(node, obj);
      const keys = depth <= KEY_OFFSET_LEVELS ? new Map<string, number>() : undefined;
      if (keys) keyOffsets.set(obj, keys);
      for (const pair of node.items) {
        const rawKey = isScalar(pair.key) ? plainKey(pair.key) : convert(pair.key, depth + 1);
        const key =
          typeof rawKey === 'string'
            ? rawKey
            : rawKey === null || rawKey === undefined
              ? ''
              : typeof rawKey === 'object'
                ? JSON.stringify(rawKey)
                : String(rawKey);
        setOwn(obj, key, convert(pair.value, depth + 1));
        const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
        if (keys && keyRange) keys.set(key, toOriginal(keyRange[0]));
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
  return { value, spans, keyOffsets, literalBlocks, warnings };
}

function rangeStart(node: unknown): number {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : 0;
}
