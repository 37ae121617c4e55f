/**
 * Body of `statescope validate`'s language-service thread (see checker-threads.ts): runs the ASL language service
 * on each definition text it is sent and answers with the raw findings, or with `ok: false` when the library threw
 * (validation words that as it does for a checker that throws in its own thread).
 *
 * V8's code cache on disk is turned on for this thread first, as bin.mjs turns it on for the main one (Node uses
 * the cache or ignores it, never fails because of it); then only the language service's chunk is loaded.
 */
import fs from 'node:fs';
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { AslsRaw } from '../../shared/asl/validate-raw.ts';
import type { AslsReply, AslsRequest, AslsWorkerData } from './checker-messages.ts';

module.enableCompileCache?.();

const loading = import('../host/asls-checker.ts');

/** Larger files are not read ahead: their request comes as usual (the main thread reads them anyway). */
const MAX_AHEAD_BYTES = 32 * 1024 * 1024;

/**
 * The request the main thread will most likely send first, guessed from the command's first file: a plain ASL
 * definition (JSON, or YAML by its extension) is checked as the file's own text, decoded as the CLI's file
 * reading decodes it (UTF-8, byte-order mark dropped). Templates are not guessed: their machines are checked as
 * texts the main thread derives from the parsed template. Undefined when there is nothing worth guessing.
 */
function guessFirstRequest(file: string | undefined): { text: string; yaml: boolean } | undefined {
  if (!file) return undefined;
  const yaml = /\.ya?ml$/i.test(file);
  if (!yaml && !/\.json5?$/i.test(file)) return undefined;
  let text: string;
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.length > MAX_AHEAD_BYTES) return undefined;
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined; // unreadable: the main thread reports it and asks nothing
  }
  const template = yaml
    ? /^(AWSTemplateFormatVersion|Resources|Transform)\s*:/m
    : /"(AWSTemplateFormatVersion|Resources|Transform)"\s*:/;
  return template.test(text) ? undefined : { text, yaml };
}

const guess = guessFirstRequest((workerData as AslsWorkerData | null)?.firstFile);
const { runAsls } = await loading;
const port = parentPort!;

/**
 * The guessed request, checked now instead of once the main thread has loaded its own code and parsed the file.
 * Its answer is used only for a request with exactly the same text and syntax, so the findings are those of
 * checking that request (the service keeps no state between validations but its resolved schema); any other
 * request is checked as sent. One use: the text is let go after the first request.
 */
let ahead: { text: string; yaml: boolean; answer: Promise<AslsRaw[]> } | undefined = guess && {
  ...guess,
  answer: runAsls(guess.text, guess.yaml),
};

/**
 * Without a guess the thread is usually ready before the main thread has parsed the file: meanwhile the JSON
 * service is created and its schema resolved (the first validation's one-time cost) on a minimal definition.
 * With one, checking the guess does that. Requests start once this is done.
 */
const warm: Promise<unknown> = (
  ahead ? ahead.answer : runAsls(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }), false)
).catch(() => undefined);

port.on('message', (request: AslsRequest) => {
  const guessed = ahead !== undefined && ahead.text === request.text && ahead.yaml === request.yaml;
  const answer = guessed ? ahead!.answer : warm.then(() => runAsls(request.text, request.yaml));
  ahead = undefined;
  void answer.then(
    (value): void => port.postMessage({ id: request.id, ok: true, value, ahead: guessed } satisfies AslsReply),
    (): void => port.postMessage({ id: request.id, ok: false } satisfies AslsReply),
  );
});
