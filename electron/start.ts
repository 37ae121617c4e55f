/**
 * `npm start`: builds the renderer when out/renderer is missing or older than its sources, then opens the first
 * bundled state-machine sample with `statescope open` (the desktop app, or web mode when Electron is absent).
 */
import path from 'node:path';
import { main } from './cli/main.ts';
import { buildRenderer, rendererIsStale } from './cli/renderer-build.ts';
import { APP_ROOT } from './cli/util.ts';
import { createFileService } from './host/files.ts';
import { createGrants } from './host/grants.ts';

async function start(): Promise<number> {
  if (rendererIsStale()) {
    console.error('Building the renderer (out/renderer is missing or stale)…');
    if (!buildRenderer()) {
      console.error('The renderer build failed; see the messages above.');
      return 2;
    }
  }
  const files = createFileService({ samplesDir: path.join(APP_ROOT, 'samples'), grants: createGrants() });
  const first = (await files.samples()).find((s) => s.kind === 'asl');
  const args = first ? [await files.samplePath(first.id)] : [];
  return main(['open', ...args, ...process.argv.slice(2)], {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
}

process.exitCode = await start();
