/**
 * Builds `window.statescope` on top of ipcRenderer. Kept apart from preload.ts (which only hands the object to
 * contextBridge) so it can be tested in plain Node with a fake ipcRenderer. Calls answer the host's envelope as it
 * is and never throw across the bridge: contextBridge clones a thrown error without its `code`, so the page's
 * client (renderer/src/api.ts) raises the error on its own side.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNEL,
  channelOf,
  isMethod,
  type BridgeApi,
  type CallEnvelope,
  type EventName,
} from '../shared/contract.ts';

function malformed(message: string, code: string): CallEnvelope {
  return { ok: false, error: { message, code, status: 500 } };
}

/** The one object the preload exposes; frozen, and never hands out ipcRenderer itself. */
export function createPreloadApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): BridgeApi {
  const api: BridgeApi = {
    async call(method, args) {
      if (typeof method !== 'string' || !isMethod(method)) {
        return {
          ok: false,
          error: { message: `Unknown method "${String(method)}".`, code: 'unknown-method', status: 404 },
        };
      }
      const reply = (await ipc.invoke(channelOf(method), args)) as CallEnvelope | undefined;
      if (reply && (reply.ok === true || (reply.ok === false && typeof reply.error?.message === 'string')))
        return reply;
      return malformed('Malformed reply from the host.', 'internal');
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
