/**
 * The web token in a real browser: its cookie is scoped to the run's random path, so another server on 127.0.0.1
 * (any port) never receives it, and a second `statescope serve` in the same browser does not log the first out.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWebMode } from '../../electron/web/start.ts';
import { expect, test } from './fixtures.ts';

test('another local server never receives the token; two instances in one browser both keep working', async ({
  page,
  app,
  appRoot,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-e2e-second-'));
  const second = await startWebMode({
    appRoot,
    port: 0,
    cwd: appRoot,
    env: { ...process.env, STATESCOPE_DATA_DIR: dataDir },
  });
  const cookies: string[] = [];
  const other = http.createServer((req, res) => {
    cookies.push(req.headers.cookie ?? '');
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><title>other</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    // The same browser opens the second instance's URL, then the other server's page.
    const page2 = await page.context().newPage();
    await page2.goto(second.url);
    await expect(page2.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
    await page2.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    await expect(page2).toHaveTitle('other');
    expect(cookies.join(' ')).not.toContain(app.token);
    expect(cookies.join(' ')).not.toContain(second.token);
    // Both tabs' sessions still answer: the first instance's cookie was not overwritten by the second's.
    const status = (p: typeof page) =>
      p.evaluate(
        async () =>
          (
            await fetch('api/call/app.info', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: '{}',
            })
          ).status,
      );
    expect(await status(page)).toBe(200);
    await page2.goto(`http://127.0.0.1:${second.port}${second.base}/`);
    expect(await status(page2)).toBe(200);
  } finally {
    other.close();
    await second.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
