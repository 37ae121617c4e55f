/** What `run` and `dataflow` share: reading JSON files and the one machine to interpret. */
import path from 'node:path';
import { loadForCli } from './document.ts';
import type { CliIo } from './types.ts';
import { CliFailure, UsageError, readInputFile } from './util.ts';

/** Reads and parses a JSON file; unreadable or invalid JSON is a `CliFailure` naming the file. */
export async function readJsonFile(file: string, what: string, io: CliIo): Promise<unknown> {
  const { text } = await readInputFile(path.resolve(io.cwd, file), io);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliFailure(`the ${what} ${file} is not JSON: ${(err as Error).message}`);
  }
}

/** Loads DEF with the app's loader and picks one machine (`--machine` when the file has several). */
export async function loadOneMachine(
  file: string,
  machine: string | undefined,
  io: CliIo,
): Promise<{ name: string; definition: unknown }> {
  const { machines, doc } = await loadForCli(file, machine, io);
  if (machines.length === 0) {
    const why = doc.diagnostics.find((d) => d.severity === 'error')?.message;
    throw new CliFailure(`${path.basename(file)} has no state machine to run${why ? `: ${why}` : '.'}`);
  }
  if (machines.length > 1) {
    throw new UsageError(
      `${path.basename(file)} has several state machines (${machines.map((m) => m.name).join(', ')}); choose one with --machine.`,
    );
  }
  return { name: machines[0]!.name, definition: machines[0]!.definition };
}
