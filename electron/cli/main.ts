/**
 * `statescope` entry point: finds the commands (every module in ./commands exporting `command`), prints help,
 * dispatches, and turns usage mistakes and refusals into a message plus exit status 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliCommand, CliIo } from './types.ts';
import { CliFailure, UsageError, packageVersion, write } from './util.ts';

const COMMANDS_DIR = fileURLToPath(new URL('./commands/', import.meta.url));

/** Command modules by file name, each loaded on demand: set by the bundle (see bundle-entry.ts), else read from disk. */
export type CommandModules = Record<string, () => Promise<{ command?: unknown }>>;
let bundled: CommandModules | null = null;
/** Each command's name, summary and usage by file name (the bundle's commands.json), so help loads no command. */
export type CommandDescriptions = Record<string, Pick<CliCommand, 'name' | 'summary' | 'usage'>>;
let descriptions: CommandDescriptions | null = null;

/** Serves commands from the bundle's table instead of the commands folder. */
export function useBundledCommands(modules: CommandModules, described?: CommandDescriptions): void {
  bundled = modules;
  descriptions = described ?? null;
}

/** Loads every command and describes it (the build stores this as commands.json). */
export async function describeCommands(): Promise<CommandDescriptions> {
  const out: CommandDescriptions = {};
  for (const file of commandFiles()) {
    const { name, summary, usage } = await loadModule(file);
    out[file] = { name, summary, usage };
  }
  return out;
}

/** A command's description without loading it, when the bundle has the table. */
function describedCommand(name: string): Pick<CliCommand, 'name' | 'summary' | 'usage'> | undefined {
  return descriptions ? Object.values(descriptions).find((d) => d.name === name) : undefined;
}

function isCommand(value: unknown): value is CliCommand {
  const c = value as CliCommand | undefined;
  return (
    !!c &&
    typeof c.name === 'string' &&
    typeof c.summary === 'string' &&
    typeof c.usage === 'string' &&
    typeof c.run === 'function'
  );
}

function commandFiles(): string[] {
  if (bundled) return Object.keys(bundled).sort();
  let names: string[];
  try {
    names = fs.readdirSync(COMMANDS_DIR);
  } catch {
    return [];
  }
  return names
    .filter((n) => /\.(ts|mjs|js)$/.test(n) && !/\.(test|spec|d)\.[cm]?[tj]s$/.test(n))
    .sort()
    .map((n) => path.join(COMMANDS_DIR, n));
}

async function loadModule(file: string): Promise<CliCommand> {
  const mod = bundled ? await bundled[file]!() : ((await import(pathToFileURL(file).href)) as { command?: unknown });
  if (!isCommand(mod.command)) throw new Error(`${path.basename(file)} does not export a valid \`command\``);
  return mod.command;
}

/** Loads one command by name: its own file first (cheap), else every module (a file may be named differently). */
async function findCommand(name: string, io: CliIo): Promise<CliCommand | undefined> {
  const files = commandFiles();
  const direct = files.find((f) => path.basename(f).replace(/\.[^.]+$/, '') === name);
  if (direct) {
    const command = await loadModule(direct);
    if (command.name === name) return command;
  }
  const { commands } = await loadAll(
    io,
    files.filter((f) => f !== direct),
  );
  return commands.find((c) => c.name === name);
}

/** Every command; a module that fails to load is reported, not fatal (the others still work). */
export async function loadAll(
  io: Pick<CliIo, 'stderr'>,
  files = commandFiles(),
): Promise<{ commands: CliCommand[]; broken: string[] }> {
  const commands: CliCommand[] = [];
  const broken: string[] = [];
  for (const file of files) {
    try {
      commands.push(await loadModule(file));
    } catch (error) {
      broken.push(`${path.basename(file)}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  commands.sort((a, b) => a.name.localeCompare(b.name));
  return { commands, broken };
}

async function topHelp(io: CliIo): Promise<string> {
  const { commands, broken } = descriptions
    ? { commands: Object.values(descriptions).sort((a, b) => a.name.localeCompare(b.name)), broken: [] as string[] }
    : await loadAll(io);
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const lines = [
    'Usage: statescope <command> [options]',
    '',
    'See, check and study AWS Step Functions state machines and AWS X-Ray traces, offline and read-only.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also: statescope <command> --help)',
    '  -v, --version  print the version',
  ];
  if (broken.length > 0) lines.push('', 'Commands that failed to load:', ...broken.map((b) => `  ${b}`));
  return lines.join('\n');
}

function wantsHelp(argv: string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * A reader that stops early (`statescope graph big.json | head`) closes the pipe; the next write then fails with
 * EPIPE. That is not an error of ours: stop quietly with status 0, as command-line tools do, instead of a stack
 * trace. Any other stream error is reported once on stderr. Returns the listener (tests remove it).
 */
export function quietOnBrokenPipe(
  stream: NodeJS.WritableStream & { on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown },
  exit: (code: number) => void = (code) => process.exit(code),
  stderr: NodeJS.WritableStream = process.stderr,
): (error: NodeJS.ErrnoException) => void {
  const listener = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      exit(0);
      return;
    }
    try {
      stderr.write(`statescope: cannot write output: ${error.message}\n`);
    } catch {
      // stderr is gone too; nothing left to tell
    }
    exit(1);
  };
  stream.on('error', listener);
  return listener;
}

/** Runs the CLI; resolves to the process exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    const help = await topHelp(io);
    write(first === undefined ? io.stderr : io.stdout, help);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    write(io.stdout, await packageVersion());
    return 0;
  }
  if (first === 'help') {
    if (rest[0]) {
      const command = describedCommand(rest[0]) ?? (await findCommand(rest[0], io));
      if (command) {
        write(io.stdout, command.usage);
        return 0;
      }
      write(io.stderr, `statescope: unknown command "${rest[0]}"\n`);
      write(io.stderr, await topHelp(io));
      return 2;
    }
    write(io.stdout, await topHelp(io));
    return 0;
  }
  const described = first.startsWith('-') ? undefined : describedCommand(first);
  if (described && wantsHelp(rest)) {
    write(io.stdout, described.usage);
    return 0;
  }
  let command: CliCommand | undefined;
  try {
    command = first.startsWith('-') ? undefined : await findCommand(first, io);
  } catch (error) {
    write(io.stderr, `statescope: the "${first}" command failed to load: ${(error as Error).message}`);
    return 2;
  }
  if (!command) {
    write(io.stderr, `statescope: unknown ${first.startsWith('-') ? 'option' : 'command'} "${first}"\n`);
    write(io.stderr, await topHelp(io));
    return 2;
  }
  if (wantsHelp(rest)) {
    write(io.stdout, command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      write(io.stderr, `statescope ${command.name}: ${error.message}\n`);
      write(io.stderr, command.usage);
      return 2;
    }
    if (error instanceof CliFailure) {
      write(io.stderr, `statescope ${command.name}: ${error.message}`);
      return 2;
    }
    write(io.stderr, `statescope ${command.name}: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return 2;
  }
}
