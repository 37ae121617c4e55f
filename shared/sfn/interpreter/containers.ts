/**
 * Parallel branches and Map iterations: how they run (one after another, each on its own virtual clock), Map item
 * batches and Map limits (MaxConcurrency, tolerated failures).
 */
import { StatesError, describe } from './errors.ts';
import { json, num, Vars, type Json, type StateHost, type Thread } from './model.ts';

export async function runParallel(
  host: StateHost,
  name: string,
  state: Json,
  input: unknown,
  t: Thread,
): Promise<unknown[]> {
  const branches = Array.isArray(state.Branches) ? state.Branches : [];
  host.emit(t, 'ParallelStateStarted');
  const startedId = t.last;
  const start = t.clock;
  let end = start;
  const results: unknown[] = [];
  try {
    for (let i = 0; i < branches.length; i++) {
      const bt: Thread = {
        clock: start,
        last: startedId,
        vars: t.vars.child(),
        record: t.record,
        prefix: `${t.prefix ? t.prefix + ' › ' : ''}${name}[${i}]`,
      };
      try {
        results.push(await host.runScope(branches[i], input, bt));
      } finally {
        end = Math.max(end, bt.clock);
        t.last = Math.max(t.last, bt.last);
      }
    }
  } catch (e) {
    t.clock = end;
    throw e;
  }
  t.clock = end;
  host.emit(t, 'ParallelStateSucceeded');
  return results;
}

export function batchItems(state: Json, items: unknown[], path: (p: string) => unknown): unknown[] {
  const b = state.ItemBatcher as Json | undefined;
  if (!b || typeof b !== 'object') return items;
  const maxItems = num(
    b.MaxItemsPerBatch ?? (b.MaxItemsPerBatchPath ? path(String(b.MaxItemsPerBatchPath)) : undefined),
    Infinity,
  );
  const maxBytes = num(
    b.MaxInputBytesPerBatch ?? (b.MaxInputBytesPerBatchPath ? path(String(b.MaxInputBytesPerBatchPath)) : undefined),
    262_144,
  );
  const extra = b.BatchInput && typeof b.BatchInput === 'object' ? (b.BatchInput as Json) : undefined;
  const out: unknown[] = [];
  let cur: unknown[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = json(item).length + 1;
    if (cur.length && (cur.length >= maxItems || bytes + size > maxBytes)) {
      out.push(extra ? { BatchInput: extra, Items: cur } : { Items: cur });
      cur = [];
      bytes = 0;
    }
    cur.push(item);
    bytes += size;
  }
  if (cur.length) out.push(extra ? { BatchInput: extra, Items: cur } : { Items: cur });
  return out;
}

export function mapLimits(
  state: Json,
  path: (p: string) => unknown,
): { maxConcurrency: number; toleratedCount?: number; toleratedPercent?: number } {
  const checked = (field: string, max: number, integer: boolean): number | undefined => {
    const p = state[`${field}Path`];
    if (p === undefined) return undefined;
    let v = path(String(p));
    // A numeric string is accepted: AWS ran a Map whose MaxConcurrencyPath gave "1" (LocalStack parity history
    // MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH).
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) v = Number(v);
    if (typeof v !== 'number' || v < 0 || v > max || (integer && !Number.isInteger(v))) {
      throw new StatesError(
        'States.Runtime',
        `The value of ${field}Path '${String(p)}' must be ${integer ? 'a non-negative integer' : `a number between 0 and ${max}`}, got ${describe(v)}.`,
      );
    }
    return v;
  };
  const count = checked('ToleratedFailureCount', Number.MAX_SAFE_INTEGER, true);
  const percent = checked('ToleratedFailurePercentage', 100, false);
  const conc = checked('MaxConcurrency', Number.MAX_SAFE_INTEGER, true);
  return {
    maxConcurrency: conc ?? num(state.MaxConcurrency, 0),
    toleratedCount: count ?? (state.ToleratedFailureCount as number | undefined),
    toleratedPercent: percent ?? (state.ToleratedFailurePercentage as number | undefined),
  };
}

export async function runMap(
  host: StateHost,
  name: string,
  state: Json,
  items: unknown[],
  t: Thread,
  limits: { maxConcurrency: number; toleratedCount?: number; toleratedPercent?: number },
): Promise<unknown[]> {
  const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
  const distributed = (processor?.ProcessorConfig as Json | undefined)?.Mode === 'DISTRIBUTED';
  host.emit(t, 'MapStateStarted', 'mapStateStartedEventDetails', { length: items.length });
  if (distributed)
    host.emit(t, 'MapRunStarted', 'mapRunStartedEventDetails', {
      mapRunArn: `arn:aws:states:local:000000000000:mapRun:${name}`,
    });
  const startedId = t.last;
  const start = t.clock;
  const slots: number[] = limits.maxConcurrency > 0 ? new Array<number>(limits.maxConcurrency).fill(start) : [];
  let end = start;
  const results: unknown[] = [];
  let failures = 0;
  let firstError: StatesError | undefined;
  const tolerated = (): boolean => {
    if (!distributed) return false;
    if (limits.toleratedCount !== undefined && failures <= limits.toleratedCount) return true;
    if (
      limits.toleratedPercent !== undefined &&
      (failures / Math.max(1, items.length)) * 100 <= limits.toleratedPercent
    )
      return true;
    return false;
  };
  for (let i = 0; i < items.length; i++) {
    let slot = -1;
    let at = start;
    if (slots.length) {
      slot = slots.indexOf(Math.min(...slots));
      at = slots[slot]!;
    }
    const it: Thread = {
      clock: at,
      last: t.record && !distributed ? startedId : t.last,
      vars: distributed ? new Vars() : t.vars.child(),
      record: t.record && !distributed,
      prefix: `${t.prefix ? t.prefix + ' › ' : ''}${name}[${i}]`,
      map: { Index: i, Value: items[i] },
    };
    if (it.record) {
      it.last = t.last;
      host.emit(it, 'MapIterationStarted', 'mapIterationStartedEventDetails', { name, index: i });
    }
    try {
      results.push(await host.runScope(processor, items[i], it));
      host.emit(it, 'MapIterationSucceeded', 'mapIterationSucceededEventDetails', { name, index: i });
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      host.emit(it, 'MapIterationFailed', 'mapIterationFailedEventDetails', { name, index: i });
      failures++;
      firstError ??= e;
      results.push(null);
      if (!tolerated()) {
        t.last = Math.max(t.last, it.last);
        t.clock = Math.max(end, it.clock);
        const err = distributed
          ? new StatesError(
              'States.ExceedToleratedFailureThreshold',
              `The specified tolerated failure threshold was exceeded (${failures} failed item(s)); first failure: ${e.error}: ${e.causeText}`,
            )
          : e;
        if (distributed)
          host.emit(t, 'MapRunFailed', 'mapRunFailedEventDetails', { error: err.error, cause: err.causeText });
        throw err;
      }
    } finally {
      if (slot >= 0) slots[slot] = it.clock;
      end = Math.max(end, it.clock);
      if (it.record) t.last = it.last;
    }
  }
  t.clock = end;
  if (distributed) host.emit(t, 'MapRunSucceeded');
  host.emit(t, 'MapStateSucceeded');
  return results;
}
