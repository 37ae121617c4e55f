/** Narrowing helpers for parsed JSON/YAML values, shared by every reader in the core. */

/** True for a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
