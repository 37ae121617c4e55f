// Starts the language worker from its TypeScript source (web mode, the CLI, tests): registers tsx in this worker
// thread, as electron/cli/bin.mjs does for the CLI, then loads the worker body. The Electron build runs the
// bundled out/electron/language-worker.cjs instead and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./language-worker.ts');
