/**
 * The error log in the data folder (`statescope-errors.log`): unhandled main-process errors, renderer crashes and
 * errors the renderer reports through `log.error`. Rate-limited (a renderer stuck in an error loop cannot fill the
 * disk) and size-limited (the file is rotated to `.1` past its cap). Lines are plain text, one record per block.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export const ERROR_LOG_FILE = 'statescope-errors.log';

export interface ErrorLogOptions {
  /** Largest log file before rotation (default 1 MB). */
  maxBytes?: number;
  /** At most this many records per `windowMs` (default 30 per minute); the rest are counted and summarised. */
  maxPerWindow?: number;
  windowMs?: number;
  now?: () => number;
}

export interface ErrorLog {
  readonly file: string;
  /** Appends a record; resolves false when it was dropped by the rate limit. */
  write(entry: { source: string; message: string; stack?: string }): Promise<boolean>;
}

/** Characters that could forge log lines or move a terminal cursor are shown escaped. */
function clean(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

export function createErrorLog(dataDir: string, options: ErrorLogOptions = {}): ErrorLog {
  const file = path.join(dataDir, ERROR_LOG_FILE);
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxPerWindow = options.maxPerWindow ?? 30;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let windowStart = -Infinity;
  let inWindow = 0;
  let dropped = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function append(text: string): Promise<void> {
    await fs.mkdir(dataDir, { recursive: true });
    const size = await fs.stat(file).then(
      (s) => s.size,
      () => 0,
    );
    if (size + Buffer.byteLength(text) > maxBytes) await fs.rename(file, `${file}.1`).catch(() => {});
    await fs.appendFile(file, text, { mode: 0o600 });
  }

  return {
    file,
    write(entry) {
      const t = now();
      if (t - windowStart >= windowMs) {
        windowStart = t;
        inWindow = 0;
      }
      if (inWindow >= maxPerWindow) {
        dropped += 1;
        return Promise.resolve(false);
      }
      inWindow += 1;
      const note = dropped > 0 ? `(${dropped} earlier error report(s) dropped by the rate limit)\n` : '';
      dropped = 0;
      const body = [entry.message, entry.stack]
        .filter((s) => s && s.trim() !== '')
        .map((s) => clean(s!))
        .join('\n');
      // One record is capped too, so a single giant message cannot push everything else out.
      const record = `${note}[${new Date(t).toISOString()}] ${clean(entry.source).slice(0, 100)}: ${body.slice(0, 20_000)}\n`;
      const run = queue.then(() => append(record)).then(() => true);
      queue = run.catch(() => {});
      return run.catch(() => false);
    },
  };
}
