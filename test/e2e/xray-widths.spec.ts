/**
 * The X-Ray workspace at 1024 × 700 and 1440 × 900, at 1× and 2× density, with a trace open and a span selected
 * (its details shown): the timeline's bars keep at least half the trace pane's width, the details panel does not
 * cover the timeline, the axis labels do not overlap and stay over the bars, and the trace list shows whole ids
 * and durations. Screenshots go to test-results/ (not tracked).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const XRAY = ['api-lambda-dynamodb-s3.json', 'errors-and-throttles.ndjson', 'service-graph.json'];

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
const box = async (l: Locator): Promise<Box> => {
  const b = await l.boundingBox();
  expect(b, 'element has a box').not.toBeNull();
  return b!;
};

for (const [width, height] of [
  [1024, 700],
  [1440, 900],
] as const) {
  for (const scale of [1, 2]) {
    test.describe(`${width} × ${height} at ${scale}×`, () => {
      test.use({ viewport: { width, height }, deviceScaleFactor: scale });

      test('the timeline keeps its bars, labels and list columns readable', async ({ page, consoleErrors }, info) => {
        await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
        await page.getByTestId('file-input').setInputFiles(
          XRAY.map((name) => ({
            name,
            mimeType: 'application/json',
            buffer: fs.readFileSync(path.join(ROOT, 'samples', 'xray', name)),
          })),
        );
        await expect(page.getByTestId('xray-trace-row').first()).toBeVisible();

        // Whole ids and durations in every shown row of the list.
        const cut = await page.evaluate(`(() => {
          const out = [];
          for (const row of document.querySelectorAll('[data-testid="xray-trace-list"] [data-testid="xray-trace-row"]'))
            for (const cls of ['xr-col-id', 'xr-col-duration', 'xr-col-flags']) {
              const c = row.querySelector('.' + cls);
              if (!c) out.push(cls + ' missing');
              else if (c.scrollWidth > c.clientWidth + 1) out.push(cls + ': ' + c.textContent);
              const table = row.closest('.xr-table-body').getBoundingClientRect();
              const r = c && c.getBoundingClientRect();
              if (r && r.right > table.right + 1) out.push(cls + ' beyond the list: ' + c.textContent);
            }
          return out;
        })()`);
        expect(cut).toEqual([]);

        // A trace opens with its entry segment selected and the details shown.
        await page.getByTestId('xray-trace-row').first().click();
        await expect(page.getByTestId('xray-span-details')).toBeVisible();
        await expect(page.getByTestId('xray-timeline-row').first()).toBeVisible();

        const pane = await box(page.locator('.xr-trace-pane'));
        const track = await box(page.getByTestId('xray-timeline-row').first().locator('.xr-tl-track'));
        expect(track.width, 'bars keep at least half the trace pane').toBeGreaterThanOrEqual(pane.width / 2);
        const details = await box(page.getByTestId('xray-span-details'));
        const body = await box(page.locator('.xr-tl-body'));
        expect(overlap(details, body), 'details do not cover the timeline').toBe(0);
        expect(details.width).toBeGreaterThan(250);
        expect(details.height, 'the details are shown, not pushed out of the pane').toBeGreaterThan(120);
        expect(details.y + details.height).toBeLessThanOrEqual(pane.y + pane.height + 1);
        expect(body.height, 'a few rows of the waterfall stay visible').toBeGreaterThan(3 * 24);

        // Axis labels: more than one, none overlapping, all within the track.
        const axisTrack = await box(page.getByTestId('xray-timeline-axis').locator('.xr-tl-track'));
        const ticks = page.getByTestId('xray-timeline-axis').locator('.xr-tick');
        const n = await ticks.count();
        expect(n).toBeGreaterThan(1);
        const boxes: Box[] = [];
        for (let i = 0; i < n; i++) boxes.push(await box(ticks.nth(i)));
        for (const b of boxes) {
          expect(b.x).toBeGreaterThanOrEqual(axisTrack.x - 1);
          expect(b.x + b.width).toBeLessThanOrEqual(axisTrack.x + axisTrack.width + 1);
        }
        for (let i = 1; i < boxes.length; i++) expect(overlap(boxes[i - 1], boxes[i])).toBe(0);

        await page.screenshot({ path: info.outputPath(`xray-${width}x${height}@${scale}x.png`) });
        expect(consoleErrors).toEqual([]);
      });
    });
  }
}
