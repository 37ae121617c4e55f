/**
 * Builds `window.statescope` from the contract on top of ipcRenderer. Kept apart from preload.ts (which only
 * hands the object to contextBridge) so it can be tested in plain Node with a fake ipcRenderer.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { channelOf, isMethod, type EventName, type StatescopeApi } from '../shared/contract.ts';

// Repeated here rather than imported from ipc.ts so the sandboxed preload bundle stays tiny.
const EVENT_CHANNEL = 'statescope:event';

/** The renderer-side error for a failed call: the host's message, plus its code. */
export class HostCallError extends Error {
  override name = 'HostCallError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

type Envelope = { ok: true; result: unknown } | { ok: false; error: { message: string; code: string } };

/** The one object the preload exposes; frozen, and never hands out ipcRenderer itself. */
export function createPreloadApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): StatescopeApi {
  const api: StatescopeApi = {
    async call(method, args) {
      if (typeof method !== 'string' || !isMethod(method)) {
        throw new HostCallError(`Unknown method "${String(method)}".`, 'unknown-method');
      }
      const reply = (await ipc.invoke(channelOf(method), args)) as Envelope;
      if (reply && reply.ok === true) return reply.result as never;
      const error = reply && reply.ok === false ? reply.error : { message: 'Malformed reply from the host.', code: 'internal' };
      throw new HostCallError(error.message, error.code);
    },
    on(event: EventName, listener) {
      const handler = (_e: IpcRendererEvent, message: { event?: string; payload?: unknown }) => {
        if (message && message.event === event) (listener as (p: unknown) => void)(message.payload);
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, handler);
      };
    },
  };
  return Object.freeze(api);
}
