/**
 * Errors a host service throws on purpose: the message is for the user, the code is stable for tests and the
 * renderer, and the status is what the web-mode bridge answers with. Anything else that escapes a handler is a
 * bug and is reported as a 500 / "internal".
 */
export class HostError extends Error {
  override name = 'HostError';
  constructor(
    message: string,
    readonly code: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** True for errors whose message was written for the user (safe to show as-is). */
export function isHostError(error: unknown): error is HostError {
  return error instanceof HostError;
}
