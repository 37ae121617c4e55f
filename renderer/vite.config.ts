import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions, type Rollup } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `npm run dev` against a running `statescope serve`: set STATESCOPE_URL to the URL it printed and the dev server
 * forwards `/api` there with the token as a bearer header and the host's own Origin, so the bridge's checks pass.
 */
function apiProxy(): Record<string, ProxyOptions> | undefined {
  const raw = process.env.STATESCOPE_URL;
  if (!raw) return undefined;
  const url = new URL(raw);
  const token = url.searchParams.get('token') ?? '';
  return {
    '/api': {
      target: url.origin,
      changeOrigin: true,
      headers: { Authorization: `Bearer ${token}`, Origin: url.origin },
    },
  };
}

/** The shell's chunk (src/app/mount.tsx) in a bundle. */
function shellChunk(bundle: Record<string, Rollup.OutputChunk | Rollup.OutputAsset>, who: string): Rollup.OutputChunk {
  const shell = Object.values(bundle).find(
    (c): c is Rollup.OutputChunk => c.type === 'chunk' && !!c.facadeModuleId?.endsWith('/src/app/mount.tsx'),
  );
  if (!shell) throw new Error(`${who}: no chunk for src/app/mount.tsx`);
  return shell;
}

/**
 * The chunks the shell needs before it runs: its own and every chunk it imports statically, except those the
 * page's entry already loads (`entry`, the entry chunk and its imports).
 */
function shellClosure(
  bundle: Record<string, Rollup.OutputChunk | Rollup.OutputAsset>,
  entry: ReadonlySet<string>,
  who: string,
): Rollup.OutputChunk[] {
  const files: Rollup.OutputChunk[] = [];
  const visit = (name: string) => {
    const chunk = bundle[name];
    if (entry.has(name) || chunk?.type !== 'chunk' || files.includes(chunk)) return;
    files.push(chunk);
    chunk.imports.forEach(visit);
  };
  visit(shellChunk(bundle, who).fileName);
  return files;
}

/**
 * The page's entry (main.tsx) is small and loads the shell (app/mount.tsx) with a dynamic import, so the start-up
 * call to the host goes out before the shell is compiled. This adds `modulepreload` links for the shell's chunk
 * and the chunks it imports to index.html, so the browser fetches and compiles them while the entry runs instead
 * of after it. Views that are not on the first screen (app/lazy-views.tsx) are not preloaded.
 */
function preloadShell(): Plugin {
  return {
    name: 'statescope-preload-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const entry = new Set(ctx.chunk ? [ctx.chunk.fileName, ...ctx.chunk.imports] : []);
        // The largest first: each compiles as it streams in, and the last to finish compiling holds up the shell.
        const files = shellClosure(bundle, entry, 'preloadShell').sort((a, b) => b.code.length - a.code.length);
        // The shell's own stylesheets too: the dynamic import would otherwise wait for them after the entry ran.
        const styles = files.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]);
        return [
          ...files.map((chunk) => ({ rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` })),
          ...styles.map((name) => ({ rel: 'stylesheet', crossorigin: true, href: `./${name}` })),
        ].map((attrs) => ({ tag: 'link', attrs, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chromium 136+, so Electron 45 too) on the shell's
 * chunks: their functions are compiled while the script streams in, on a background thread, rather than one by one
 * on the main thread the first time start-up calls them. Measured with `bench/start-profile.ts --cpu-time`: the main
 * thread's CPU time from navigation to the first graph node fell by about 35 ms (159 → 124 ms), the background
 * threads' rose by about as much. Only the shell (and the chunks it is split into, `SHELL_SPLIT`): the views loaded
 * later keep V8's lazy compilation.
 */
function compileHintShell(): Plugin {
  return {
    name: 'statescope-compile-hint-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
        const loaded = new Set(entry?.type === 'chunk' ? [entry.fileName, ...entry.imports] : []);
        // The magic comment must come first in the file.
        for (const chunk of shellClosure(bundle, loaded, 'compileHintShell'))
          chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      },
    },
  };
}

/**
 * The shell's libraries in chunks of their own, so the browser compiles them at the same time: each script streams
 * and compiles on a background thread of its own, and with the compile hint above each is compiled whole. In one
 * 632 KB chunk the shell took one background thread 47-48 ms of CPU while the main thread sat idle waiting for it
 * (bench/start-profile.ts --timeline); in three (React DOM, React Flow with d3, the app) each takes 15-17 ms and
 * they run side by side, and the main thread's CPU to the first node fell by about 10 ms (110 → 100 ms, median of
 * 5 page loads, three A/B rounds). Only JavaScript: a library's stylesheet stays where it is imported.
 */
const SHELL_SPLIT = [
  { name: 'react-dom', test: /node_modules[\\/](react-dom|scheduler)[\\/].*\.js$/, priority: 2 },
  {
    name: 'flow',
    test: /node_modules[\\/](@xyflow[\\/][a-z]+|d3-[a-z]+|zustand|classcat|use-sync-external-store|react)[\\/].*\.js$/,
    priority: 1,
  },
];

/**
 * The renderer is a static bundle: `base: './'` keeps every asset URL relative so the same build loads from
 * file:// inside Electron and from the web-mode bridge. The document worker (loader, graph, ELK layout) is its
 * own ES-module chunk so the main bundle stays small.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react(), preloadShell(), compileHintShell()],
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { output: { codeSplitting: { groups: SHELL_SPLIT } } },
  },
  server: { host: '127.0.0.1', proxy: apiProxy() },
});
