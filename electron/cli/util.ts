/**
 * Small pieces every command uses: argument parsing that reports mistakes as usage errors (exit 2), reading an
 * input file through the same file service as the app, and the repository/app root.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FileText } from '../../shared/contract.ts';
import { isHostError } from '../host/errors.ts';
import { createFileService } from '../host/files.ts';
import { createGrants } from '../host/grants.ts';
import type { CliIo } from './types.ts';

/** The folder holding package.json, samples/ and out/ (two levels above this file). */
export const APP_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** Thrown for bad command lines; main prints the message and the command's usage, and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Thrown when the command cannot do its job (unreadable input…); main prints the message and exits with 2. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

/** `node:util` parseArgs with strict checking, turning its errors into `UsageError`s. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

/**
 * Text from a user's file made safe for a terminal: control characters (ANSI escapes, carriage returns, bidi
 * overrides…) are shown as `\u{…}` instead of being obeyed. JSON output needs none of this (it escapes them).
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const hex = c.codePointAt(0)!.toString(16);
    return `\\u{${hex}}`;
  });
}

/**
 * Control characters a terminal would obey, other than newline and tab: C0, DEL, C1, and the bidi controls.
 * JSON.stringify already escapes C0 but not the rest.
 */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Every line a command prints goes through here, so nothing from a document reaches the terminal as a control
 * sequence, whichever command printed it and whether or not it was escaped on the way (`printable`). The escape is
 * `\uXXXX`, which is also a valid escape inside a JSON string, so `--json` output stays valid JSON (control
 * characters can only occur inside its strings).
 */
export function write(stream: NodeJS.WritableStream, text: string): void {
  const safe = text.replace(UNSAFE_FOR_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  stream.write(safe.endsWith('\n') ? safe : safe + '\n');
}

/**
 * A file service for one file the user named on the command line (or found in a folder they named): that file
 * is the grant, so what it refers to is followed by the app's rules (its own folder tree only).
 */
function serviceFor(abs: string, io: CliIo) {
  const grants = createGrants();
  grants.grantFile(abs, { write: false });
  return createFileService({ samplesDir: path.join(APP_ROOT, 'samples'), cwd: io.cwd, grants });
}

async function orFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isHostError(error)) throw new CliFailure(printable(error.message));
    throw error;
  }
}

/** Reads a user file with the app's limits (size, binary, UTF-8); refusals become `CliFailure`s. */
export async function readInputFile(file: string, io: CliIo): Promise<FileText> {
  const abs = path.resolve(io.cwd, file);
  return orFailure(() => serviceFor(abs, io).read(abs));
}

/** Reads a file a document refers to (DefinitionUri): only inside that document's folder tree, as the app does. */
export async function readReferenced(relPath: string, fromFile: string, io: CliIo): Promise<string> {
  const from = path.resolve(io.cwd, fromFile);
  return (await orFailure(() => serviceFor(from, io).readRelative(from, relPath))).text;
}

/** The package version, for `--version` and `app.info`. */
export async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    const pkg = JSON.parse(await readFile(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
