/**
 * Korean everywhere in the X-Ray workspace: with the UI in Korean, the tabs, filter box, trace list, histogram,
 * group-by, timeline, span details, service map with its legend and side panel show no English UI word. What
 * the files themselves hold (trace ids, service names, URLs, field values) is data, marked `translate="no"` in
 * the markup (the HTML attribute for "not UI text"), and is skipped; every other text node, aria-label and
 * placeholder is checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const XRAY = ['api-lambda-dynamodb-s3.json', 'errors-and-throttles.ndjson', 'service-graph.json'];

/**
 * Words that stay as written in Korean too: product and AWS names, protocol and format acronyms, the X-Ray API
 * name shown in a hint, and the X-Ray filter language's own keywords in the filter box's example (an expression
 * is typed in that language whatever the UI language is).
 */
const KEEP = new Set([
  'X-Ray',
  'AWS',
  'URL',
  'UTC',
  'HTTP',
  'ARN',
  'SQL',
  'JSON',
  'SQS',
  'Lambda',
  'Enter',
  'BatchGetTraces',
  'LimitExceeded',
  // React Flow's attribution link (the library's credit, not our text).
  'React',
  'Flow',
  'attribution',
  // The filter example: service("orders") { fault } AND responsetime > 1, annotation.tenant = "acme"
  'service',
  'orders',
  'fault',
  'AND',
  'responsetime',
  'annotation',
  'tenant',
  'acme',
]);

/** English words in the workspace's UI text (not inside translate="no"), with where they were found. */
async function englishWords(page: Page): Promise<string[]> {
  const found = (await page.evaluate(`(() => {
    const root = document.querySelector('[data-testid="xray-workspace"]');
    const out = [];
    const isData = (el) => !!el && !!el.closest('[translate="no"]');
    // Data also appears inside UI text (a span's name in "Collapse {name}", an annotation key in the group-by
    // choice): every text marked as data, and every annotation key, is cut out of the UI text before the check.
    const data = new Set();
    for (const el of root.querySelectorAll('[translate="no"]')) if (el.textContent.trim()) data.add(el.textContent.trim());
    for (const o of root.querySelectorAll('option[value^="annotation:"]')) data.add(o.value.slice('annotation:'.length));
    const cuts = [...data].sort((a, b) => b.length - a.length);
    const strip = (text) => cuts.reduce((t, d) => t.split(d).join(' '), text);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (isData(n.parentElement) || n.parentElement.closest('style,script')) continue;
      if (n.textContent.trim()) out.push(['text', strip(n.textContent)]);
    }
    for (const el of root.querySelectorAll('[aria-label],[placeholder]')) {
      if (isData(el)) continue;
      for (const a of ['aria-label', 'placeholder']) if (el.getAttribute(a)) out.push([a, strip(el.getAttribute(a))]);
    }
    return out;
  })()`)) as [string, string][];
  const words: string[] = [];
  for (const [where, text] of found)
    for (const w of text.match(/[A-Za-z][A-Za-z-]*[A-Za-z]/g) ?? [])
      if (w.length >= 3 && !KEEP.has(w)) words.push(`${where}: ${w} (in "${text.trim().slice(0, 60)}")`);
  return words;
}

test('the X-Ray workspace in Korean shows no English UI words', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('lang-select').selectOption('ko');
  await page.getByTestId('file-input').setInputFiles(
    XRAY.map((name) => ({
      name,
      mimeType: 'application/json',
      buffer: fs.readFileSync(path.join(ROOT, 'samples', 'xray', name)),
    })),
  );
  await expect(page.getByTestId('xray-workspace')).toBeVisible();
  await expect(page.getByTestId('xray-tab-traces')).toContainText('트레이스');
  const seen: string[] = [];
  // The list, with the empty trace pane.
  await expect(page.getByTestId('xray-trace-row').first()).toBeVisible();
  seen.push(...(await englishWords(page)));
  // A trace with its timeline and the entry segment's details, every details tab.
  await page.getByTestId('xray-trace-row').first().click();
  await expect(page.getByTestId('xray-span-details')).toBeVisible();
  seen.push(...(await englishWords(page)));
  for (const tab of ['resources', 'annotations', 'metadata', 'exceptions', 'sql']) {
    await page.getByTestId(`xray-details-tab-${tab}`).click();
    seen.push(...(await englishWords(page)));
  }
  // A bad filter: the message around the parser's own text.
  await page.getByTestId('xray-filter-input').fill('responsetime >');
  await expect(page.getByTestId('xray-list-empty')).toContainText('결과 없음');
  await page.getByTestId('xray-filter-input').fill('');
  await page.getByTestId('xray-filter-input').press('Escape');
  // Grouped list.
  await page.getByTestId('xray-group-by').selectOption('root');
  await expect(page.getByTestId('xray-groups')).toBeVisible();
  seen.push(...(await englishWords(page)));
  await page.getByTestId('xray-group-by').selectOption('');
  // The trace's own map, then the service map with a node's side panel.
  await page.getByTestId('xray-trace-row').first().click();
  await page.getByTestId('xray-trace-view-map').click();
  await expect(page.getByTestId('xray-trace-map').getByTestId('xray-map-node').first()).toBeVisible();
  seen.push(...(await englishWords(page)));
  await page.getByTestId('xray-tab-map').click();
  await page.getByTestId('xray-service-map').getByTestId('xray-map-node').first().click();
  await expect(page.getByTestId('xray-map-details')).toBeVisible();
  seen.push(...(await englishWords(page)));

  expect([...new Set(seen)]).toEqual([]);
  // The check itself sees English: back in English, the same view has English words.
  await page.getByTestId('lang-select').selectOption('en');
  await expect(page.getByTestId('xray-tab-traces')).toContainText('Traces');
  expect((await englishWords(page)).length).toBeGreaterThan(5);
  expect(consoleErrors).toEqual([]);
});
