/**
 * amazon-states-language-service as a library checker: it reads JSON or YAML text and reports LSP ranges. Its own
 * module (asl-checkers.ts puts the two checkers together) so that each of `statescope validate`'s threads loads
 * only the library it runs: this one in its worker thread, asl-validator in the main thread
 * (electron/cli/checker-threads.ts).
 * The services are created once per process: building the ASLS schema service is the costly part, and the services
 * keep no per-call state.
 */
import asls from 'amazon-states-language-service';
import type { AslsRaw } from '../../shared/asl/validate-raw.ts';

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
