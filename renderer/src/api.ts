/**
 * The renderer's one way to reach the host. In Electron the preload exposes `window.statescope` (IPC); in web
 * mode the same contract is served over HTTP by the local bridge, authenticated by the HttpOnly cookie the
 * bridge set when the page was opened with its token.
 */
import type {
  Args,
  BridgeApi,
  EventName,
  Events,
  MethodName,
  Result,
  StatescopeApi,
  WireError,
} from '../../shared/contract.ts';

declare global {
  interface Window {
    /** Electron's preload bridge (absent in web mode). */
    statescope?: BridgeApi;
  }
}

/** An error from the host, carrying the host's message and code so the UI can show both. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

function isWireError(value: unknown): value is WireError {
  if (!value || typeof value !== 'object') return false;
  const e = (value as { error?: unknown }).error;
  return !!e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string';
}

/** A request body at least this long (UTF-16 code units) goes to `fetch` as a Blob; see `requestBody`. */
export const BLOB_BODY_MIN = 64 * 1024;

/**
 * A call's body: its JSON text as is when short, a long one (a whole definition: `asl.validate`, `files.write`…)
 * as a Blob of the text's UTF-8 bytes. Handed a 10 MB string, fetch encoded it with Blink's generic codec and
 * copied it into the request on the page's thread, and more work followed at the task's end: 220–265 ms of CPU for
 * a 20,000-state machine, the page frozen just after its graph appeared. `encodeInto` is Blink's fast encoding
 * (in Chromium, 2× `TextEncoder.encode` and `new Blob([string])` on 10 MB), and the browser reads a Blob's bytes
 * from a background thread. The bytes sent are the same either way (JSON.stringify escapes lone surrogates, so the
 * text is well-formed UTF-16), and the browser sends a Blob's size as Content-Length as it does a string's.
 */
export function requestBody(json: string): string | Blob {
  return json.length < BLOB_BODY_MIN ? json : new Blob(utf8(json));
}

/** `text`'s UTF-8 bytes in one or two parts: sized for ASCII first, the rest (if any) at up to 3 bytes a unit. */
function utf8(text: string): Uint8Array<ArrayBuffer>[] {
  const encoder = new TextEncoder();
  const head = new Uint8Array(text.length);
  const first = encoder.encodeInto(text, head);
  const read = first.read ?? 0;
  const parts = [head.subarray(0, first.written ?? 0)];
  if (read < text.length) {
    const tail = new Uint8Array((text.length - read) * 3);
    parts.push(tail.subarray(0, encoder.encodeInto(text.slice(read), tail).written ?? 0));
  }
  return parts;
}

/** The HTTP client for web mode: `POST /api/call/<method>` and Server-Sent Events on `/api/events`. */
export function createHttpApi(base = ''): StatescopeApi {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const subscribed = new Set<string>();

  function ensureSource(event: string): void {
    if (typeof EventSource === 'undefined') return;
    if (!source) source = new EventSource(`${base}/api/events`, { withCredentials: true });
    if (!subscribed.has(event)) {
      subscribed.add(event);
      source.addEventListener(event, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
  }

  return {
    async call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>> {
      let response: Response;
      try {
        response = await fetch(`${base}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: requestBody(JSON.stringify(args ?? {})),
        });
      } catch (err) {
        throw new ApiError(
          `Cannot reach Statescope's host: ${err instanceof Error ? err.message : String(err)}`,
          'network',
        );
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      if (!response.ok) {
        if (isWireError(body)) throw new ApiError(body.error.message, body.error.code, response.status);
        throw new ApiError(text.trim() || `The host answered ${response.status}.`, undefined, response.status);
      }
      return body as Result<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      ensureSource(event);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

/**
 * The contract client over Electron's preload bridge: a failed envelope becomes an `ApiError` here, on the page's
 * side, so its `code` survives (an error thrown inside the preload would lose it in contextBridge's clone).
 */
export function createBridgeApi(bridge: BridgeApi): StatescopeApi {
  return {
    async call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>> {
      const reply = await bridge.call(method, args);
      if (reply.ok) return reply.result as Result<M>;
      throw new ApiError(reply.error.message, reply.error.code, reply.error.status);
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}

let instance: StatescopeApi | null = null;

/** The contract client: the preload's bridge in Electron, otherwise the HTTP bridge of web mode. */
export function getApi(): StatescopeApi {
  // Web mode serves the page under a random path of its own (the cookie is scoped to it): call the API there.
  if (!instance) {
    instance = window.statescope
      ? createBridgeApi(window.statescope)
      : createHttpApi(location.pathname.replace(/\/[^/]*$/, ''));
  }
  return instance;
}

/** A readable message for anything thrown by a call. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
