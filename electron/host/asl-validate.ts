/**
 * Validation as the host runs it: the core's rules (shared/asl/validate.ts) with the two library checkers
 * (asl-checkers.ts). The CLI, the language worker and the benchmark call these.
 */
import type { Diagnostic } from '../../shared/diagnostics.ts';
import type { LoadedDocument } from '../../shared/asl/types.ts';
import * as core from '../../shared/asl/validate.ts';
import { LIBRARY_CHECKERS } from './asl-checkers.ts';

/** Every machine of a loaded document checked; one merged, position-sorted list (see the core's `validateDocument`). */
export function validateDocument(doc: LoadedDocument): Promise<Diagnostic[]> {
  return core.validateDocument(doc, LIBRARY_CHECKERS);
}

/** The validation diagnostics for reports, without repeats of the loader's or of `shown` (see the core). */
export function validateForReport(doc: LoadedDocument, shown: readonly Diagnostic[] = []): Promise<Diagnostic[]> {
  return core.validateForReport(doc, LIBRARY_CHECKERS, shown);
}
