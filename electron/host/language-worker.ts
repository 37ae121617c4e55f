/**
 * The language worker's body (a `node:worker_threads` worker owned by the host, started by
 * language-worker-client.ts): loads the validators once, says `ready`, then answers one request at a time.
 * Plain Node: it never imports `electron`, so the same file runs under tsx (web mode, CLI, tests) and bundled
 * (out/electron/language-worker.cjs, next to main.cjs).
 */
import { parentPort } from 'node:worker_threads';
import type { LanguageReply, LanguageRequest } from './language-worker-messages.ts';
import { runLanguageTask, warmUp } from './language-worker-tasks.ts';

const port = parentPort;
if (!port) throw new Error('language-worker.ts runs only as a worker thread');

function reply(message: LanguageReply): void {
  port!.postMessage(message);
}

port.on('message', (request: LanguageRequest) => {
  runLanguageTask(request).then(
    (result) => reply({ type: 'result', id: request.id, result }),
    (error: unknown) =>
      reply({ type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
  );
});

warmUp();
reply({ type: 'ready' });
