/**
 * The contract over Electron IPC, registered by walking `METHODS` so no method is wired by hand. Every call
 * is checked twice at the boundary: the sender must be our own renderer (its frame URL has our origin), and the
 * arguments must pass the contract's validator. Results travel in an envelope so the renderer gets the error
 * message and code intact (a thrown error would arrive as "Error invoking remote method …").
 *
 * Only `import type` from electron here: tests drive it with a fake ipcMain in plain Node.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  EVENT_CHANNEL,
  METHODS,
  channelOf,
  type CallEnvelope,
  type Handlers,
  type MethodName,
} from '../shared/contract.ts';
import { dispatch, failure } from './host/dispatch.ts';

export { EVENT_CHANNEL };

/** What `ipcRenderer.invoke` resolves to; the page's client turns `ok: false` into an error with its code. */
export type IpcEnvelope = CallEnvelope;
export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: Handlers;
  /** True when a frame URL belongs to our renderer (see `isTrustedRendererUrl`). */
  isTrustedUrl: (url: string) => boolean;
}

/** Our renderer is served from `app://statescope/` (or the dev server's origin when one is configured). */
export function isTrustedRendererUrl(url: string, devOrigin?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'app:' && parsed.host === 'statescope') return true;
  return devOrigin !== undefined && parsed.origin === devOrigin;
}

/** Registers one handler per contract method; returns a function removing them all. */
export function registerIpc(deps: IpcDeps): () => void {
  for (const method of METHODS) {
    deps.ipcMain.handle(channelOf(method), (event: IpcMainInvokeEvent, raw: unknown) =>
      invoke(deps, method, event, raw),
    );
  }
  return () => {
    for (const method of METHODS) deps.ipcMain.removeHandler(channelOf(method));
  };
}

async function invoke(
  deps: IpcDeps,
  method: MethodName,
  event: IpcMainInvokeEvent,
  raw: unknown,
): Promise<IpcEnvelope> {
  const frameUrl = event.senderFrame?.url ?? '';
  if (!deps.isTrustedUrl(frameUrl))
    return failure(`Refused ${method} from an untrusted frame.`, 'untrusted-sender', 403);
  return dispatch(deps.handlers, method, raw);
}

/** Sends a host event to one window's renderer. */
export function sendEvent(
  webContents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: string,
  payload: unknown,
): void {
  if (!webContents.isDestroyed()) webContents.send(EVENT_CHANNEL, { event, payload });
}
