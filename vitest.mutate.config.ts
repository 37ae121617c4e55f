/**
 * The test run Stryker uses (stryker.config.json): the unit suite, or, with MUTATE_TESTS set to a comma-separated
 * list of test files or globs, only those. A mutated file such as shared/layout/small-layered.ts is imported by
 * most of the suite (every layout and corpus test), so Stryker's own narrowing (`vitest related`) still runs
 * minutes of tests per mutant; naming the tests that are about the file keeps a run within reach:
 *
 *   MUTATE_TESTS='test/unit/layout/small-layered.test.ts,test/unit/xray/map-layout*.test.ts' \
 *     npm run mutate -- --mutate shared/layout/small-layered.ts
 */
import base from './vitest.config.ts';

const only = (process.env.MUTATE_TESTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

// Replaces the include list (mergeConfig would append to it).
export default only.length > 0 ? { ...base, test: { ...base.test, include: only } } : base;
