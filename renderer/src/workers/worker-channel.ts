/**
 * Request/reply over one Web Worker, with the recovery both of the app's workers need: the worker is started on
 * first use; a reply is matched to its request by id; a request that takes too long, a worker that throws or a
 * message that cannot be read replaces the worker and fails every waiting request with a message. `generation`
 * goes up with each new worker, so a client can tell that state it put in the old one (an opened document) is gone.
 */

export interface WorkerChannelOptions<To, From> {
  /** Starts a worker (a test passes a fake). */
  create: () => Worker;
  /** Names the worker in messages: "The X-Ray worker stopped: …". */
  label: string;
  /** Work that takes longer than this is abandoned and the worker replaced. */
  timeoutMs: number;
  /** What a caller is told when its request timed out. */
  timeoutMessage: string;
  /** Messages from the worker that answer no request (e.g. the worker asking the page for a file). */
  onOther?: (message: From, channel: { post: (message: To) => void }) => void;
  /** Which messages answer requests; the rest go to `onOther`. */
  isReply?: (message: From) => boolean;
}

interface Pending<From> {
  resolve: (value: From) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** One worker and its pending requests. `To` is what is sent, `From` what comes back. */
export class WorkerChannel<To, From extends { requestId?: number; type: string }> {
  private worker: Worker | null = null;
  private nextRequest = 1;
  private readonly pending = new Map<number, Pending<From>>();
  /** Goes up each time a new worker starts. */
  generation = 0;

  constructor(private readonly options: WorkerChannelOptions<To, From>) {}

  /** True while a worker is running (messages that need no worker, like "close", can be skipped otherwise). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** The running worker, started if there is none. */
  ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = this.options.create();
    this.generation++;
    worker.onmessage = (event: MessageEvent<From>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.restart(`The ${this.options.label} worker stopped: ${event.message || 'unknown error'}`);
    };
    worker.onmessageerror = () =>
      this.restart(`The ${this.options.label} worker sent a message that could not be read.`);
    this.worker = worker;
    return worker;
  }

  /** Sends a message that expects no reply. */
  post(message: To): void {
    this.ensure().postMessage(message);
  }

  /**
   * Sends `build(requestId)` and resolves with the reply (a `failed` reply rejects with its message); `transfer`
   * lists buffers handed over with it rather than copied.
   */
  request(build: (requestId: number) => To, transfer: Transferable[] = []): Promise<From> {
    const requestId = this.nextRequest++;
    const worker = this.ensure();
    return new Promise<From>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(this.options.timeoutMessage));
        this.restart(`The ${this.options.label} worker was restarted after a timeout.`);
      }, this.options.timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      try {
        worker.postMessage(build(requestId), transfer);
      } catch (err) {
        this.pending.delete(requestId);
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  private restart(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
    }
  }

  private receive(message: From): void {
    if (this.options.isReply && !this.options.isReply(message)) {
      this.options.onOther?.(message, { post: (m) => this.worker?.postMessage(m) });
      return;
    }
    const pending = message.requestId === undefined ? undefined : this.pending.get(message.requestId);
    if (!pending) return;
    this.pending.delete(message.requestId!);
    clearTimeout(pending.timer);
    if (message.type === 'failed') pending.reject(new Error((message as unknown as { message: string }).message));
    else pending.resolve(message);
  }
}
