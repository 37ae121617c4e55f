/**
 * renderer/src/app/after-paint.ts: work held until the first frame is painted (the animation frame, then the task
 * after it), run in order, cancellable, at once once the frame has been painted, and never held forever when the
 * page gets no frames (a hidden window).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type AfterPaint = typeof import('../../../renderer/src/app/after-paint.ts');

let frames: (() => void)[];

async function load(): Promise<AfterPaint> {
  vi.resetModules();
  return import('../../../renderer/src/app/after-paint.ts');
}

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('document', {});
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const paint = () => frames.splice(0).forEach((cb) => cb());

describe('afterFirstPaint', () => {
  it('holds work until the task after the first animation frame, then runs it in order', async () => {
    const { afterFirstPaint } = await load();
    const ran: string[] = [];
    afterFirstPaint(() => ran.push('a'));
    afterFirstPaint(() => ran.push('b'));
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual([]);
    paint();
    expect(ran).toEqual([]); // not inside the frame itself
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual(['a', 'b']);
    // Painted: later work runs at once.
    afterFirstPaint(() => ran.push('c'));
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('drops work cancelled before the frame (an effect cleaned up)', async () => {
    const { afterFirstPaint } = await load();
    const ran: string[] = [];
    const cancel = afterFirstPaint(() => ran.push('dropped'));
    afterFirstPaint(() => ran.push('kept'));
    cancel();
    paint();
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual(['kept']);
  });

  it('runs the work anyway when no frame comes (a page hidden at start)', async () => {
    const { afterFirstPaint } = await load();
    const ran: string[] = [];
    afterFirstPaint(() => ran.push('a'));
    await vi.advanceTimersByTimeAsync(499);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(['a']);
  });

  it('runs the rest when one piece of work throws, and reports the error', async () => {
    const { afterFirstPaint } = await load();
    const ran: string[] = [];
    afterFirstPaint(() => {
      throw new Error('boom');
    });
    afterFirstPaint(() => ran.push('after'));
    paint();
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual(['after']);
    // The error is rethrown in a task of its own, as an uncaught error would be reported.
    expect(() => vi.runOnlyPendingTimers()).toThrow('boom');
  });

  it('runs work at once where there is no page to paint (tests, workers)', async () => {
    vi.unstubAllGlobals();
    const { afterFirstPaint } = await load();
    const ran: string[] = [];
    afterFirstPaint(() => ran.push('now'));
    expect(ran).toEqual(['now']);
  });
});
