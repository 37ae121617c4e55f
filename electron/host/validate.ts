/**
 * `asl.validate`: checks the text the renderer is editing (which need not be saved) with the full validator
 * (amazon-states-language-service, asl-validator and Statescope's own rules). That code is far too large for the
 * renderer bundle, so it runs here; the renderer merges the answer with its own loader's diagnostics.
 */
import type { Diagnostic } from '../../shared/diagnostics.ts';
import { loadDocument } from '../../shared/asl/load.ts';
import { isFatal } from '../../shared/asl/report.ts';
import { buildGraph } from '../../shared/asl/graph.ts';
import { validateForReport } from '../../shared/asl/validate.ts';

/** Larger texts are not validated (the loader already refuses files this size; the answer says why). */
export const MAX_VALIDATE_CHARS = 16 * 1024 * 1024;

/** Validation of one text never takes longer than this; a slower run answers with a warning instead. */
export const VALIDATE_TIMEOUT_MS = 20_000;

function note(message: string, code: string): Diagnostic {
  return { severity: 'warning', message, line: 1, column: 1, source: 'statescope', code };
}

/**
 * Validates `text` as if it were the file `file` (its name picks JSON or YAML and the machine name). Never throws:
 * every failure becomes a diagnostic. Relative files (DefinitionUri) are not read: only the text given is checked.
 */
export async function validateText(file: string, text: string): Promise<{ diagnostics: Diagnostic[] }> {
  if (text.length > MAX_VALIDATE_CHARS) {
    return { diagnostics: [note(`The text is larger than ${MAX_VALIDATE_CHARS / 1024 / 1024} MB and was not validated.`, 'validate-too-large')] };
  }
  // Samples are `sample:<id>`: the id ends with the real file name, which carries the JSON/YAML hint.
  const name = file.startsWith('sample:') ? file.slice('sample:'.length) : file;
  const run = async (): Promise<Diagnostic[]> => {
    const doc = await loadDocument(name, text);
    if (isFatal(doc)) return [];
    // The renderer already shows the loader's and the graph builder's problems: leave those out, as `graph --json` does.
    const shown: Diagnostic[] = [];
    for (const machine of doc.machines) {
      try {
        shown.push(...buildGraph(machine).diagnostics);
      } catch {
        // A machine the builder cannot draw is reported by the renderer's own worker.
      }
    }
    return validateForReport(doc, shown);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<Diagnostic[]>((resolve) => {
      timer = setTimeout(() => resolve([note(`Validation gave up after ${VALIDATE_TIMEOUT_MS / 1000} s.`, 'validate-timeout')]), VALIDATE_TIMEOUT_MS);
    });
    return { diagnostics: await Promise.race([run(), timeout]) };
  } catch (error) {
    return { diagnostics: [note(`Validation failed: ${error instanceof Error ? error.message : String(error)}`, 'validator-crashed')] };
  } finally {
    clearTimeout(timer);
  }
}
