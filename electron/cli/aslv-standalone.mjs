// asl-validator's JSON schemas compiled ahead of time: Ajv standalone code, generated when the CLI and the
// language workers are bundled (electron/build.mjs), so a `statescope validate` process never compiles them.
// Compiling them at run time is most of the validation time of a fresh process (Ajv generates and compiles a few
// hundred kB of code); the bundled code is read from V8's compile cache instead.
//
// Nothing of asl-validator is copied here: the schemas, the Ajv options and the format functions all come from
// the package itself (createSchemaAjv, added by patches/asl-validator+4.0.0.patch), and the same module's
// usePrecompiledSchemaValidator puts the result in place of its own compile. test/unit/asl/asl-validator-patch.test.ts
// checks that this code reports exactly what the published package does.
import { createRequire } from 'node:module';
import path from 'node:path';

const requireHere = createRequire(import.meta.url);
/** asl-validator's module that compiles and runs the schemas (patched). */
export const SCHEMA_ERRORS = requireHere.resolve('asl-validator/dist/src/checks/json-schema-errors.js');
const requireAslv = createRequire(SCHEMA_ERRORS);

/** The options Statescope runs asl-validator with (electron/host/aslv-options.json, read by asl-checkers.ts too). */
export const ASLV_OPTIONS = requireHere('../host/aslv-options.json');

/**
 * CommonJS source of the compiled validator. Its format checks are read from the module `formatsModule` names,
 * which must export the format functions of an Ajv built by createSchemaAjv(ASLV_OPTIONS) (see formatsSource).
 */
export function standaloneSource(formatsModule) {
  const { createSchemaAjv, SCHEMA_ID } = requireAslv(SCHEMA_ERRORS);
  const { _ } = requireAslv('ajv');
  const standaloneCode = requireAslv('ajv/dist/standalone').default;
  const ajv = createSchemaAjv(ASLV_OPTIONS, {
    // Code optimisation costs nothing at run time here: it runs when the bundle is built.
    code: { source: true, optimize: true, formats: _`require(${formatsModule})` },
  });
  return standaloneCode(ajv, ajv.getSchema(SCHEMA_ID));
}

/** CommonJS source of the formats module: asl-validator's own format functions, registered as it registers them. */
export function formatsSource() {
  return `module.exports = require(${JSON.stringify(SCHEMA_ERRORS)}).createSchemaAjv(${JSON.stringify(ASLV_OPTIONS)}).formats;\n`;
}

/**
 * esbuild plugin: electron/host/aslv-precompiled.ts (empty in source runs) becomes the registration of the
 * standalone validator, with the compiled code and its formats as two virtual CommonJS modules.
 */
export const precompiledAslv = {
  name: 'precompiled-asl-validator',
  setup(b) {
    const resolveDir = path.dirname(SCHEMA_ERRORS);
    b.onLoad({ filter: /[\\/]electron[\\/]host[\\/]aslv-precompiled\.ts$/ }, () => ({
      contents: [
        `import validate from 'statescope:aslv-standalone';`,
        `import { usePrecompiledSchemaValidator } from ${JSON.stringify(SCHEMA_ERRORS)};`,
        `usePrecompiledSchemaValidator(${JSON.stringify(ASLV_OPTIONS)}, validate);`,
      ].join('\n'),
      loader: 'js',
      resolveDir,
    }));
    b.onResolve({ filter: /^statescope:aslv-(standalone|formats)$/ }, (args) => ({
      path: args.path.slice('statescope:'.length),
      namespace: 'statescope-aslv',
    }));
    b.onLoad({ filter: /.*/, namespace: 'statescope-aslv' }, (args) => ({
      contents: args.path === 'aslv-formats' ? formatsSource() : standaloneSource('statescope:aslv-formats'),
      loader: 'js',
      resolveDir,
    }));
  },
};
