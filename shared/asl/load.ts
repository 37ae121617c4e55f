/**
 * Opening a file: text → the state machines in it. Handles plain ASL (JSON or YAML), JSON with the usual
 * accidents (comments, trailing commas: accepted with a warning, because AWS rejects them), and SAM /
 * CloudFormation / CDK templates in JSON or YAML with every way of giving a definition. Never throws: every
 * problem becomes a diagnostic with a 1-based line and column, so the app and the CLI can always show something.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { lineIndex } from './line-index.ts';
import { ParseFailure, extensionHint, parseText, type Parsed, type Syntax } from './load-parse.ts';
import { inlineMachine, resourceMachine } from './load-template.ts';
import type { DocumentFormat, LoadedDocument, MachineSource } from './types.ts';
import { isRecord } from './walk.ts';

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
/** The file's base name without the ASL/JSON/YAML extension: the machine name for a plain ASL file. */
export function machineNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stripped = base.replace(/(\.asl)?\.(json5?|ya?ml)$/i, '');
  return stripped || base;
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

/** Why a text cannot be JSON or YAML at all (empty, binary), before any parser sees it. */
function unreadableText(text: string): { message: string; offset: number; code: string } | undefined {
  if (
    text
      .trim()
      .replace(/^\ufeff/, '')
      .trim() === ''
  )
    return { message: 'The file is empty.', offset: 0, code: 'empty' };
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return {
      message: 'The file contains NUL bytes: it looks like a binary file, not JSON or YAML.',
      offset: nul,
      code: 'binary',
    };
  }
  const bad = text.indexOf('\ufffd');
  if (bad !== -1) {
    return {
      message: 'The file is not valid UTF-8 text (it contains replacement characters): it looks like a binary file.',
      offset: bad,
      code: 'binary',
    };
  }
  return undefined;
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

  const unreadable = unreadableText(text);
  if (unreadable) return fail(fallbackFormat, unreadable.message, unreadable.offset, unreadable.code);

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
    const machine = await resourceMachine({ file, text, parsed, lines, options, diagnostics }, logicalId, res);
    if (machine) machines.push(machine);
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
