import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

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
 * The renderer is a static bundle: `base: './'` keeps every asset URL relative so the same build loads from
 * file:// inside Electron and from the web-mode bridge. The document worker (loader, graph, ELK layout) is its
 * own ES-module chunk so the main bundle stays small.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
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
