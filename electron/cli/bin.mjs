#!/usr/bin/env node
// The `statescope` executable: registers tsx so the TypeScript sources run as they are, then hands over to main.ts.
import { register } from 'tsx/esm/api';

register();
const { main, quietOnBrokenPipe } = await import('./main.ts');
quietOnBrokenPipe(process.stdout);
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
