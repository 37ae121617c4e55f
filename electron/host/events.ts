/**
 * Host → renderer events (`Events` in the contract). Services emit here; the Electron window and the web-mode
 * SSE stream both subscribe, so a service never knows which transport carries its events.
 */
import type { EventName, Events } from '../../shared/contract.ts';

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface EventHub {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch {
          // One broken subscriber (a closed stream) must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
