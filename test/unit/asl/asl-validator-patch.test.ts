/**
 * patches/asl-validator+4.0.0.patch keeps asl-validator's compiled JSON schemas between calls and compiles them
 * with cheaper Ajv options. It must not change one error: here the package's file as published (the patch reversed
 * in memory, so no copy of it lives in this repository) and the installed, patched one are run side by side on every
 * ASL definition of test/corpus (valid and invalid files, and the machines in its templates) and of the 350
 * conformance cases in test/conformance/asl, with each of the four combinations of checkPaths and checkArn: the same
 * errors, in the same order. The bundles' path is checked the same way: the schemas compiled ahead of time to Ajv
 * standalone code (electron/cli/aslv-standalone.mjs, as the build generates them) in place of the run-time compile.
 *
 * The published file compiles its schemas on every call (about 0.2 s each), far too slow for some 5,000 calls, so
 * the reference runs it with Ajv's constructor handing back the instance it built first, one reference per option
 * combination (Ajv takes the format functions in when it compiles; those registered again on later calls are the
 * same functions). That stand-in is itself checked against the published file exactly as it is, a fresh Ajv per
 * call, on an even sample of the definitions.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import aslValidator from 'asl-validator';
import { aboutText } from '../../../electron/about.ts';
import { ASLV_OPTIONS } from '../../../electron/host/asl-checkers.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { CONFORMANCE_ASL, CORPUS } from '../../support/corpus.ts';

const requireHere = createRequire(import.meta.url);
const PATCH = fileURLToPath(new URL('../../../patches/asl-validator+4.0.0.patch', import.meta.url));
const VALIDATOR = requireHere.resolve('asl-validator');
const SCHEMA_ERRORS = path.join(path.dirname(VALIDATOR), 'checks', 'json-schema-errors.js');
const STANDALONE = new URL('../../../electron/cli/aslv-standalone.mjs', import.meta.url);

/** SHA-256 of dist/src/checks/json-schema-errors.js in the published asl-validator 4.0.0 tarball. */
const PUBLISHED_SHA256 = '2521dec64116e76505b22f5bafc6e4621c6ab200cbe08cbf5f9d562b7d1f9bfe';

type Options = { checkPaths: boolean; checkArn: boolean };
type Validate = (definition: object, options: Options) => ReturnType<typeof aslValidator>;

const OPTION_SETS: Options[] = [
  { checkPaths: true, checkArn: true },
  { checkPaths: true, checkArn: false },
  { checkPaths: false, checkArn: true },
  { checkPaths: false, checkArn: false },
];

/** patch-package's own reader of its patch files (the package ships no types). */
interface ParsedFilePatch {
  type: string;
  path: string;
  hunks: { header: { patched: { start: number } }; parts: { type: string; lines: string[] }[] }[];
}
const { parsePatchFile } = requireHere('patch-package/dist/patch/parse') as {
  parsePatchFile: (text: string) => ParsedFilePatch[];
};

/** The published text of a patched file: each hunk undone, after checking the installed text matches it. */
function unpatch(installed: string, filePatch: ParsedFilePatch): string {
  const lines = installed.split('\n');
  for (const hunk of [...filePatch.hunks].reverse()) {
    const patched = hunk.parts.filter((p) => p.type !== 'deletion').flatMap((p) => p.lines);
    const original = hunk.parts.filter((p) => p.type !== 'insertion').flatMap((p) => p.lines);
    const at = hunk.header.patched.start - 1;
    const found = lines.slice(at, at + patched.length);
    if (found.join('\n') !== patched.join('\n')) {
      throw new Error(`${SCHEMA_ERRORS} is not patched as ${PATCH} says at line ${at + 1}: run \`npm install\``);
    }
    lines.splice(at, patched.length, ...original);
  }
  return lines.join('\n');
}

/** Runs a CommonJS file's text as Node would, with some of its requires answered by `overrides`. */
function evaluate(file: string, text: string, overrides: Record<string, unknown>): unknown {
  const requireThere = createRequire(file);
  const module = { exports: {} as unknown };
  const run = vm.compileFunction(text, ['exports', 'require', 'module', '__filename', '__dirname'], {
    filename: file,
  });
  run(
    module.exports,
    (id: string) => (id in overrides ? overrides[id] : requireThere(id)),
    module,
    file,
    path.dirname(file),
  );
  return module.exports;
}

/**
 * asl-validator as published. `oneAjv`: Ajv's constructor hands back the instance it built first (per reference),
 * and ajv-formats registers its formats on it once (registering its keywords twice would throw).
 */
async function publishedValidator(oneAjv: boolean): Promise<Validate> {
  const filePatch = parsePatchFile(await readFile(PATCH, 'utf8')).find((p) =>
    p.path.endsWith('asl-validator/dist/src/checks/json-schema-errors.js'),
  );
  if (!filePatch) throw new Error(`${PATCH} does not patch json-schema-errors.js`);
  const published = unpatch(await readFile(SCHEMA_ERRORS, 'utf8'), filePatch);
  const requireThere = createRequire(SCHEMA_ERRORS);
  const overrides: Record<string, unknown> = {};
  if (oneAjv) {
    const Ajv = (requireThere('ajv') as { default: new (options: object) => object }).default;
    const addFormats = (requireThere('ajv-formats') as { default: (ajv: object) => object }).default;
    let instance: object | undefined;
    const formatted = new WeakSet<object>();
    overrides.ajv = {
      __esModule: true,
      default: function OneAjv(options: object) {
        return (instance ??= new Ajv(options));
      },
    };
    overrides['ajv-formats'] = {
      __esModule: true,
      default: (ajv: object) => {
        if (!formatted.has(ajv)) addFormats(ajv);
        formatted.add(ajv);
        return ajv;
      },
    };
  }
  const schemaErrors = evaluate(SCHEMA_ERRORS, published, overrides);
  const validator = evaluate(VALIDATOR, await readFile(VALIDATOR, 'utf8'), {
    './checks/json-schema-errors': schemaErrors,
  });
  return validator as Validate;
}

/** What the patch adds to json-schema-errors.js. */
interface PatchedSchemaErrors {
  createSchemaAjv(options: Options): { formats: Record<string, unknown> };
  usePrecompiledSchemaValidator(options: Options, validate: unknown): void;
}

/**
 * asl-validator (patched, as installed) in a module instance of its own, running the standalone code the build
 * generates for Statescope's options instead of compiling at run time.
 */
async function precompiledValidator(
  overrides: Record<string, unknown> = {},
): Promise<{ validate: Validate; options: Options }> {
  const gen = (await import(pathToFileURL(fileURLToPath(STANDALONE)).href)) as {
    standaloneSource(formatsModule: string): string;
    ASLV_OPTIONS: Options;
  };
  const installed = await readFile(SCHEMA_ERRORS, 'utf8');
  const schemaErrors = evaluate(SCHEMA_ERRORS, installed, overrides) as PatchedSchemaErrors;
  const formats = schemaErrors.createSchemaAjv(gen.ASLV_OPTIONS).formats;
  const compiled = evaluate(
    path.join(path.dirname(SCHEMA_ERRORS), 'precompiled.js'),
    gen.standaloneSource('statescope:aslv-formats'),
    { 'statescope:aslv-formats': formats },
  );
  schemaErrors.usePrecompiledSchemaValidator(gen.ASLV_OPTIONS, compiled);
  const validate = evaluate(VALIDATOR, await readFile(VALIDATOR, 'utf8'), {
    './checks/json-schema-errors': schemaErrors,
  }) as Validate;
  return { validate, options: gen.ASLV_OPTIONS };
}

interface Case {
  name: string;
  definition: object;
}

/** Every definition object the loader finds in a file (plain ASL, or the machines of a template). */
async function definitionsOf(name: string, file: string): Promise<Case[]> {
  const doc = await loadDocument(file, await readFile(file, 'utf8'));
  return doc.machines.flatMap((m, i) =>
    m.definition !== null && typeof m.definition === 'object'
      ? [{ name: doc.machines.length > 1 ? `${name}#${i}` : name, definition: m.definition }]
      : [],
  );
}

async function allCases(): Promise<Case[]> {
  const corpus = JSON.parse(await readFile(path.join(CORPUS, 'index.json'), 'utf8')) as {
    path: string;
    kind: string;
  }[];
  const conformance = Object.keys(
    JSON.parse(await readFile(path.join(CONFORMANCE_ASL, 'index.json'), 'utf8')) as Record<string, unknown>,
  );
  const cases: Case[] = [];
  for (const e of corpus) {
    if (['asl', 'asl-invalid', 'template'].includes(e.kind))
      cases.push(...(await definitionsOf(`corpus/${e.path}`, path.join(CORPUS, e.path))));
  }
  for (const name of conformance)
    cases.push(...(await definitionsOf(`conformance/${name}`, path.join(CONFORMANCE_ASL, name))));
  return cases;
}

/** Each call on its own copy: the validator writes QueryLanguage into the states it is given. */
function outcome(validate: Validate, definition: object, options: Options): unknown {
  try {
    const r = validate(structuredClone(definition), options);
    return { isValid: r.isValid, errors: r.errors };
  } catch (error) {
    return { threw: String(error) };
  }
}

describe('asl-validator patch: the same errors as the published package', () => {
  it('every corpus and conformance definition, each option combination', { timeout: 600_000 }, async () => {
    const cases = await allCases();
    const references = await Promise.all(OPTION_SETS.map(() => publishedValidator(true)));
    const patched = aslValidator as unknown as Validate;
    const precompiled = await precompiledValidator();
    const differ: string[] = [];
    let withErrors = 0;
    let precompiledRuns = 0;
    for (const [k, options] of OPTION_SETS.entries()) {
      const bundled = JSON.stringify(options) === JSON.stringify(precompiled.options);
      for (const c of cases) {
        const want = JSON.stringify(outcome(references[k]!, c.definition, options));
        if ((JSON.parse(want) as { isValid?: boolean }).isValid === false) withErrors++;
        if (JSON.stringify(outcome(patched, c.definition, options)) !== want)
          differ.push(`${c.name} ${JSON.stringify(options)}`);
        if (!bundled) continue;
        precompiledRuns++;
        if (JSON.stringify(outcome(precompiled.validate, c.definition, options)) !== want)
          differ.push(`${c.name} ${JSON.stringify(options)} (precompiled)`);
      }
    }
    console.log(
      `asl-validator patch: ${cases.length} definitions (${cases.filter((c) => c.name.startsWith('conformance/')).length} ` +
        `of the conformance cases) × ${OPTION_SETS.length} option sets, ` +
        `${withErrors} runs with errors, ${precompiledRuns} runs of the precompiled schemas, ${differ.length} differing`,
    );
    // Enough of both kinds that agreement means something: the corpus holds hundreds of each.
    expect(cases.length).toBeGreaterThan(1000);
    expect(withErrors).toBeGreaterThan(400);
    expect(precompiledRuns).toBe(cases.length);
    expect(differ).toEqual([]);
  });

  it(
    'the reference (one Ajv per module) is the published file exactly, on a sample',
    { timeout: 600_000 },
    async () => {
      const cases = await allCases();
      const oneAjv = await Promise.all(OPTION_SETS.map(() => publishedValidator(true)));
      const fresh = await publishedValidator(false);
      const step = Math.ceil(cases.length / 12);
      const differ: string[] = [];
      let runs = 0;
      for (let i = 0; i < cases.length; i += step) {
        const k = (i / step) % OPTION_SETS.length;
        const options = OPTION_SETS[k]!;
        const c = cases[i]!;
        runs++;
        const want = JSON.stringify(outcome(fresh, c.definition, options));
        if (JSON.stringify(outcome(oneAjv[k]!, c.definition, options)) !== want)
          differ.push(`${c.name} ${JSON.stringify(options)}`);
      }
      expect(runs).toBeGreaterThanOrEqual(12);
      expect(differ).toEqual([]);
    },
  );

  it('the reversed patch is the published file byte for byte', async () => {
    const filePatch = parsePatchFile(await readFile(PATCH, 'utf8'))[0]!;
    const published = unpatch(await readFile(SCHEMA_ERRORS, 'utf8'), filePatch);
    // So the reference above is asl-validator as published, not the installed file with only the hunks undone.
    expect(createHash('sha256').update(published).digest('hex')).toBe(PUBLISHED_SHA256);
    expect(published).not.toContain('ajvByOptions');
    expect(published).toMatch(
      /var jsonSchemaErrors = function \(definition, options\) \{\n {4}var ajv = new ajv_1\.default\(/,
    );
    // And the installed file is the patched one, so the app and the CLI run the kept compile.
    expect(await readFile(SCHEMA_ERRORS, 'utf8')).toContain('ajvByOptions');
  });

  it('builds its Ajv once per option combination, and never where compiled code is registered', async () => {
    const cases = (await allCases()).slice(0, 40);
    const Ajv = (createRequire(SCHEMA_ERRORS)('ajv') as { default: new (options: object) => object }).default;
    let built = 0;
    const counting = {
      ajv: {
        __esModule: true,
        default: function CountingAjv(options: object) {
          built++;
          return new Ajv(options);
        },
      },
    };
    const schemaErrors = evaluate(SCHEMA_ERRORS, await readFile(SCHEMA_ERRORS, 'utf8'), counting);
    const validate = evaluate(VALIDATOR, await readFile(VALIDATOR, 'utf8'), {
      './checks/json-schema-errors': schemaErrors,
    }) as Validate;
    for (const options of OPTION_SETS) for (const c of cases) outcome(validate, c.definition, options);
    expect(built).toBe(OPTION_SETS.length);

    const precompiled = await precompiledValidator(counting);
    built = 0;
    for (const c of cases) outcome(precompiled.validate, c.definition, precompiled.options);
    expect(built).toBe(0);
    // And the app calls asl-validator with the options the bundles' code is compiled for.
    expect(precompiled.options).toEqual(ASLV_OPTIONS);
  });

  it('the About box says asl-validator is shipped modified, under its own licence', async () => {
    const pkg = JSON.parse(await readFile(requireHere.resolve('asl-validator/package.json'), 'utf8')) as {
      license: string;
    };
    expect(aboutText('1.0.0')).toContain(
      `asl-validator, modified: its JSON schemas compiled once (patches/ in the source) (${pkg.license})`,
    );
  });
});
