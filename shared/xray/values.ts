/**
 * Reading values of untyped segment documents: X-Ray's SDKs and hand-written files disagree on types (a status
 * code as a string, a number id), so fields are read leniently, and broken values read as absent.
 */
export { isObject } from '../json.ts';

/** A string field; a number is taken as its decimal text (ids and names written as numbers). */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** A finite number field; a numeric string is read as its number (`"503"`). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
