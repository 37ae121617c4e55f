import { describe, expect, it } from 'vitest';
import { READABLE_ZOOM, fitView, keepInView, openingView, showsAll } from '../../../renderer/src/asl/viewport.ts';

describe('graph viewport arithmetic', () => {
  it('fits a small drawing whole, centred, never past the largest fit zoom', () => {
    const v = fitView({ width: 100, height: 100 }, { width: 1000, height: 800 });
    expect(v.zoom).toBe(1.2);
    expect(v.x).toBeCloseTo((1000 - 120) / 2);
    expect(showsAll({ width: 100, height: 100 }, v, { width: 1000, height: 800 })).toBe(true);
  });

  it('opens on the whole machine when its names stay readable, else on its start at 11 px names', () => {
    const screen = { width: 1000, height: 700 };
    const small = openingView({ width: 600, height: 500 }, { x: 300, y: 20 }, screen);
    expect(small.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const tall = openingView({ width: 900, height: 3000 }, { x: 450, y: 20 }, screen);
    expect(tall.zoom).toBeCloseTo(READABLE_ZOOM);
    expect(tall.zoom * 13).toBeCloseTo(11);
    // The Start marker is near the top, on screen.
    const y = 20 * tall.zoom + tall.y;
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(100);
    // Too wide to fit across at that zoom: centred on the Start marker.
    const wide = openingView({ width: 4000, height: 3000 }, { x: 3000, y: 20 }, screen);
    expect(3000 * wide.zoom + wide.x).toBeCloseTo(500);
  });

  it('moves a box back on screen only when it is not already there', () => {
    const screen = { width: 800, height: 600 };
    const view = { x: 0, y: 0, zoom: 1 };
    expect(keepInView({ x: 100, y: 100, width: 150, height: 50 }, view, screen)).toBeNull();
    const moved = keepInView({ x: 900, y: 100, width: 150, height: 50 }, view, screen)!;
    expect(moved.zoom).toBe(1);
    const left = 900 * moved.zoom + moved.x;
    expect(left).toBeGreaterThan(0);
    expect(left + 150).toBeLessThan(800);
    // A box wider than the screen lowers the zoom so it fits.
    const big = keepInView({ x: 0, y: 0, width: 2000, height: 50 }, view, screen)!;
    expect(2000 * big.zoom).toBeLessThanOrEqual(800);
  });
});

describe('side panel widths', async () => {
  const { fitPanels } = await import('../../../renderer/src/app/panels.tsx');
  it('keeps wanted widths when there is room, and shrinks them in proportion so the main view keeps 40 %', () => {
    expect(fitPanels(2000, [460, 420])).toEqual([460, 420]);
    const [code, details] = fitPanels(1024, [460, 420]);
    expect(1024 - code - details).toBeGreaterThanOrEqual(1024 * 0.4 - 1);
    expect(code).toBeGreaterThan(details);
    expect(fitPanels(1024, [0, 420])).toEqual([0, 420]);
    // Never below the minimum, even when that leaves less.
    expect(fitPanels(500, [460, 420]).every((w) => w >= 160)).toBe(true);
  });
});
