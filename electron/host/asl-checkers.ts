/**
 * The two library checkers, run the same way for every machine: amazon-states-language-service on text (it
 * reports LSP ranges; asls-checker.ts) and asl-validator on an object (it reports JSON pointers; aslv-checker.ts).
 * Host code: ASLS brings yaml-language-server and Node's fs with it, so the core (shared/asl/validate.ts) receives
 * these as `LibraryCheckers` from its caller.
 */
import type { LibraryCheckers } from '../../shared/asl/validate-raw.ts';
import { runAsls } from './asls-checker.ts';
import { runAslValidator } from './aslv-checker.ts';

export { aslLanguageService, runAsls, type LanguageService } from './asls-checker.ts';
export { ASLV_OPTIONS, runAslValidator } from './aslv-checker.ts';

/** The checkers validation is given in the host, the CLI and the worker. */
export const LIBRARY_CHECKERS: LibraryCheckers = { asls: runAsls, aslValidator: runAslValidator };
