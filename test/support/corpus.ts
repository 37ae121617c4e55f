/**
 * Where the real-world test data lives: `test/corpus/` (ASL, templates, X-Ray, execution histories written by
 * others; see its MANIFEST.md and LICENSES/) and `test/conformance/asl/` (linter test suites with AWS's verdicts).
 * Both are part of the repository, so a fresh clone runs every corpus test.
 */
import { fileURLToPath } from 'node:url';

/** The corpus folder, with a trailing separator so `CORPUS + entry.path` names a file. */
export const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
/** The ASL conformance cases, with a trailing separator. */
export const CONFORMANCE_ASL = fileURLToPath(new URL('../conformance/asl/', import.meta.url));
