/** Reading raw history events: the accepted input shapes, timestamps, event details and event-type names. */
import { STATE_TYPES, type StateType } from '../../asl/types.ts';
import { HistoryError } from './types.ts';
import { isObject } from '../../json.ts';
export { isObject } from '../../json.ts';

const FAILURE_SUFFIX: [string, 'failed' | 'timed-out' | 'aborted'][] = [
  ['ScheduleFailed', 'failed'],
  ['StartFailed', 'failed'],
  ['SubmitFailed', 'failed'],
  ['Failed', 'failed'],
  ['TimedOut', 'timed-out'],
  ['Aborted', 'aborted'],
];

/**
 * Timestamps arrive as Date objects (SDK), ISO strings (saved JSON), epoch seconds (CLI `--output json` of older
 * versions) or placeholders (snapshot files). Anything that is not a real time gives `undefined`.
 */
export function timestampMs(value: unknown): number | undefined {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? t : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const t = Date.parse(value);
    return Number.isFinite(t) ? t : undefined;
  }
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return timestampMs(Number(value));
  return undefined;
}

export function looksLikeEvent(v: unknown): boolean {
  return isObject(v) && typeof v.type === 'string';
}

/**
 * Accepts what people save: one GetExecutionHistory page (`{events}`), several pages (an array of pages, or an
 * object with `pages`), or a bare array of events. Returns the events concatenated.
 */
export function collectEvents(input: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const take = (page: unknown, where: string): void => {
    if (Array.isArray(page)) {
      if (page.every(looksLikeEvent)) {
        out.push(...(page as Record<string, unknown>[]));
        return;
      }
      page.forEach((p, i) => take(p, `${where}[${i}]`));
      return;
    }
    if (isObject(page) && Array.isArray(page.events)) {
      if (!page.events.every(looksLikeEvent)) {
        throw new HistoryError(`${where}.events: every event must be an object with a "type" string.`);
      }
      out.push(...(page.events as Record<string, unknown>[]));
      return;
    }
    if (isObject(page) && Array.isArray(page.pages)) {
      page.pages.forEach((p, i) => take(p, `${where}.pages[${i}]`));
      return;
    }
    throw new HistoryError(
      `${where}: not an execution history (expected {"events": [...]}, a list of such pages, or a list of events).`,
    );
  };
  take(input, 'history');
  return out;
}

/**
 * Finds every execution history inside any JSON value (test snapshot files keep many under arbitrary keys), so a
 * file that bundles histories can be browsed one by one.
 */
export function findHistories(value: unknown, limit = 10_000): { pointer: string; history: { events: unknown[] } }[] {
  const found: { pointer: string; history: { events: unknown[] } }[] = [];
  const walk = (v: unknown, pointer: string, depth: number): void => {
    if (found.length >= limit || depth > 64) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${pointer}/${i}`, depth + 1));
      return;
    }
    if (!isObject(v)) return;
    if (Array.isArray(v.events) && v.events.length > 0 && v.events.every(looksLikeEvent)) {
      found.push({ pointer: pointer || '/', history: v as { events: unknown[] } });
      return;
    }
    for (const [k, x] of Object.entries(v))
      walk(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
  };
  walk(value, '', 0);
  return found;
}

export function details(raw: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const [k, v] of Object.entries(raw)) {
    if (k.endsWith('EventDetails') && isObject(v)) return v;
  }
  return undefined;
}

export function decode(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!t || !'{["-0123456789tfn'.includes(t[0]!)) return v;
  try {
    return JSON.parse(t);
  } catch {
    return v;
  }
}

export function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return undefined;
  return JSON.stringify(v);
}

export function stateTypeOf(eventType: string, suffix: string): StateType | undefined {
  if (!eventType.endsWith(suffix)) return undefined;
  const t = eventType.slice(0, -suffix.length);
  return STATE_TYPES.has(t) ? (t as StateType) : undefined;
}

export function failureKind(type: string): 'failed' | 'timed-out' | 'aborted' | undefined {
  for (const [suffix, kind] of FAILURE_SUFFIX) if (type.endsWith(suffix)) return kind;
  return undefined;
}

/** Which kind of state an event type belongs to (Task for Lambda/Activity events), or undefined for "any". */
export function ownerKind(type: string): StateType | undefined {
  if (/^(Task|Lambda|Activity)/.test(type)) return 'Task';
  if (type.startsWith('MapRun') || type.startsWith('MapIteration') || type.startsWith('MapState')) return 'Map';
  if (type.startsWith('ParallelState')) return 'Parallel';
  if (type.startsWith('WaitState')) return 'Wait';
  return undefined;
}
