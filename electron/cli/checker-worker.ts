/**
 * Body of `statescope validate`'s language-service thread (see checker-threads.ts): runs the ASL language service
 * on each definition text it is sent and answers with the raw findings, or with `ok: false` when the library threw
 * (validation words that as it does for a checker that throws in its own thread).
 *
 * V8's code cache on disk is turned on for this thread first, as bin.mjs turns it on for the main one (Node uses
 * the cache or ignores it, never fails because of it); then only the language service's chunk is loaded.
 */
import module from 'node:module';
import { parentPort } from 'node:worker_threads';
import type { AslsReply, AslsRequest } from './checker-messages.ts';

module.enableCompileCache?.();

const { runAsls } = await import('../host/asls-checker.ts');
const port = parentPort!;

/**
 * The thread is usually ready before the main thread has parsed the file: meanwhile the JSON service is created
 * and its schema resolved (the first validation's one-time cost) on a minimal definition. The service keeps no
 * state from one validation to the next but that resolved schema; requests start once this is done.
 */
const warm = runAsls(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }), false).catch(
  () => undefined,
);

port.on('message', (request: AslsRequest) => {
  void warm
    .then(() => runAsls(request.text, request.yaml))
    .then(
      (value): void => port.postMessage({ id: request.id, ok: true, value } satisfies AslsReply),
      (): void => port.postMessage({ id: request.id, ok: false } satisfies AslsReply),
    );
});
