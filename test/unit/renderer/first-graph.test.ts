/**
 * The prefetch of the views not on the first screen (renderer/src/app/lazy-views.tsx) waits for start-up's first
 * screen (renderer/src/app/first-graph.ts): never before start-up's graph is shown, at once (on the next idle
 * period) once it is, without waiting for the fallback time; after the first frame when the first screen shows no
 * machine; after the fallback time when no signal comes. Counted by the X-Ray worker starts (the queue's first
 * entry) and the idle callbacks asked for, never timed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const warm = vi.fn();
vi.mock('../../../renderer/src/workers/xray-client.ts', () => ({ xrayClient: () => ({ warm }) }));

type FirstGraph = typeof import('../../../renderer/src/app/first-graph.ts');
type LazyViews = typeof import('../../../renderer/src/app/lazy-views.tsx');

let frames: (() => void)[];
let idle: (() => void)[];

async function load(): Promise<FirstGraph & LazyViews> {
  vi.resetModules();
  const firstGraph = await import('../../../renderer/src/app/first-graph.ts');
  const lazyViews = await import('../../../renderer/src/app/lazy-views.tsx');
  return { ...firstGraph, ...lazyViews };
}

beforeEach(() => {
  vi.useFakeTimers();
  warm.mockClear();
  frames = [];
  idle = [];
  vi.stubGlobal('document', {});
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Paints a frame, then runs the task after it. */
async function paint(): Promise<void> {
  frames.splice(0).forEach((cb) => cb());
  await vi.advanceTimersByTimeAsync(0);
}

/** Runs the first idle callback asked for (only it: the next one would load a view's real code). */
async function firstIdle(): Promise<void> {
  idle.shift()?.();
  await vi.advanceTimersByTimeAsync(0);
}

describe('prefetchViewsWhenIdle', () => {
  it('starts nothing before the start-up graph is shown, then the X-Ray worker first, before the fallback', async () => {
    const { prefetchViewsWhenIdle, graphShown, FIRST_SCREEN_FALLBACK_MS } = await load();
    prefetchViewsWhenIdle(true);
    // The first frame (the shell, the graph still laying out) and idle time are not enough.
    await paint();
    await vi.advanceTimersByTimeAsync(FIRST_SCREEN_FALLBACK_MS - 10);
    expect(idle).toHaveLength(0);
    expect(warm).toHaveBeenCalledTimes(0);
    graphShown();
    expect(idle).toHaveLength(1);
    await firstIdle();
    expect(warm).toHaveBeenCalledTimes(1);
    // The next entry (the X-Ray view's code) waits for the next idle period.
    expect(idle).toHaveLength(1);
  });

  it('starts at once when the graph was shown before start-up ended', async () => {
    const { prefetchViewsWhenIdle, graphShown } = await load();
    graphShown();
    prefetchViewsWhenIdle(true);
    expect(idle).toHaveLength(1);
    await firstIdle();
    expect(warm).toHaveBeenCalledTimes(1);
  });

  it('waits for the first frame only when the first screen shows no machine', async () => {
    const { prefetchViewsWhenIdle } = await load();
    prefetchViewsWhenIdle(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toHaveLength(0);
    await paint();
    expect(idle).toHaveLength(1);
    await firstIdle();
    expect(warm).toHaveBeenCalledTimes(1);
  });

  it('goes on after the fallback time when no graph is ever shown, and only once', async () => {
    const { prefetchViewsWhenIdle, graphShown, FIRST_SCREEN_FALLBACK_MS } = await load();
    prefetchViewsWhenIdle(true);
    await vi.advanceTimersByTimeAsync(FIRST_SCREEN_FALLBACK_MS);
    expect(idle).toHaveLength(1);
    graphShown(); // late: the queue is not started twice
    expect(idle).toHaveLength(1);
    await firstIdle();
    expect(warm).toHaveBeenCalledTimes(1);
  });
});

describe('whenGraphShown', () => {
  it('drops work cancelled before the graph is shown', async () => {
    const { whenGraphShown, graphShown } = await load();
    const ran: string[] = [];
    const cancel = whenGraphShown(() => ran.push('dropped'));
    whenGraphShown(() => ran.push('kept'));
    cancel();
    graphShown();
    graphShown();
    expect(ran).toEqual(['kept']);
  });
});
