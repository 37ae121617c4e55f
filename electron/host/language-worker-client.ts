/**
 * The host's side of the language worker: starts it on first use, sends one request at a time with an id, and
 * keeps the rest queued. A newer request of the same kind for the same document replaces a queued older one
 * (newest wins: the older answer would be stale anyway). A request running longer than the client's limit
 * terminates the worker — synchronous validator code cannot be interrupted any other way — and the next request
 * gets a fresh worker; a worker that dies is replaced the same way. Callers get an outcome, never a rejection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  LanguageArgs,
  LanguageKind,
  LanguageReply,
  LanguageRequest,
  LanguageResults,
} from './language-worker-messages.ts';

/** How one request ended. `superseded`: a newer request for the same document took its place in the queue. */
export type LanguageOutcome<T> =
  | { status: 'ok'; value: T }
  | { status: 'failed'; message: string }
  | { status: 'crashed'; message: string }
  | { status: 'timeout' }
  | { status: 'superseded' };

export interface LanguageWorkerOptions {
  /** A request answered later than this (counted from when the worker gets it) terminates the worker. */
  timeoutMs: number;
  /** Loading the validators in a new worker may take this long before it counts as crashed. */
  startTimeoutMs?: number;
  /** Starts a worker; the default runs language-worker.ts (source) or language-worker.cjs (bundle). */
  spawn?: () => Worker;
}

interface Job {
  id: number;
  kind: LanguageKind;
  args: LanguageArgs[LanguageKind];
  key: string;
  resolve: (outcome: LanguageOutcome<LanguageResults[LanguageKind]>) => void;
}

/**
 * The bundled worker beside the bundle `bundleFile` (out/electron/main.cjs). In a packaged app the bundle sits in
 * app.asar while the worker is unpacked next to it (see electron-builder.yml), so `app.asar` becomes
 * `app.asar.unpacked` in its path.
 */
export function bundledWorkerPath(bundleFile: string): string {
  const file = path.join(path.dirname(bundleFile), 'language-worker.cjs');
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * Where the worker body is: bundled (out/electron/main.cjs), language-worker.cjs beside the bundle; from source,
 * the .mjs bootstrap that registers tsx before loading language-worker.ts.
 */
export function languageWorkerEntry(): string {
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) return bundledWorkerPath(__filename);
  // The prebuilt CLI (out/cli/) carries the bundled worker beside its chunks.
  const besideBundle = fileURLToPath(new URL('./language-worker.cjs', import.meta.url));
  if (fs.existsSync(besideBundle)) return besideBundle;
  return fileURLToPath(new URL('./language-worker-boot.mjs', import.meta.url));
}

function defaultSpawn(): Worker {
  return new Worker(languageWorkerEntry(), { name: 'statescope-language' });
}

/** One worker and its queue. The host keeps two: validation, and completion/hover (so typing never waits). */
export class LanguageWorkerClient {
  private worker: Worker | null = null;
  private ready = false;
  private running: Job | null = null;
  private readonly queue: Job[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly spawn: () => Worker;
  /** Workers started so far (a terminated or crashed one is replaced by a new one). */
  started = 0;

  constructor(options: LanguageWorkerOptions) {
    this.timeoutMs = options.timeoutMs;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
    this.spawn = options.spawn ?? defaultSpawn;
  }

  /** Queues one request; a queued request of the same kind for the same `args.file` is answered `superseded`. */
  request<K extends LanguageKind>(kind: K, args: LanguageArgs[K]): Promise<LanguageOutcome<LanguageResults[K]>> {
    return new Promise((resolve) => {
      const key = `${kind}\u0000${args.file}`;
      const older = this.queue.findIndex((job) => job.key === key);
      if (older !== -1) this.queue.splice(older, 1)[0].resolve({ status: 'superseded' });
      this.queue.push({ id: this.nextId++, kind, args, key, resolve: resolve as Job['resolve'] });
      this.pump();
    });
  }

  /** Stops the worker; queued and running requests end as `crashed`. */
  close(): void {
    const jobs = [...(this.running ? [this.running] : []), ...this.queue.splice(0)];
    this.running = null;
    this.stop();
    for (const job of jobs) job.resolve({ status: 'crashed', message: 'The language worker was closed.' });
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    if (!this.worker) {
      this.start();
      return;
    }
    if (!this.ready) return;
    const job = this.queue.shift()!;
    this.running = job;
    this.arm(this.timeoutMs, () => this.finish({ status: 'timeout' }, true));
    this.worker.postMessage({ id: job.id, kind: job.kind, args: job.args } as LanguageRequest);
  }

  private start(): void {
    let worker: Worker;
    try {
      worker = this.spawn();
    } catch (error) {
      this.queue
        .shift()
        ?.resolve({ status: 'crashed', message: error instanceof Error ? error.message : String(error) });
      queueMicrotask(() => this.pump());
      return;
    }
    this.started++;
    this.worker = worker;
    this.ready = false;
    // An idle worker does not keep the process alive; a pending request's timer does.
    worker.unref();
    this.arm(this.startTimeoutMs, () =>
      this.lost(worker, `The language worker did not start within ${this.startTimeoutMs / 1000} s.`),
    );
    worker.on('message', (reply: LanguageReply) => {
      if (worker !== this.worker) return;
      if (reply.type === 'ready') {
        this.ready = true;
        clearTimeout(this.timer);
        this.pump();
      } else if (this.running && reply.id === this.running.id) {
        this.finish(
          reply.type === 'result'
            ? { status: 'ok', value: reply.result }
            : { status: 'failed', message: reply.message },
          false,
        );
      }
    });
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `The language worker exited (code ${code}).`));
  }

  /** The worker died or hung: the request it had (or the first waiting for it to start) ends as `crashed`. */
  private lost(worker: Worker, message: string): void {
    if (worker !== this.worker) return;
    const job = this.running ?? (this.ready ? null : (this.queue.shift() ?? null));
    this.running = null;
    this.stop();
    job?.resolve({ status: 'crashed', message });
    this.pump();
  }

  private finish(outcome: LanguageOutcome<LanguageResults[LanguageKind]>, terminate: boolean): void {
    const job = this.running;
    this.running = null;
    clearTimeout(this.timer);
    if (terminate) this.stop();
    job?.resolve(outcome);
    this.pump();
  }

  private stop(): void {
    clearTimeout(this.timer);
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    if (worker) void worker.terminate();
  }

  private arm(ms: number, onExpiry: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(onExpiry, ms);
  }
}
