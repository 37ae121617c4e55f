/**
 * Which traces of an X-Ray tab ran a state machine (for "Show on state machine" and the offer on a drawn
 * machine). The X-Ray worker finds them when it reads the files; the workspace records them here, and the app
 * shell reads them by the tab's file list and re-renders when new ones arrive.
 */
import { externalValue } from '../app/external-value.ts';
import type { Trace } from '../../../shared/xray/types.ts';

type Found = { trace: Trace; machine: string }[];

const byFiles = new WeakMap<object, Found>();
const version = externalValue(0);
const NONE: Found = [];

/** Records what the worker found for a file list (the same array the tab holds). */
export function recordStateMachineTraces(files: object, found: Found): void {
  const before = byFiles.get(files);
  if (before === found) return;
  byFiles.set(files, found);
  // Nothing found, as before: nobody needs to re-render (a live tab reads its files again every half second).
  if (found.length === 0 && (before === undefined || before.length === 0)) return;
  version.set(version.get() + 1);
}

/** The traces of a file list that ran a state machine; empty until the worker has read the files. */
export function stateMachineTracesOf(files: object): Found {
  return byFiles.get(files) ?? NONE;
}

/** A number that changes whenever a file list's traces are recorded, to re-render what reads them. */
export function useStateMachineTracesVersion(): number {
  return version.use();
}
