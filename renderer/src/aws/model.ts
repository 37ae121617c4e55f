/**
 * The AWS panel's logic without React: time ranges, labels, colours per status, and a timeout so no request can
 * leave a spinner turning forever. Kept apart so it is tested in plain Node; its labels come from the i18n module.
 */
import type { RunStatus } from '../../../shared/sfn/history.ts';
import { translate, type Lang, type MessageKey } from '../i18n/index.ts';

/** The X-Ray ranges offered in the picker (labels: `aws.range.<id>` in the i18n module). */
export const RANGES: readonly { id: string; ms: number }[] = [
  { id: '15m', ms: 15 * 60_000 },
  { id: '1h', ms: 3_600_000 },
  { id: '3h', ms: 3 * 3_600_000 },
  { id: '6h', ms: 6 * 3_600_000 },
  { id: '12h', ms: 12 * 3_600_000 },
  { id: '24h', ms: 24 * 3_600_000 },
  { id: '3d', ms: 3 * 86_400_000 },
  { id: '7d', ms: 7 * 86_400_000 },
];

/** A range's label in the UI language. */
export function rangeLabel(id: string, lang: Lang): string {
  return translate(lang, `aws.range.${id}` as MessageKey);
}

/** `{startMs, endMs}` for a range id ending now (unknown ids mean the last hour). */
export function rangeFor(id: string, now = Date.now()): { startMs: number; endMs: number } {
  const r = RANGES.find((x) => x.id === id) ?? RANGES[1]!;
  return { startMs: now - r.ms, endMs: now };
}

/** How many 6-hour X-Ray windows a range needs (shown so a slow 7-day query is expected). */
export function windowCount(id: string): number {
  const r = RANGES.find((x) => x.id === id) ?? RANGES[1]!;
  return Math.ceil(r.ms / (6 * 3_600_000));
}

/** CSS class suffix for an execution status (ListExecutions spelling) or a run status (analysis spelling). */
export function statusTone(status: string): 'ok' | 'bad' | 'warn' | 'busy' | 'dim' {
  const s = status.toLowerCase().replace(/_/g, '-');
  if (s === 'succeeded') return 'ok';
  if (s === 'failed' || s === 'timed-out') return 'bad';
  if (s === 'aborted' || s === 'caught' || s === 'pending-redrive') return 'warn';
  if (s === 'running') return 'busy';
  return 'dim';
}

/** A run status in the UI language. */
export function runStatusLabel(status: RunStatus, lang: Lang): string {
  return translate(lang, `aws.run.${status}`);
}

/** A short duration: 850 ms, 12.3 s, 4.2 min, 3.1 h. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A local date-time for list rows (ISO input), or '–'. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The last part of an ARN (`…:stateMachine:orders` → `orders`). */
export function arnTail(arn: string): string {
  const parts = arn.split(':');
  return parts[parts.length - 1] || arn;
}

/**
 * Thrown by `withTimeout` so the panel can say the host did not answer (and offer Retry); its code is the host's
 * own for a timeout, so the heading and the Korean explanation are the same.
 */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  readonly code = 'aws-timeout';
}

/** Rejects after `ms` when the promise has not settled: no spinner turns forever. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new TimeoutError(`${what}: no answer after ${Math.round(ms / 1000)} s.`)),
      ms,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Case-insensitive match of a machine against the search box (name or ARN). */
export function matchesSearch(machine: { name: string; stateMachineArn: string }, search: string): boolean {
  const q = search.trim().toLowerCase();
  return !q || machine.name.toLowerCase().includes(q) || machine.stateMachineArn.toLowerCase().includes(q);
}
