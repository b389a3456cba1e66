import { defineConfig } from 'vite';

// React is compiled by esbuild's automatic JSX runtime: no Babel plugin needed,
// which keeps `npm install` working with the npm 10 that ships with Node 20.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
