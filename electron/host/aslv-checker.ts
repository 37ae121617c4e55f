/**
 * asl-validator as a library checker: it reads a definition object and reports JSON pointers. Its own module
 * (asl-checkers.ts puts the two checkers together) so that `statescope validate`'s main thread, which runs it,
 * does not load the language service its worker thread runs (see asls-checker.ts).
 */
import aslValidator from 'asl-validator';
import type { AslvRaw } from '../../shared/asl/validate-raw.ts';
// In the bundles: asl-validator's schemas compiled at build time, put in place before its first call.
import './aslv-precompiled.ts';
import aslvOptions from './aslv-options.json' with { type: 'json' };

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
