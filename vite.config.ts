import { defineConfig } from 'vite';

/**
 * Origins a deployment lets the page fetch inputs from with `#src=` (besides its own), given at
 * build time: CLUSTERLENS_SRC_ORIGINS="https://logs.corp.example,https://share.corp.example:8443".
 * They are added to the Content-Security-Policy's connect-src, which the browser enforces, and
 * the app refuses any other origin before asking. Each must be a bare http(s) origin.
 */
function srcOrigins(): string[] {
  const raw = process.env.CLUSTERLENS_SRC_ORIGINS ?? '';
  const out: string[] = [];
  for (const s of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      throw new Error(`CLUSTERLENS_SRC_ORIGINS: '${s}' is not a URL`);
    }
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== s.replace(/\/$/, '')) {
      throw new Error(`CLUSTERLENS_SRC_ORIGINS: '${s}' is not a bare http(s) origin (scheme://host[:port])`);
    }
    out.push(u.origin);
  }
  return out;
}

const origins = srcOrigins();

// React is compiled by esbuild's automatic JSX runtime: no Babel plugin needed,
// which keeps `npm install` working with the npm 10 that ships with Node 20.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  define: { __SRC_ORIGINS__: JSON.stringify(origins) },
  plugins: [{
    name: 'clusterlens-csp-src-origins',
    transformIndexHtml: (html) => (origins.length ? html.replace("connect-src 'self'", `connect-src 'self' ${origins.join(' ')}`) : html),
  }],
});
