/**
 * Errors raised while interpreting a state machine.
 *
 * `StatesError` is an error a state machine can see (it has an ASL error name and a cause, and Retry/Catch may
 * handle it unless it is terminal). `InterpreterStop` is not part of the language: the run cannot go on for a
 * reason outside the machine (a Task without a mock, a step limit), so the run stops with a message instead.
 */

export class StatesError extends Error {
  override name = 'StatesError';
  /**
   * True when the Task itself failed (a TaskFailed event): such an error is an ordinary task failure whatever its
   * name — AWS records a Task result over the payload limit as TaskFailed States.DataLimitExceeded and States.ALL
   * catches it (LocalStack parity history test_service_task_lambada_catch_state_all_data_limit_exceeded…).
   */
  fromTask = false;
  /** The failure had no error name / no cause: the error output shows null (as AWS records it). */
  nullError = false;
  nullCause = false;
  constructor(
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`${error}: ${causeText}`);
  }

  /** The error output a Catch passes on: `{"Error": …, "Cause": …}`. */
  output(): { Error: string | null; Cause: string | null } {
    return { Error: this.nullError ? null : this.error, Cause: this.nullCause ? null : this.causeText };
  }
}

/** The run stops (not a state machine failure): the message names the state and what is missing. */
export class InterpreterStop extends Error {
  override name = 'InterpreterStop';
  constructor(
    message: string,
    readonly state?: string,
  ) {
    super(message);
  }
}

/**
 * Errors `States.ALL` does not match and Retry/Catch never handle: AWS's error-handling page says States.ALL
 * "can't catch the States.DataLimitExceeded terminal error or the States.Runtime error types".
 */
export const TERMINAL_ERRORS: ReadonlySet<string> = new Set(['States.Runtime', 'States.DataLimitExceeded']);

/** The payload quota: 256 KiB of UTF-8 for inputs, outputs and results (Step Functions service quotas). */
export const PAYLOAD_LIMIT_BYTES = 262_144;

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Throws States.DataLimitExceeded when `value` serialised is over the payload quota. */
export function checkPayload(value: unknown, what: string): void {
  const text = JSON.stringify(value === undefined ? null : value);
  const size = utf8Length(text);
  if (size > PAYLOAD_LIMIT_BYTES) {
    throw new StatesError(
      'States.DataLimitExceeded',
      `The ${what} has a size of ${size} bytes, which exceeds the maximum of ${PAYLOAD_LIMIT_BYTES} bytes.`,
    );
  }
}

export function describe(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    return s === undefined ? 'undefined' : s.length > 300 ? s.slice(0, 300) + '…' : s;
  } catch {
    return String(value);
  }
}
