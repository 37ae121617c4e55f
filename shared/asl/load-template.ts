/**
 * The state machine of one template resource, from whichever property gives its definition: `Definition` (an
 * object in the template), `DefinitionString` (JSON text, maybe inside `Fn::Sub` or `Fn::Join`), or
 * `DefinitionUri` / `DefinitionS3Location` (a file beside the template; S3 is not fetched). Problems become
 * diagnostics tied to the resource.
 */
import type { Diagnostic } from '../diagnostics.ts';
import {
  collectPlaceholders,
  isIntrinsic,
  renderIntrinsic,
  renderValue,
  substituteMapped,
  replaceIntrinsics,
} from './cfn.ts';
import type { LineIndex } from './line-index.ts';
import type { LoadOptions } from './load.ts';
import { parseEmbedded, parseExternal, type Parsed } from './load-parse.ts';
import { stringLiteralMap } from './parse-json.ts';
import type { MachineSource, SourceSpan } from './types.ts';
import { isRecord, walkScopes } from './walk.ts';

/** The template the resources are read from. */
export interface TemplateFile {
  file: string;
  text: string;
  parsed: Parsed;
  lines: LineIndex;
  options: LoadOptions;
  diagnostics: Diagnostic[];
}

/** One state machine resource and the helpers its definition properties share. */
interface Resource {
  logicalId: string;
  resourceType: MachineSource['resourceType'];
  props: Record<string, unknown>;
  /** Offset of a property's key (the resource's start when absent), to point diagnostics at it. */
  propOffset: (key: string) => number;
  report: (severity: Diagnostic['severity'], message: string, offset: number, code: string) => void;
  substitutions: Map<string, string>;
  literals: Map<string, string>;
  checkPlaceholders: (names: string[], offset: number) => void;
}

/** The machine of a state machine resource, or undefined (after a diagnostic) when it cannot be shown. */
export async function resourceMachine(
  t: TemplateFile,
  logicalId: string,
  res: Record<string, unknown>,
): Promise<MachineSource | undefined> {
  const resourceType = res.Type as MachineSource['resourceType'];
  const props = isRecord(res.Properties) ? res.Properties : {};
  const resOffset = t.parsed.spans.get(res)?.start ?? 0;
  const propOffset = (key: string): number => t.parsed.keyOffsets.get(props)?.get(key) ?? resOffset;
  const report = (severity: Diagnostic['severity'], message: string, offset: number, code: string) =>
    t.diagnostics.push({ severity, message, ...t.lines.position(offset), source: 'load', code, machine: logicalId });
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

  const r: Resource = {
    logicalId,
    resourceType,
    props,
    propOffset,
    report,
    substitutions,
    literals,
    checkPlaceholders,
  };
  if (props.Definition !== undefined) return fromDefinition(t, r);
  if (props.DefinitionString !== undefined) return fromDefinitionString(t, r);
  const uri = props.DefinitionUri ?? props.DefinitionS3Location;
  if (uri !== undefined) return fromDefinitionUri(t, r, uri);
  report(
    'error',
    `${logicalId}: the state machine has no Definition, DefinitionString, DefinitionUri or DefinitionS3Location.`,
    resOffset,
    'no-definition',
  );
  return undefined;
}

/** `Definition`: the definition is an object in the template itself. */
function fromDefinition(t: TemplateFile, r: Resource): MachineSource | undefined {
  const { logicalId, resourceType, props, propOffset, report, substitutions, checkPlaceholders } = r;
  const { parsed, lines } = t;
  checkPlaceholders(literalPlaceholders(props.Definition), propOffset('Definition'));
  const def = replaceIntrinsics(props.Definition);
  if (!isRecord(def)) {
    report(
      'error',
      `${logicalId}: "Definition" must be an object (the state machine definition).`,
      propOffset('Definition'),
      'bad-definition',
    );
    return undefined;
  }
  return inlineMachine(logicalId, resourceType, def, parsed.spans, lines, substitutions);
}

/** `DefinitionString`: JSON text, mapped back into the template when the text is written there exactly. */
function fromDefinitionString(t: TemplateFile, r: Resource): MachineSource | undefined {
  const { logicalId, resourceType, props, propOffset, report, substitutions, literals, checkPlaceholders } = r;
  const { parsed, lines, text } = t;
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
  if (embedded === undefined) return undefined;
  if (toSource && embedded.exact) {
    const spanIn = (value: object): SourceSpan | undefined => {
      const span = embedded.spans.get(value);
      return span ? { start: toSource(span.start), end: toSource(span.end - 1) + 1 } : undefined;
    };
    return mappedMachine(logicalId, resourceType, embedded.definition, spanIn, lines, substitutions);
  } else {
    return externalMachine(logicalId, resourceType, embedded.definition, lines.position(offset), substitutions);
  }
}

/** `DefinitionUri` / `DefinitionS3Location`: a local file beside the template (read through `options.readFile`). */
async function fromDefinitionUri(t: TemplateFile, r: Resource, uri: unknown): Promise<MachineSource | undefined> {
  const { logicalId, resourceType, props, propOffset, report, substitutions, literals, checkPlaceholders } = r;
  const { lines, file, options } = t;
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
    return undefined;
  }
  if (!options.readFile) {
    report(
      'warning',
      `${logicalId}: the definition is in "${uri}", which cannot be opened here (no file access).`,
      offset,
      'definition-unreadable',
    );
    return undefined;
  }
  const unsafe = unsafeDefinitionPath(uri);
  if (unsafe) {
    report(
      'error',
      `${logicalId}: the definition "${uri}" is ${unsafe}; Statescope follows DefinitionUri only to files beside the template.`,
      offset,
      'definition-unreadable',
    );
    return undefined;
  }
  let external: unknown;
  try {
    external = await options.readFile(uri, file);
    if (typeof external !== 'string') throw new Error('the reader returned no text');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    report('error', `${logicalId}: cannot read the definition file "${uri}": ${why}`, offset, 'definition-unreadable');
    return undefined;
  }
  checkPlaceholders(literalPlaceholders(external), offset);
  const def = parseExternal(
    external as string,
    uri,
    `${logicalId}: ${uri}`,
    (sev, msg, code) => report(sev, msg, offset, code),
    literals,
  );
  if (def === undefined) return undefined;
  const m = externalMachine(logicalId, resourceType, def, lines.position(offset), substitutions);
  m.definitionFile = uri;
  return m;
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
export function inlineMachine(
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

/**
 * Why a DefinitionUri is never opened, before any reader sees it: network (UNC) paths (on Windows opening one
 * makes an SMB connection), URLs, and device/kernel files. The host also keeps reads inside the template's folder.
 */
function unsafeDefinitionPath(uri: string): string | null {
  if (/^[\\/]{2}/.test(uri)) return 'a network (UNC) path';
  if (/^[a-z][a-z0-9+.-]+:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) return 'a URL, not a local file';
  if (/^\/(dev|proc|sys)(\/|$)/.test(uri)) return 'a device or kernel file';
  return null;
}
