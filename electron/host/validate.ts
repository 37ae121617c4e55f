/**
 * `asl.validate`: checks the text the renderer is editing (which need not be saved) with the full validator
 * (amazon-states-language-service, asl-validator and Statescope's own rules). That code is far too large for the
 * renderer bundle, so it runs in the host — in a worker thread (language-worker.ts), because it is synchronous and
 * takes seconds on large machines: on the host's own event loop it would stall the Electron main process (menus,
 * IPC, the window) or every other request of the web-mode bridge. The renderer merges the answer with its own
 * loader's diagnostics.
 */
import type { Diagnostic } from '../../shared/diagnostics.ts';
import { LanguageWorkerClient, type LanguageWorkerOptions } from './language-worker-client.ts';

/** Larger texts are not validated (the loader already refuses files this size; the answer says why). */
export const MAX_VALIDATE_CHARS = 16 * 1024 * 1024;

/** Validation of one text never takes longer than this: a slower run is stopped and answers with a warning. */
export const VALIDATE_TIMEOUT_MS = 20_000;

function note(message: string, code: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic {
  return { severity, message, line: 1, column: 1, source: 'statescope', code };
}

/**
 * Validation has a worker of its own, so completion and hover (language.ts) never wait behind a long validation.
 * Created on first use; tests make their own with `createValidator`.
 */
let shared: LanguageWorkerClient | undefined;

/**
 * A validator over a worker of its own (`client.close()` ends it). Tests give it a short time limit, or `spawn`
 * to start a different worker (a bundled one, or one that crashes).
 */
export function createValidator(options: Partial<LanguageWorkerOptions> = {}): {
  validate: (file: string, text: string) => Promise<{ diagnostics: Diagnostic[] }>;
  client: LanguageWorkerClient;
} {
  const timeoutMs = options.timeoutMs ?? VALIDATE_TIMEOUT_MS;
  const client = new LanguageWorkerClient({ ...options, timeoutMs });
  return { validate: (file, text) => validateWith(client, timeoutMs, file, text), client };
}

async function validateWith(
  client: LanguageWorkerClient,
  timeoutMs: number,
  file: string,
  text: string,
): Promise<{ diagnostics: Diagnostic[] }> {
  if (text.length > MAX_VALIDATE_CHARS) {
    return {
      diagnostics: [
        note(
          `The text is larger than ${MAX_VALIDATE_CHARS / 1024 / 1024} MB and was not validated.`,
          'validate-too-large',
        ),
      ],
    };
  }
  const outcome = await client.request('validate', { file, text });
  switch (outcome.status) {
    case 'ok':
      return { diagnostics: outcome.value };
    case 'timeout':
      return { diagnostics: [note(`Validation gave up after ${timeoutMs / 1000} s.`, 'validate-timeout')] };
    case 'superseded':
      return {
        diagnostics: [note('A newer text of this document was validated instead.', 'validate-superseded', 'info')],
      };
    case 'failed':
    case 'crashed':
      return { diagnostics: [note(`Validation failed: ${outcome.message}`, 'validator-crashed')] };
  }
}

/**
 * Validates `text` as if it were the file `file` (its name picks JSON or YAML and the machine name). Never throws:
 * every failure becomes a diagnostic. Relative files (DefinitionUri) are not read: only the text given is checked.
 * While a validation runs, a newer request for the same `file` replaces a queued older one, which then answers
 * with a `validate-superseded` info note instead of stale results.
 */
export function validateText(file: string, text: string): Promise<{ diagnostics: Diagnostic[] }> {
  shared ??= new LanguageWorkerClient({ timeoutMs: VALIDATE_TIMEOUT_MS });
  return validateWith(shared, VALIDATE_TIMEOUT_MS, file, text);
}
