/**
 * The real host handlers in a temporary data folder, called through the contract's validators as the bridge and
 * IPC call them; and a helper that expects a host refusal. For unit tests that exercise a feature end to end
 * without a server.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createEventHub } from '../../electron/host/events.ts';
import { HostError } from '../../electron/host/errors.ts';
import { createGrants } from '../../electron/host/grants.ts';
import { createFileService } from '../../electron/host/files.ts';
import { createHandlers } from '../../electron/host/handlers.ts';
import { VALIDATORS, type Args, type MethodName, type Result } from '../../shared/contract.ts';

export interface TestHost {
  /** The temporary folder (data in `data/`, samples in `samples/`). */
  dir: string;
  /** Validates `args` as the contract does, then runs the handler. */
  call: <M extends MethodName>(method: M, args: unknown) => Promise<Result<M>>;
  /** Removes the folder. */
  close: () => Promise<void>;
}

/** Web-mode handlers over a fresh temporary folder whose name starts with `prefix`. */
export async function startTestHost(prefix: string): Promise<TestHost> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  // The temporary folder is the workspace, as if it had been given to `statescope serve`.
  const grants = createGrants();
  grants.grantTree(dir);
  const handlers = createHandlers({
    mode: 'web',
    version: 'test',
    launchFiles: [],
    files: createFileService({ samplesDir: path.join(dir, 'samples'), grants }),
    dataDir: path.join(dir, 'data'),
    events: createEventHub(),
    env: {},
  });
  const call = async <M extends MethodName>(method: M, args: unknown): Promise<Result<M>> => {
    const valid = VALIDATORS[method](args) as Args<M>;
    return (handlers[method] as (a: Args<M>) => Promise<Result<M>>)(valid);
  };
  return { dir, call, close: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** Awaits `p` and returns the HostError it must reject with. */
export async function refusal(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(HostError);
    return error as HostError;
  }
  throw new Error('expected a refusal');
}
