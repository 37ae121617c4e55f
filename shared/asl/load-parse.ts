/**
 * Reading text for the loader: JSON or YAML by content (the extension a hint), JSON leniencies and YAML warnings
 * as positioned warnings, bare `${…}` placeholders of definitions that are only JSON once deployed, and the
 * definitions a template gives as text (DefinitionString) or as a file (DefinitionUri).
 */
import type { Diagnostic } from '../diagnostics.ts';
import { lineIndex } from './line-index.ts';
import { JsonSyntaxError, STRING_START_LEVELS, parseJson, type JsonLeniency } from './parse-json.ts';
import { YamlSyntaxError, parseYaml } from './parse-yaml.ts';
import type { SourceSpan } from './types.ts';
import { isRecord } from './walk.ts';

export type Syntax = 'json' | 'yaml';

export interface Parsed {
  syntax: Syntax;
  value: unknown;
  spans: WeakMap<object, SourceSpan>;
  keyOffsets: WeakMap<object, Map<string, number>>;
  /** Offset maps of literal block scalars (YAML only), see `ParsedYaml.literalBlocks`. */
  literalBlocks?: Map<string, (offset: number) => number>;
  /** Where string values start (JSON only), see `ParsedJson.stringStarts`. */
  stringStarts?: WeakMap<object, Map<string | number, number>>;
  /** Leniencies and warnings, already positioned (0-based offsets). */
  warnings: { message: string; offset: number; code: string }[];
}

export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export function extensionHint(file: string): Syntax | undefined {
  if (/\.json5?$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return undefined;
}

/** First significant character, skipping whitespace, a BOM and JSON-style comments. */
function firstSignificant(text: string): string | undefined {
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\ufeff') {
      i++;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      return ch;
    }
  }
  return undefined;
}

const LENIENCY_TEXT: Record<JsonLeniency['kind'], string> = {
  comment: 'Comments are not allowed in JSON',
  'trailing-comma': 'Trailing commas are not allowed in JSON',
  'single-quote': 'Single-quoted strings are not allowed in JSON',
  'unquoted-key': 'Property names must be in double quotes in JSON',
};

function parseAsJson(text: string): Parsed {
  try {
    // Only templates need string positions (DefinitionString); plain definitions skip the cost.
    const r = parseJson(text, { stringStartLevels: /"Resources"\s*:/.test(text) ? STRING_START_LEVELS : -1 });
    const warnings: Parsed['warnings'] = [];
    const seen = new Set<string>();
    for (const l of r.leniencies) {
      if (seen.has(l.kind)) continue;
      seen.add(l.kind);
      warnings.push({
        message: `${LENIENCY_TEXT[l.kind]}; accepted here, but AWS Step Functions rejects the definition.`,
        offset: l.offset,
        code: `json-${l.kind}`,
      });
    }
    for (const d of r.duplicateKeys.slice(0, 20)) {
      warnings.push({
        message: `Duplicate key "${d.key}"; the last value is used.`,
        offset: d.offset,
        code: 'duplicate-key',
      });
    }
    return {
      syntax: 'json',
      value: r.value,
      spans: r.spans,
      keyOffsets: r.keyOffsets,
      stringStarts: r.stringStarts,
      warnings,
    };
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const code = e.message.startsWith('Nesting') ? 'too-deep' : 'syntax';
      throw new ParseFailure(`Invalid JSON: ${e.message}.`, e.offset, code);
    }
    if (e instanceof RangeError) throw new ParseFailure('The JSON is nested too deeply to read.', 0, 'too-deep');
    throw e;
  }
}

function parseAsYaml(text: string): Parsed {
  try {
    const r = parseYaml(text);
    return {
      syntax: 'yaml',
      value: r.value,
      spans: r.spans,
      keyOffsets: r.keyOffsets,
      ...(r.literalBlocks ? { literalBlocks: r.literalBlocks } : {}),
      warnings: r.warnings.map((w) => ({
        message: `YAML: ${w.message}.`,
        offset: w.offset,
        code: w.code ?? 'yaml-warning',
      })),
    };
  } catch (e) {
    if (e instanceof YamlSyntaxError) {
      if (/call stack/i.test(e.message)) {
        throw new ParseFailure(
          'The YAML is nested too deeply to read (the parser ran out of stack).',
          e.offset,
          'too-deep',
        );
      }
      const code = /alias/i.test(e.message) ? 'alias-bomb' : e.message.startsWith('Nesting') ? 'too-deep' : 'syntax';
      // YAML reports indentation errors at the start of the line; point at the first character instead.
      let offset = e.offset;
      while (text[offset] === ' ' || text[offset] === '\t') offset++;
      throw new ParseFailure(`Invalid YAML: ${e.message.replace(/\.$/, '')}.`, offset, code);
    }
    if (e instanceof RangeError) throw new ParseFailure('The YAML is nested too deeply to read.', 0, 'too-deep');
    throw e;
  }
}

/** Parses by content, with the extension as a hint; throws `ParseFailure` with the most useful message. */
export function parseText(text: string, hint: Syntax | undefined): Parsed {
  const first = firstSignificant(text);
  const looksJson = first === '{' || first === '[';
  if (hint === 'json' || (hint === undefined && looksJson)) return parseAsJson(text);
  if (looksJson) {
    try {
      return parseAsJson(text);
    } catch (jsonError) {
      try {
        return parseAsYaml(text);
      } catch {
        throw jsonError;
      }
    }
  }
  return parseAsYaml(text);
}

/**
 * Wraps `${…}` placeholders that stand outside JSON strings in quotes (`"Seconds": ${Wait}` in a `Fn::Sub`
 * definition), so a definition that is only JSON once deployed can still be read and drawn.
 */
function quoteBarePlaceholders(text: string, literals?: Map<string, string>): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') {
        inString = false;
      }
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end === -1) return out + text.slice(i);
      // DefinitionSubstitutions replace text in the JSON (bare `${Wait}` with 30 gives the number 30), so a
      // literal value goes in as written; any other placeholder becomes a string that shows its name.
      const literal = literals?.get(text.slice(i + 2, end));
      out += literal !== undefined ? literal : JSON.stringify(text.slice(i, end + 1));
      i = end;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * JSON text with bare `${…}` placeholders: literal substitution values put in as written (as deployed), else (when
 * a value does not fit there) every placeholder as a string. Throws ParseFailure when neither reads.
 */
function parseWithPlaceholders(text: string, literals?: Map<string, string>): Parsed {
  if (literals && literals.size > 0) {
    try {
      return parseAsJson(quoteBarePlaceholders(text, literals));
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
    }
  }
  return parseAsJson(quoteBarePlaceholders(text));
}

type Report = (severity: Diagnostic['severity'], message: string, code: string) => void;

function describeAt(text: string, offset: number): string {
  const p = lineIndex(text).position(offset);
  return `line ${p.line}, column ${p.column}`;
}

/** A report whose position can be given as an offset in the embedded text (mapped to the template when known). */
type EmbeddedReport = (severity: Diagnostic['severity'], message: string, code: string, offsetInText?: number) => void;

/**
 * Parses a DefinitionString (JSON text, possibly with `${…}` placeholders outside strings). `exact` is false when
 * placeholders had to be quoted first, because offsets into the text no longer match the source then.
 */
export function parseEmbedded(
  source: string,
  what: string,
  report: EmbeddedReport,
  literals?: Map<string, string>,
): { definition: Record<string, unknown>; spans: WeakMap<object, SourceSpan>; exact: boolean } | undefined {
  let parsed: Parsed;
  let exact = true;
  try {
    parsed = parseAsJson(source);
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    try {
      parsed = parseWithPlaceholders(source, literals);
      exact = false;
    } catch {
      report(
        'error',
        `${what} is not valid JSON (${describeAt(source, e.offset)} of the definition): ${e.message}`,
        'definition-syntax',
        e.offset,
      );
      return undefined;
    }
  }
  for (const w of parsed.warnings) report('warning', `${what}: ${w.message}`, w.code, exact ? w.offset : undefined);
  if (!isRecord(parsed.value)) {
    report('error', `${what} is not a JSON object.`, 'bad-definition');
    return undefined;
  }
  return { definition: parsed.value, spans: parsed.spans, exact };
}

/** Parses a definition file named by DefinitionUri (JSON or YAML by content and extension). */
export function parseExternal(
  text: string,
  uri: string,
  what: string,
  report: Report,
  literals?: Map<string, string>,
): Record<string, unknown> | undefined {
  if (text.trim() === '') {
    report('error', `${what} is empty.`, 'definition-syntax');
    return undefined;
  }
  if (text.includes('\0')) {
    report('error', `${what} looks like a binary file.`, 'definition-syntax');
    return undefined;
  }
  let parsed: Parsed;
  try {
    parsed = parseText(text, extensionHint(uri));
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    // Bare `${…}` placeholders (`"TimeoutSeconds": ${Timeout}`) are read the same way as in a DefinitionString:
    // the file is only JSON once SAM has substituted them.
    let retried: Parsed | undefined;
    if (text.includes('${') && extensionHint(uri) !== 'yaml') {
      try {
        retried = parseWithPlaceholders(text, literals);
      } catch {
        retried = undefined;
      }
    }
    if (!retried) {
      report('error', `${what} (${describeAt(text, e.offset)}): ${e.message}`, 'definition-syntax');
      return undefined;
    }
    parsed = retried;
  }
  for (const w of parsed.warnings) report('warning', `${what} (${describeAt(text, w.offset)}): ${w.message}`, w.code);
  if (!isRecord(parsed.value)) {
    report('error', `${what} is not a state machine definition (expected an object).`, 'bad-definition');
    return undefined;
  }
  return parsed.value;
}
