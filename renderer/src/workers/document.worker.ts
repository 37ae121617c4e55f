/// <reference lib="webworker" />
/** The document worker: the document service (document-service.ts) on this worker's messages. */
import type { ToWorker } from './document-messages.ts';
import { createDocumentService } from './document-service.ts';

declare const self: DedicatedWorkerGlobalScope;

const service = createDocumentService((message) => self.postMessage(message));

// elkjs's bundled build, when it finds itself in a worker, claims `self.onmessage` for its own protocol (even
// though we only use its in-process engine). Drop any handler it set and ignore later attempts, so the messages
// of this worker reach `handle` alone.
self.onmessage = null;
Object.defineProperty(self, 'onmessage', { configurable: true, get: () => null, set: () => {} });
self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  void service.handle(event.data);
});
