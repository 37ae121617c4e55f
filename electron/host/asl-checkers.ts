/**
 * The two library checkers, run the same way for every machine: amazon-states-language-service on text (it
 * reports LSP ranges) and asl-validator on an object (it reports JSON pointers). Host code: ASLS brings
 * yaml-language-server and Node's fs with it, so the core (shared/asl/validate.ts) receives these as
 * `LibraryCheckers` from its caller. Their services are created once per process: building the ASLS schema service
 * is the costly part, and the services keep no per-call state.
 */
import asls from 'amazon-states-language-service';
import aslValidator from 'asl-validator';
import type { AslsRaw, AslvRaw, LibraryCheckers } from '../../shared/asl/validate-raw.ts';
// In the bundles: asl-validator's schemas compiled at build time, put in place before its first call.
import './aslv-precompiled.ts';
import aslvOptions from './aslv-options.json' with { type: 'json' };

export type LanguageService = ReturnType<typeof asls.getLanguageService>;
let jsonService: LanguageService | undefined;
let yamlService: LanguageService | undefined;

/**
 * The ASL language service for JSON or YAML, created once and shared: validation here and the code view's
 * completion and hover in the host use the same instances.
 */
export function aslLanguageService(yaml: boolean): LanguageService {
  if (yaml) return (yamlService ??= asls.getYamlLanguageService({}));
  return (jsonService ??= asls.getLanguageService({}));
}

/** Runs ASLS on a JSON or YAML text holding one definition. Never throws: a crash inside it is one diagnostic. */
export async function runAsls(text: string, yaml: boolean): Promise<AslsRaw[]> {
  const ls = aslLanguageService(yaml);
  const doc = asls.TextDocument.create(
    yaml ? 'file:///definition.asl.yaml' : 'file:///definition.asl.json',
    yaml ? 'yaml' : 'json',
    1,
    text,
  );
  const parsed = ls.parseJSONDocument(doc);
  const diagnostics = await ls.doValidation(doc, parsed);
  return diagnostics.map((d) => ({
    message: typeof d.message === 'string' ? d.message : d.message.value,
    severity: d.severity === 1 || d.severity === undefined ? 'error' : d.severity === 2 ? 'warning' : 'info',
    start: doc.offsetAt(d.range.start),
    end: doc.offsetAt(d.range.end),
  }));
}

/**
 * The options asl-validator runs with: path and ARN checks on. Kept in aslv-options.json, which the build script
 * that precompiles the bundles' schemas for exactly these options (electron/cli/aslv-standalone.mjs) reads too.
 */
export const ASLV_OPTIONS: { checkPaths: boolean; checkArn: boolean } = aslvOptions;

/** Runs asl-validator on a copy of the definition (it writes into its input). */
export function runAslValidator(definition: unknown): AslvRaw[] {
  const result = aslValidator(structuredClone(definition), ASLV_OPTIONS);
  return result.errors.map((e) => {
    const raw: AslvRaw = { code: e['Error code'], message: e.Message };
    if (e.schemaError) {
      raw.instancePath = e.schemaError.instancePath;
      raw.schemaPath = e.schemaError.schemaPath;
    }
    return raw;
  });
}

/** The checkers validation is given in the host, the CLI and the worker. */
export const LIBRARY_CHECKERS: LibraryCheckers = { asls: runAsls, aslValidator: runAslValidator };
