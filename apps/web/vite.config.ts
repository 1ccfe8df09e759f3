import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { BOOT_MODULES } from './boot-modules.ts';

// The dev server proxies the API and the socket to a Seatfold server on :3000 (`pnpm serve`);
// in production the server itself serves dist/ on the same origin.
const backend = process.env.SEATFOLD_BACKEND ?? 'http://localhost:3000';

/**
 * src/boot.ts is an entry of its own: its chunk is put at the top of index.html as an `async` module, so it runs
 * as soon as its few hundred bytes arrive, while the app's bundle is still loading (the CSP allows no inline
 * script). The app imports the same chunk, so both share one instance of it. In dev, main.tsx's import runs it.
 */
function earlyBoot(): Plugin {
  return {
    name: 'seatfold-early-boot',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
        if (!boot) throw new Error('vite.config.ts: the boot chunk is missing from the bundle');
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * The domain's input checks (src/app/validation.ts: zod and the schemas, a chunk of their own, kept out of the first
 * bundle) are named in index.html as a `prefetch` at the end of the body: the browser fetches the file at its lowest
 * priority into its cache (immutable /assets/ files, static.ts) and neither compiles nor runs it until the app
 * imports it, once idle. So a page whose server goes away in its first moments still has its checks, and the first
 * paint does not pay for them. (A `modulepreload` is there by the page's load event for certain, but it compiles the
 * file before the first paint: the demo plan's first contentful paint, 12 loads interleaved, median 780 ms with it
 * against 684 with the prefetch — the same as with no link at all; the prefetched file was in by the load event
 * in each of the 12.)
 */
function checksWithThePage(): Plugin {
  return {
    name: 'seatfold-checks-with-the-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        // a chunk of its own that holds the module (no facade: the app reads its exports through a namespace)
        const checks = Object.values(ctx.bundle ?? {}).filter(
          (c) => c.type === 'chunk' && !c.isEntry && c.moduleIds.some((id) => /[\\/]packages[\\/]domain[\\/]src[\\/]validation\.ts$/.test(id)),
        );
        if (checks.length !== 1 || !checks[0]) throw new Error('vite.config.ts: packages/domain/src/validation.ts is not in one chunk of its own');
        const href = `/${checks[0].fileName}`;
        // `as` and `crossorigin` as the import will ask for it, so the import finds it in the cache
        return [{ tag: 'link', attrs: { rel: 'prefetch', as: 'script', crossorigin: true, href }, injectTo: 'body' }];
      },
    },
  };
}

/**
 * `vite build --ssr src/ssr/server-frame.tsx`: the module the server draws a plan link's page with (its server frame), into
 * dist-ssr/server-frame.js — a self-contained directory (React and the app's modules bundled in; the lazy parts, which a frame never draws, in chunks), so it
 * loads in the server's worker thread from anywhere. apps/server/src/http/server-frame.ts.
 */
const serverFrameBuild = defineConfig({
  plugins: [react()],
  ssr: { noExternal: true },
  // React's production build (the development one renders ~4× slower and warns)
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist-ssr',
    emptyOutDir: true,
    sourcemap: false,
    target: 'node20',
  },
});

export default defineConfig(({ isSsrBuild }) => (isSsrBuild ? serverFrameBuild : appBuild));

/** The service worker (src/sw/sw.ts): an entry of its own, self-contained, sharing no chunk with the page. */
const SERVICE_WORKER = fileURLToPath(new URL('src/sw/sw.ts', import.meta.url));
const SERVICE_WORKER_DIR = fileURLToPath(new URL('src/sw/', import.meta.url));

const appBuild = defineConfig({
  plugins: [
    react(),
    earlyBoot(),
    checksWithThePage(),
    // brotli 11 + gzip 9 copies (<file>.br, <file>.gz) of every text asset, served by the server as they are
    compression(),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      // The server accepts sockets from its own origin only: present the page as coming from it.
      '/socket.io': { target: backend, ws: true, changeOrigin: true, headers: { origin: backend } },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps are not published: they would hand out the whole source (2.6 MB). Debug with `pnpm dev`.
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        boot: fileURLToPath(new URL('src/boot.ts', import.meta.url)),
        // the service worker, at the address its scope needs (the site's root) and under a name that never changes
        sw: SERVICE_WORKER,
      },
      // Everything the first paint needs in one chunk beside boot's (index-*.js; the runtime stays a sub-kilobyte file):
      // four requests on a plan link instead of eight, whose answers queued behind each other on a loaded machine.
      // Boot's modules stay out (they are the early entry's); `includeDependenciesRecursively` would pull them in.
      // Chunks loaded on demand import from it. docs/performance.md, "First render (stop 23, helper)".
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
        codeSplitting: {
          groups: [
            {
              name: 'index',
              tags: ['$initial'],
              includeDependenciesRecursively: false,
              test: (id) => !BOOT_MODULES.test(id) && !id.startsWith(SERVICE_WORKER_DIR),
            },
          ],
        },
      },
    },
  },
});
