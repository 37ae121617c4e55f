import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

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
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const shell = chunks.find((c) => c.facadeModuleId?.endsWith('/src/app/mount.tsx'));
        if (!shell) throw new Error('preloadShell: no chunk for src/app/mount.tsx');
        const entry = new Set(ctx.chunk ? [ctx.chunk.fileName, ...ctx.chunk.imports] : []);
        const files: string[] = [];
        const visit = (name: string) => {
          if (entry.has(name) || files.includes(name)) return;
          files.push(name);
          const chunk = bundle[name];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        visit(shell.fileName);
        // The shell's own stylesheets too: the dynamic import would otherwise wait for them after the entry ran.
        const styles = files.flatMap((name) => {
          const chunk = bundle[name];
          return chunk?.type === 'chunk' ? [...(chunk.viteMetadata?.importedCss ?? [])] : [];
        });
        return [
          ...files.map((name) => ({ rel: 'modulepreload', crossorigin: true, href: `./${name}` })),
          ...styles.map((name) => ({ rel: 'stylesheet', crossorigin: true, href: `./${name}` })),
        ].map((attrs) => ({ tag: 'link', attrs, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chromium 136+, so Electron 45 too) on the shell's
 * chunk: its functions are compiled while the script streams in, on a background thread, rather than one by one on
 * the main thread the first time start-up calls them. Measured with `bench/start-profile.ts --cpu-time`: the main
 * thread's CPU time from navigation to the first graph node fell by about 35 ms (159 → 124 ms), the background
 * threads' rose by about as much. Only the shell: the views loaded later keep V8's lazy compilation.
 */
function compileHintShell(): Plugin {
  return {
    name: 'statescope-compile-hint-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const shell = Object.values(bundle).find(
          (c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/app/mount.tsx'),
        );
        if (!shell || shell.type !== 'chunk') throw new Error('compileHintShell: no chunk for src/app/mount.tsx');
        // The magic comment must come first in the file.
        shell.code = `//# allFunctionsCalledOnLoad\n${shell.code}`;
      },
    },
  };
}

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
  },
  server: { host: '127.0.0.1', proxy: apiProxy() },
});
