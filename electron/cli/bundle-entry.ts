/**
 * Entry of the prebuilt CLI (out/cli/statescope.mjs, made by `node electron/build.mjs cli`): the commands come from
 * a table the build writes from electron/cli/commands/, each a chunk loaded on demand.
 */
import fs from 'node:fs';
import module from 'node:module';
import modules from 'statescope:cli-commands';
import { startAslsThreadEarly } from './checker-threads.ts';
import { describeCommands, main, quietOnBrokenPipe, useBundledCommands, type CommandDescriptions } from './main.ts';

if (process.env.STATESCOPE_DESCRIBE_COMMANDS === '1') {
  // Build time: electron/build.mjs stores this table as commands.json beside the bundle.
  useBundledCommands(modules);
  process.stdout.write(`${JSON.stringify(await describeCommands(), null, 1)}\n`);
} else {
  const argv = process.argv.slice(2);
  // `statescope validate` runs the ASL language service in a worker thread: it starts now, before the command's
  // chunks are loaded (see checker-threads.ts). Only a head start: the command starts it itself otherwise.
  if (argv[0] === 'validate' && !argv.includes('--help') && !argv.includes('-h')) startAslsThreadEarly();
  let descriptions: CommandDescriptions | undefined;
  try {
    descriptions = JSON.parse(
      fs.readFileSync(new URL('./commands.json', import.meta.url), 'utf8'),
    ) as CommandDescriptions;
  } catch {
    descriptions = undefined; // commands are then loaded to describe themselves
  }
  useBundledCommands(modules, descriptions);
  quietOnBrokenPipe(process.stdout);
  process.exitCode = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
  // `validate` has nothing left to do once it returns, but V8 may still be compiling optimised code, on background
  // threads, for functions that will not run again, and Node lets those tasks finish before the process ends (tens
  // of milliseconds after a large file). So the process ends now — with the compile cache written, as at a normal
  // exit — provided all output has been handed to the system (nothing buffered: always so for files, terminals
  // and, on Linux, pipes); otherwise it ends as usual, once the output is written.
  if (argv[0] === 'validate' && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) {
    module.flushCompileCache?.();
    process.exit();
  }
}
