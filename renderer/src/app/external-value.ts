/**
 * A value kept outside React that components read with `use()` and that re-renders them when `set` changes it
 * (through useSyncExternalStore). For window-wide state that is not owned by one component: the drawn theme,
 * what the X-Ray worker found for a file list.
 */
import { useSyncExternalStore } from 'react';

export interface ExternalValue<T> {
  get(): T;
  /** Stores `value`; listeners run only when it differs from the current one. */
  set(value: T): void;
  /** The current value in a component, which re-renders on every change. */
  use(): T;
}

export function externalValue<T>(initial: T): ExternalValue<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  const get = () => current;
  return {
    get,
    set(value) {
      if (Object.is(value, current)) return;
      current = value;
      for (const l of listeners) l();
    },
    use: () => useSyncExternalStore(subscribe, get, get),
  };
}
