/**
 * How validation findings are worded: a pointer read as people read a field (`Branches[0]`), where an object sits
 * ("on a Task state"), values and JSON types in plain words. Shared by the readers of each checker's findings.
 */
import type { SourceSpan } from './types.ts';
import type { Finding } from './validate-rules.ts';
import { pointerSegments, toPointer } from './validate-source-map.ts';
import { isObject, stateOfPointer, valueAt } from './validate-walk.ts';

/** A finding with the checker that made it and, when the checker gave one, a range in the document text. */
export interface Located extends Finding {
  /** Detail that tells two findings of one code apart (a field name, a target…). */
  detail: string;
  range?: SourceSpan;
}

/** A finding as a checker's reader gives it, before the checker's name and a range are added. */
export type Reading = Omit<Located, 'source' | 'range'>;

export function fieldName(pointer: string): string {
  const segments = pointerSegments(pointer);
  for (let i = segments.length - 1; i >= 0; i--) if (!/^\d+$/.test(segments[i]!)) return segments[i]!;
  return '';
}

/** A field as people read it: the last name on the pointer, with array positions (`Branches[0]`). */
export function fieldLabel(pointer: string): string {
  const segments = pointerSegments(pointer);
  let i = segments.length - 1;
  let indices = '';
  while (i >= 0 && /^\d+$/.test(segments[i]!)) indices = `[${segments[i--]}]` + indices;
  return i >= 0 ? segments[i]! + indices : indices;
}

/** "on a Task state", "at the top level of the state machine", "in "Catch[0]"": where an object sits. */
export function placeOf(pointer: string, definition: unknown): string {
  if (pointer === '') return 'at the top level of the state machine';
  const state = stateOfPointer(pointer);
  if (state !== undefined && statePointer(pointer, state) === pointer) {
    const type = stateTypeAt(definition, state, pointer);
    return type ? `on a ${type} state` : 'on this state';
  }
  return `in "${fieldLabel(pointer)}"`;
}

export function statePrefix(state: string | undefined): string {
  return state === undefined ? '' : `State "${state}": `;
}

export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}

export function typeWord(t: string): string {
  return (
    {
      integer: 'a whole number',
      number: 'a number',
      string: 'a string',
      object: 'an object',
      array: 'an array',
      boolean: 'true or false',
      null: 'null',
    }[t] ?? t
  );
}

export function stateTypeAt(definition: unknown, state: string | undefined, pointer: string): string | undefined {
  if (state === undefined) return undefined;
  const segments = pointerSegments(pointer);
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] === 'States' && segments[i + 1] === state) {
      const s = valueAt(definition, toPointer(segments.slice(0, i + 2)));
      return isObject(s) && typeof s.Type === 'string' ? s.Type : undefined;
    }
  }
  return undefined;
}

export function statePointer(pointer: string, state: string | undefined): string | undefined {
  if (state === undefined) return undefined;
  const segments = pointerSegments(pointer);
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] === 'States' && segments[i + 1] === state) return toPointer(segments.slice(0, i + 2));
  }
  return undefined;
}

/** Reads an ASLS message in our words. Returns null for what another checker reports better (syntax). */

/** The pointer of the scope (object with StartAt/States) a pointer lies in. */
export function scopeOf(pointer: string): string {
  const i = pointer.lastIndexOf('/States');
  return i === -1 ? '' : pointer.slice(0, i);
}
