/**
 * Where the bundles put asl-validator's schemas compiled ahead of time. In source runs (tsx, tests) this module is
 * empty and asl-validator compiles its schemas once per process, on first use; the CLI and language-worker bundles
 * replace it with Ajv standalone code and its registration (electron/cli/aslv-standalone.mjs, at build time).
 */
export {};
