/**
 * The shape of one `statescope` command. Commands are discovered by reading `electron/cli/commands/*.ts`, so a
 * new command is a new file exporting `command` — nothing to register elsewhere.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The directory relative paths are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where answers to prompts come from (default: process.stdin); tests pass scripted input. */
  stdin?: NodeJS.ReadableStream;
}

export interface CliCommand {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Full help text printed by `statescope NAME --help` (starts with the usage line). */
  usage: string;
  /**
   * Runs the command with the arguments after its name. Resolves to the exit status: 0 fine, 1 the input has
   * problems (errors found), 2 the command could not do its job (bad usage, unreadable or unparseable input).
   */
  run(argv: string[], io: CliIo): Promise<number>;
}
