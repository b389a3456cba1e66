// Vite config of the benchmark page (not the app): root bench/, output bench/dist/.
// Served by bench/run.ts through Vite's preview API with cross-origin isolation headers,
// so that performance.measureUserAgentSpecificMemory() is available.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: here,
  // The timeline page renders the app's React view (automatic JSX runtime, as the app's config).
  esbuild: { jsx: 'automatic' },
  // The page imports the product modules from ../src.
  server: { host: '127.0.0.1', headers: isolation, fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  preview: { host: '127.0.0.1', headers: isolation },
  worker: { format: 'es' },
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Not minified: CPU profiles keep function names (V8 runs both the same).
    minify: false,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    // index.html: parsing, engine, search, memory; timeline.html: the real TimelineView with synthetic marks.
    rollupOptions: { input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), timeline: fileURLToPath(new URL('./timeline.html', import.meta.url)) } },
  },
});
