/**
 * The one way a contract call reaches a handler, for IPC and web mode alike: validate the arguments with the
 * contract, run the handler, and map every outcome to a `CallEnvelope` (bad arguments 400, host refusals with their
 * own status and code, anything else 500 "internal"). Transports add only their own checks (sender, token, size).
 */
import { ContractError, VALIDATORS, type CallEnvelope, type Handlers, type MethodName } from '../../shared/contract.ts';
import { isHostError } from './errors.ts';

/** The envelope of a failure. */
export function failure(message: string, code: string, status: number): CallEnvelope {
  return { ok: false, error: { message, code, status } };
}

/** Runs `method` with `raw` (unvalidated) arguments. Never rejects. */
export async function dispatch(handlers: Handlers, method: MethodName, raw: unknown): Promise<CallEnvelope> {
  let args: unknown;
  try {
    args = (VALIDATORS[method] as (v: unknown) => unknown)(raw);
  } catch (error) {
    if (error instanceof ContractError) return failure(error.message, 'bad-args', 400);
    return failure(`Internal error in ${method}: ${(error as Error)?.message ?? String(error)}`, 'internal', 500);
  }
  try {
    const result = await (handlers[method] as (a: unknown) => Promise<unknown>)(args);
    return { ok: true, result };
  } catch (error) {
    if (isHostError(error)) return failure(error.message, error.code, error.status);
    if (error instanceof ContractError) return failure(error.message, 'bad-args', 400);
    return failure(`Internal error in ${method}: ${(error as Error)?.message ?? String(error)}`, 'internal', 500);
  }
}
