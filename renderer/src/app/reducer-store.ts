/**
 * A minimal store over a reducer: the state is read synchronously after each dispatch (code that routes the rest
 * of a batch sees what the first action did), listeners hear of changes only, and React follows it with
 * useSyncExternalStore. The shell (app/store.ts) and the AWS panel (aws/store.ts) each keep one.
 */
export interface ReducerStore<S, A> {
  getState(): S;
  dispatch(action: A): void;
  subscribe(listener: () => void): () => void;
}

export function createReducerStore<S, A>(reducer: (state: S, action: A) => S, initial: S): ReducerStore<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
