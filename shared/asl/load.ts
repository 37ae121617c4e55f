/**
 * Opening a file: text → the state machines in it. Handles plain ASL (JSON or YAML), JSON with the usual
 * accidents (comments, trailing commas: accepted with a warning, because AWS rejects them), and SAM /
 * CloudFormation / CDK templates in JSON or YAML with every way of giving a definition. Never throws: every
 * problem becomes a diagnostic with a 1-based line and column, so the app and the CLI can always show something.
 */
import type { Diagnostic } from '../diagnostics.ts';
import {
  collectPlaceholders,
  isIntrinsic,
  renderIntrinsic,
  renderValue,
  replaceIntrinsics,
  substituteMapped,
} from './cfn.ts';
import { lineIndex, type LineIndex } from './line-index.ts';
import { JsonSyntaxError, STRING_START_LEVELS, parseJson, stringLiteralMap, type JsonLeniency } from './parse-json.ts';
import { YamlSyntaxError, parseYaml } from './parse-yaml.ts';
import type { DocumentFormat, LoadedDocument, MachineSource, SourceSpan } from './types.ts';
import { isRecord, walkScopes } from './walk.ts';

/** How the loader reaches files a template points at (`DefinitionUri`); injected so `shared/` stays pure. */
export interface LoadOptions {
  /** Reads `path` (as written in the template) relative to `fromFile`; rejects when it cannot. */
  readFile?: (path: string, fromFile: string) => Promise<string>;
}

/** Diagnostic codes meaning "the file itself could not be read as JSON/YAML": the CLI exits 2 on these. */
export const FATAL_CODES: ReadonlySet<string> = new Set([
  'empty',
  'binary',
  'syntax',
  'alias-bomb',
  'too-deep',
  'load-failed',
]);

const MACHINE_TYPES = new Set(['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine']);

type Syntax = 'json' | 'yaml';

interface Parsed {
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

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The file's base name without the ASL/JSON/YAML extension: the machine name for a plain ASL file. */
export function machineNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stripped = base.replace(/(\.asl)?\.(json5?|ya?ml)$/i, '');
  return stripped || base;
}

function extensionHint(file: string): Syntax | undefined {
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
function parseText(text: string, hint: Syntax | undefined): Parsed {
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

/** Loads one file. See the module comment; `file` is used for the machine name and for relative reads. */
export async function loadDocument(file: string, text: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  const hint = extensionHint(file);
  const fallbackFormat: DocumentFormat = hint === 'yaml' ? 'asl-yaml' : 'asl-json';
  try {
    return await load(file, text, hint, options);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      file,
      format: fallbackFormat,
      text,
      machines: [],
      diagnostics: [
        {
          severity: 'error',
          message: `Could not load the file: ${message}`,
          line: 1,
          column: 1,
          source: 'load',
          code: 'load-failed',
        },
      ],
    };
  }
}

async function load(
  file: string,
  text: string,
  hint: Syntax | undefined,
  options: LoadOptions,
): Promise<LoadedDocument> {
  const lines = lineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => lines.position(offset);
  const fail = (format: DocumentFormat, message: string, offset: number, code: string): LoadedDocument => ({
    file,
    format,
    text,
    machines: [],
    diagnostics: [...diagnostics, { severity: 'error', message, ...at(offset), source: 'load', code }],
  });
  const fallbackFormat: DocumentFormat = hint === 'yaml' ? 'asl-yaml' : 'asl-json';

  if (
    text
      .trim()
      .replace(/^\ufeff/, '')
      .trim() === ''
  )
    return fail(fallbackFormat, 'The file is empty.', 0, 'empty');
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return fail(
      fallbackFormat,
      'The file contains NUL bytes: it looks like a binary file, not JSON or YAML.',
      nul,
      'binary',
    );
  }
  const bad = text.indexOf('\ufffd');
  if (bad !== -1) {
    return fail(
      fallbackFormat,
      'The file is not valid UTF-8 text (it contains replacement characters): it looks like a binary file.',
      bad,
      'binary',
    );
  }

  let parsed: Parsed;
  try {
    parsed = parseText(text, hint);
  } catch (e) {
    if (e instanceof ParseFailure) return fail(fallbackFormat, e.message, e.offset, e.code);
    throw e;
  }
  for (const w of parsed.warnings)
    diagnostics.push({ severity: 'warning', message: w.message, ...at(w.offset), source: 'parse', code: w.code });

  const root = parsed.value;
  const isTemplate =
    isRecord(root) &&
    (isRecord(root.Resources) || 'AWSTemplateFormatVersion' in root || 'Transform' in root) &&
    !('States' in root);
  const format: DocumentFormat = `${isTemplate ? 'template' : 'asl'}-${parsed.syntax}` as DocumentFormat;
  const kind = parsed.syntax === 'json' ? 'JSON' : 'YAML';

  if (!isRecord(root)) {
    const found = Array.isArray(root) ? 'an array' : root === null ? 'null' : `a ${typeof root}`;
    return fail(
      format,
      `The file is valid ${kind} but not a state machine: expected an object with "StartAt" and "States", found ${found}.`,
      0,
      'not-asl',
    );
  }

  if (!isTemplate) {
    if (!('States' in root) && !('StartAt' in root)) {
      return fail(
        format,
        `The file is valid ${kind} but not an Amazon States Language definition (no "StartAt" or "States") nor a SAM/CloudFormation template (no "Resources").`,
        parsed.spans.get(root)?.start ?? 0,
        'not-asl',
      );
    }
    const machine = inlineMachine(machineNameFromFile(file), 'asl', root, parsed.spans, lines);
    return { file, format, text, machines: [machine], diagnostics };
  }

  const machines: MachineSource[] = [];
  const resources = isRecord(root.Resources) ? root.Resources : {};
  let declared = 0;
  for (const logicalId of Object.keys(resources)) {
    const res = resources[logicalId];
    if (!isRecord(res) || typeof res.Type !== 'string' || !MACHINE_TYPES.has(res.Type)) continue;
    declared++;
    const resourceType = res.Type as MachineSource['resourceType'];
    const props = isRecord(res.Properties) ? res.Properties : {};
    const resOffset = parsed.spans.get(res)?.start ?? 0;
    const propOffset = (key: string): number => parsed.keyOffsets.get(props)?.get(key) ?? resOffset;
    const report = (severity: Diagnostic['severity'], message: string, offset: number, code: string) =>
      diagnostics.push({ severity, message, ...at(offset), source: 'load', code, machine: logicalId });
    const substitutions = substitutionValues(props.DefinitionSubstitutions);
    const literals = literalSubstitutions(props.DefinitionSubstitutions);
    const checkPlaceholders = (names: string[], offset: number): void =>
      checkSubstitutions(
        logicalId,
        props.DefinitionSubstitutions,
        names,
        offset,
        propOffset('DefinitionSubstitutions'),
        report,
      );

    if (props.Definition !== undefined) {
      checkPlaceholders(literalPlaceholders(props.Definition), propOffset('Definition'));
      const def = replaceIntrinsics(props.Definition);
      if (!isRecord(def)) {
        report(
          'error',
          `${logicalId}: "Definition" must be an object (the state machine definition).`,
          propOffset('Definition'),
          'bad-definition',
        );
        continue;
      }
      const m = inlineMachine(logicalId, resourceType, def, parsed.spans, lines, substitutions);
      machines.push(m);
      continue;
    }

    if (props.DefinitionString !== undefined) {
      const raw = props.DefinitionString;
      checkPlaceholders(literalPlaceholders(raw), propOffset('DefinitionString'));
      const source = typeof raw === 'string' ? raw : isIntrinsic(raw) ? renderIntrinsic(raw) : renderValue(raw);
      const offset = propOffset('DefinitionString');
      // Written as a YAML literal block or a JSON string (also in Fn::Sub / Fn::Join), it maps back into this file.
      const toSource = embeddedSourceMap(raw, props, source, parsed, text);
      const embedded = parseEmbedded(
        source,
        `${logicalId}: DefinitionString`,
        (sev, msg, code, at) => report(sev, msg, toSource && at !== undefined ? toSource(at) : offset, code),
        literals,
      );
      if (embedded === undefined) continue;
      if (toSource && embedded.exact) {
        const spanIn = (value: object): SourceSpan | undefined => {
          const span = embedded.spans.get(value);
          return span ? { start: toSource(span.start), end: toSource(span.end - 1) + 1 } : undefined;
        };
        machines.push(mappedMachine(logicalId, resourceType, embedded.definition, spanIn, lines, substitutions));
      } else {
        machines.push(
          externalMachine(logicalId, resourceType, embedded.definition, lines.position(offset), substitutions),
        );
      }
      continue;
    }

    const uri = props.DefinitionUri ?? props.DefinitionS3Location;
    if (uri !== undefined) {
      const key = props.DefinitionUri !== undefined ? 'DefinitionUri' : 'DefinitionS3Location';
      const offset = propOffset(key);
      const s3 = s3Location(uri);
      if (s3 !== undefined || typeof uri !== 'string') {
        report(
          'info',
          `${logicalId}: the definition is stored in S3 (${s3 ?? renderValue(uri)}); Statescope only opens local files, so this state machine is not shown.`,
          offset,
          's3-definition',
        );
        continue;
      }
      if (!options.readFile) {
        report(
          'warning',
          `${logicalId}: the definition is in "${uri}", which cannot be opened here (no file access).`,
          offset,
          'definition-unreadable',
        );
        continue;
      }
      const unsafe = unsafeDefinitionPath(uri);
      if (unsafe) {
        report(
          'error',
          `${logicalId}: the definition "${uri}" is ${unsafe}; Statescope follows DefinitionUri only to files beside the template.`,
          offset,
          'definition-unreadable',
        );
        continue;
      }
      let external: unknown;
      try {
        external = await options.readFile(uri, file);
        if (typeof external !== 'string') throw new Error('the reader returned no text');
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        report(
          'error',
          `${logicalId}: cannot read the definition file "${uri}": ${why}`,
          offset,
          'definition-unreadable',
        );
        continue;
      }
      checkPlaceholders(literalPlaceholders(external), offset);
      const def = parseExternal(
        external as string,
        uri,
        `${logicalId}: ${uri}`,
        (sev, msg, code) => report(sev, msg, offset, code),
        literals,
      );
      if (def !== undefined) {
        const m = externalMachine(logicalId, resourceType, def, lines.position(offset), substitutions);
        m.definitionFile = uri;
        machines.push(m);
      }
      continue;
    }

    report(
      'error',
      `${logicalId}: the state machine has no Definition, DefinitionString, DefinitionUri or DefinitionS3Location.`,
      resOffset,
      'no-definition',
    );
  }

  if (declared === 0) {
    return fail(
      format,
      'The template declares no state machine (no resource of type AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine).',
      parsed.spans.get(resources)?.start ?? 0,
      'no-machine',
    );
  }
  return { file, format, text, machines, diagnostics };
}

/**
 * Maps offsets in a rendered DefinitionString back to offsets in the template, when that can be known exactly:
 * a YAML literal block (plain or in `Fn::Sub`), or a JSON string (plain, in `Fn::Sub`, or the parts of an
 * `Fn::Join`, as CDK writes them). Undefined otherwise, and then the machine simply has no state spans.
 */
function embeddedSourceMap(
  raw: unknown,
  props: Record<string, unknown>,
  rendered: string,
  parsed: Parsed,
  text: string,
): ((offset: number) => number) | undefined {
  // Where the written text of the definition is, as a map from offsets in it to offsets in the template.
  let written: string | undefined;
  let vars: Record<string, unknown> | undefined;
  let toTemplate: ((offset: number) => number) | undefined;
  const locate = (container: object, key: string | number, value: string) => {
    if (parsed.syntax === 'yaml') return parsed.literalBlocks?.get(value);
    const at = parsed.stringStarts?.get(container)?.get(key);
    return at === undefined ? undefined : stringLiteralMap(text, at);
  };
  if (typeof raw === 'string') {
    written = raw;
    toTemplate = locate(props, 'DefinitionString', raw);
  } else if (isRecord(raw) && 'Fn::Sub' in raw) {
    const sub = raw['Fn::Sub'];
    if (typeof sub === 'string') {
      written = sub;
      toTemplate = locate(raw, 'Fn::Sub', sub);
    } else if (Array.isArray(sub) && typeof sub[0] === 'string') {
      written = sub[0];
      vars = isRecord(sub[1]) ? sub[1] : undefined;
      toTemplate = locate(sub, 0, sub[0]);
    }
  } else if (isRecord(raw) && 'Fn::Join' in raw && parsed.syntax === 'json') {
    return joinSourceMap(raw['Fn::Join'], rendered, parsed, text);
  }
  if (written === undefined || toTemplate === undefined) return undefined;
  if (typeof raw === 'string') return raw === rendered ? toTemplate : undefined;
  const sub = substituteMapped(written, vars);
  if (sub.text !== rendered) return undefined;
  const map = toTemplate;
  return (offset) => map(sub.toInput(offset));
}

/** The offset map of a JSON `Fn::Join` definition: string parts map into their literals, intrinsics to their start. */
function joinSourceMap(
  join: unknown,
  rendered: string,
  parsed: Parsed,
  text: string,
): ((offset: number) => number) | undefined {
  if (!Array.isArray(join) || join.length !== 2 || typeof join[0] !== 'string' || !Array.isArray(join[1]))
    return undefined;
  const delimiter = join[0];
  const parts = join[1] as unknown[];
  const delimiterAt = parsed.stringStarts?.get(join)?.get(0);
  const partsAt = parsed.spans.get(parts)?.start;
  if (delimiterAt === undefined || partsAt === undefined) return undefined;
  const delimiterMap = stringLiteralMap(text, delimiterAt);
  const segments: { at: number; map: (offset: number) => number }[] = [];
  let out = 0;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0 && delimiter.length > 0) {
      segments.push({ at: out, map: delimiterMap });
      out += delimiter.length;
    }
    const part = parts[i];
    if (typeof part === 'string') {
      const at = parsed.stringStarts?.get(parts)?.get(i);
      if (at === undefined) return undefined;
      segments.push({ at: out, map: stringLiteralMap(text, at) });
      out += part.length;
    } else {
      const start = (part !== null && typeof part === 'object' ? parsed.spans.get(part)?.start : undefined) ?? partsAt;
      segments.push({ at: out, map: () => start });
      out += renderValue(part).length;
    }
  }
  if (out !== rendered.length || segments.length === 0) return undefined;
  return (offset) => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.at <= offset) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo]!.map(offset - segments[lo]!.at);
  };
}

function s3Location(uri: unknown): string | undefined {
  if (typeof uri === 'string') return /^s3:\/\//i.test(uri) ? uri : undefined;
  if (isRecord(uri) && (uri.Bucket !== undefined || uri.Key !== undefined)) {
    return `s3://${renderValue(uri.Bucket)}/${renderValue(uri.Key)}`;
  }
  return undefined;
}

function substitutionValues(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (isRecord(value)) for (const k of Object.keys(value)) out.set(k, renderValue(value[k]));
  return out;
}

/** DefinitionSubstitutions values written as plain text, numbers or booleans (not CloudFormation expressions). */
function literalSubstitutions(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isRecord(value)) return out;
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
  }
  return out;
}

/**
 * `${Name}` placeholders that only DefinitionSubstitutions can fill: those in plain strings of the written
 * definition, not inside a CloudFormation expression (`Fn::Sub` resolves its own and fails on unknown ones).
 */
function literalPlaceholders(value: unknown): string[] {
  const names = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    if (depth > 200) return;
    if (typeof node === 'string') {
      // A Comment is never evaluated, so a placeholder written in one (as prose) deploys harmlessly.
      const text = depth === 0 ? node.replace(/"Comment"\s*:\s*"(?:[^"\\]|\\.)*"/g, '') : node;
      if (text.includes('${')) for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) names.add(m[1]!);
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
    } else if (isRecord(node) && !isIntrinsic(node)) {
      for (const k of Object.keys(node)) if (k !== 'Comment') visit(node[k], depth + 1);
    }
  };
  visit(value, 0);
  return [...names];
}

/**
 * CloudFormation wants DefinitionSubstitutions to be a map of names to values; a placeholder it does not name is
 * deployed as the literal text `${Name}` (usually a typo), which the service then reads as it is.
 */
function checkSubstitutions(
  logicalId: string,
  substitutions: unknown,
  names: string[],
  at: number,
  substitutionsAt: number,
  report: (severity: Diagnostic['severity'], message: string, offset: number, code: string) => void,
): void {
  if (substitutions !== undefined && !isRecord(substitutions) && !isIntrinsic(substitutions)) {
    const found = Array.isArray(substitutions)
      ? 'a list'
      : typeof substitutions === 'string'
        ? `the text ${JSON.stringify(substitutions)}`
        : JSON.stringify(substitutions);
    report(
      'error',
      `${logicalId}: "DefinitionSubstitutions" must be a map of placeholder names to values (such as {"TableName": "orders"}), not ${found}; no placeholder is replaced.`,
      substitutionsAt,
      'substitutions-not-a-map',
    );
    return;
  }
  if (isIntrinsic(substitutions)) return;
  const defined = isRecord(substitutions) ? substitutions : {};
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(defined, name)) continue;
    report(
      'warning',
      `${logicalId}: placeholder \${${name}} is not defined in DefinitionSubstitutions, so it is deployed as the literal text "\${${name}}".`,
      at,
      'undefined-placeholder',
    );
  }
}

function placeholdersOf(definition: unknown, substitutions?: Map<string, string>): MachineSource['placeholders'] {
  return collectPlaceholders(definition).map((name) => {
    const value = substitutions?.get(name);
    return value === undefined ? { name } : { name, value };
  });
}

/** A machine whose definition is in the opened text: spans and locations of every state are known. */
function inlineMachine(
  name: string,
  resourceType: MachineSource['resourceType'],
  definition: Record<string, unknown>,
  spans: WeakMap<object, SourceSpan>,
  lines: LineIndex,
  substitutions?: Map<string, string>,
): MachineSource {
  return mappedMachine(name, resourceType, definition, (value) => spans.get(value), lines, substitutions);
}

/** A machine with a way to find the source span (in the opened text) of any object of its definition. */
function mappedMachine(
  name: string,
  resourceType: MachineSource['resourceType'],
  definition: Record<string, unknown>,
  spanOf: (value: object) => SourceSpan | undefined,
  lines: LineIndex,
  substitutions?: Map<string, string>,
): MachineSource {
  const stateSpans: Record<string, SourceSpan> = Object.create(null);
  const stateLocations: Record<string, { line: number; column: number }> = Object.create(null);
  walkScopes(definition, (scope) => {
    for (const s of scope.states) {
      const span = s.value !== null && typeof s.value === 'object' ? spanOf(s.value) : undefined;
      if (span) {
        stateSpans[s.id] = span;
        stateLocations[s.id] = lines.position(span.start);
      }
    }
  });
  const span = spanOf(definition);
  const m: MachineSource = {
    name,
    resourceType,
    definition,
    placeholders: placeholdersOf(definition, substitutions),
    stateSpans,
    stateLocations,
    location: lines.position(span?.start ?? 0),
  };
  if (span) m.span = span;
  return m;
}

/** A machine whose definition text lives elsewhere (DefinitionString, DefinitionUri): no spans in this file. */
function externalMachine(
  name: string,
  resourceType: MachineSource['resourceType'],
  definition: Record<string, unknown>,
  location: { line: number; column: number },
  substitutions: Map<string, string>,
): MachineSource {
  return {
    name,
    resourceType,
    definition,
    placeholders: placeholdersOf(definition, substitutions),
    stateSpans: Object.create(null),
    location,
  };
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
function parseEmbedded(
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

/**
 * Why a DefinitionUri is never opened, before any reader sees it: network (UNC) paths (on Windows opening one
 * makes an SMB connection), URLs, and device/kernel files. The host also keeps reads inside the template's folder.
 */
export function unsafeDefinitionPath(uri: string): string | null {
  if (/^[\\/]{2}/.test(uri)) return 'a network (UNC) path';
  if (/^[a-z][a-z0-9+.-]+:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) return 'a URL, not a local file';
  if (/^\/(dev|proc|sys)(\/|$)/.test(uri)) return 'a device or kernel file';
  return null;
}

/** Parses a definition file named by DefinitionUri (JSON or YAML by content and extension). */
function parseExternal(
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
