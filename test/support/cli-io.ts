/** Runs a CLI command in-process with captured output, for the AWS command tests. */
import { PassThrough, Writable } from 'node:stream';
import type { CliCommand } from '../../electron/cli/types.ts';
import { CliFailure, UsageError } from '../../electron/cli/util.ts';

export async function runCli(
  command: CliCommand,
  argv: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; stdin?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  let code: number;
  try {
    const stdin = new PassThrough();
    if (options.stdin !== undefined) stdin.end(options.stdin);
    code = await command.run(argv, { stdout, stderr, cwd: options.cwd ?? process.cwd(), env, stdin });
  } catch (e) {
    // What electron/cli/main.ts does with these.
    if (e instanceof UsageError || e instanceof CliFailure) {
      err += (e as Error).message;
      code = 2;
    } else throw e;
  }
  return { code, stdout: out, stderr: err };
}

/** A stream that keeps what is written to it, as text. */
export function textSink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}
