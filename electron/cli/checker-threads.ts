/**
 * `statescope validate` runs the ASL language service in a worker thread, at the same time as asl-validator and
 * Statescope's own rules run in this one. The three checkers are independent: shared/asl/validate.ts asks the
 * language service first and takes every checker's findings in a fixed order, so the output is the same as with
 * all of them in this thread — only sooner, since in a fresh process each of them runs as cold code.
 *
 * The thread is started before the file is read, so its start-up and the loading of the library overlap the
 * reading and parsing here. It never keeps the process alive on its own (unref'd while nothing is asked of it),
 * and it is only a way to run the same code sooner: a thread that cannot start or dies, or a CLI run from source
 * (no bundled worker), runs the language service in this thread instead.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AslsRaw } from '../../shared/asl/validate-raw.ts';
import type { AslsReply, AslsRequest } from './checker-messages.ts';

/**
 * V8's stack limit of the main thread (its default --stack-size, 984 KiB) plus the 192 KiB Node keeps below a
 * worker's limit: the worker gets the same room for recursion as this thread, so a definition nested deeply enough
 * to overflow the library's recursion does so in the worker exactly where it would here (same findings either way).
 */
const MAIN_THREAD_STACK_MB = (984 + 192) / 1024;

/** The bundled worker beside the CLI's chunks (out/cli/); undefined from source, where ASLS runs in this thread. */
export function bundledCheckerWorker(): string | undefined {
  const file = fileURLToPath(new URL('./checker-worker.mjs', import.meta.url));
  return fs.existsSync(file) ? file : undefined;
}

export type SpawnChecker = () => Worker;

function spawnBundled(file: string): SpawnChecker {
  return () =>
    new Worker(file, {
      name: 'statescope-asls',
      resourceLimits: { stackSizeMb: MAIN_THREAD_STACK_MB },
    });
}

/** ASLS in this thread: the fallback, and the only way from source. */
async function aslsHere(text: string, yaml: boolean): Promise<AslsRaw[]> {
  return (await import('../host/asls-checker.ts')).runAsls(text, yaml);
}

interface Pending {
  resolve: (value: AslsRaw[]) => void;
  reject: (error: Error) => void;
  text: string;
  yaml: boolean;
}

/** The language service in a worker thread; answers come back by request id. */
export class AslsThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Definitions sent to the worker, and checked in this thread instead (tests count both). */
  sent = 0;
  ranHere = 0;

  constructor(spawn: SpawnChecker | undefined) {
    if (!spawn) return;
    try {
      this.worker = spawn();
    } catch {
      this.worker = null;
      return;
    }
    this.worker.on('message', (reply: AslsReply) => this.answer(reply));
    this.worker.on('error', () => this.lost());
    this.worker.on('exit', () => this.lost());
    // After the listeners: adding a 'message' listener refs the worker again.
    this.worker.unref();
  }

  /** Whether requests go to the worker (false without one, or once it has died). */
  get running(): boolean {
    return this.worker !== null;
  }

  asls(text: string, yaml: boolean): Promise<AslsRaw[]> {
    const worker = this.worker;
    if (!worker) return this.here(text, yaml);
    const id = this.nextId++;
    return new Promise<AslsRaw[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, text, yaml });
      worker.ref();
      this.sent++;
      worker.postMessage({ id, text, yaml } satisfies AslsRequest);
    });
  }

  private answer(reply: AslsReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new Error('the ASL language service failed on this definition'));
  }

  /** The worker is gone: what it was asked runs here, as does everything asked from now on. */
  private lost(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate().catch(() => undefined);
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) this.here(p.text, p.yaml).then(p.resolve, p.reject);
  }

  private here(text: string, yaml: boolean): Promise<AslsRaw[]> {
    this.ranHere++;
    return aslsHere(text, yaml);
  }

  /** Stops the worker (the process can exit without this: it is unref'd while idle). */
  close(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate().catch(() => undefined);
  }
}

/** Starts the language-service thread now: the bundled worker, or none from source (pass `spawn` in tests). */
export function startAslsThread(spawn?: SpawnChecker): AslsThread {
  const file = spawn ? undefined : bundledCheckerWorker();
  return new AslsThread(spawn ?? (file ? spawnBundled(file) : undefined));
}

let early: AslsThread | undefined;

/**
 * Starts the thread before `validate`'s own code is loaded (the bundle's entry calls this when the command is
 * `validate`), so that loading the command and asl-validator here overlaps the thread's start-up too.
 */
export function startAslsThreadEarly(spawn?: SpawnChecker): AslsThread {
  return (early ??= startAslsThread(spawn));
}

/** The thread started early, or a new one. */
export function takeAslsThread(): AslsThread {
  const thread = early ?? startAslsThread();
  early = undefined;
  return thread;
}
