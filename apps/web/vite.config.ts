import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The dev server proxies the API and the socket to a Seatfold server on :3000 (`pnpm serve`);
// in production the server itself serves dist/ on the same origin.
const backend = process.env.SEATFOLD_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
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
  },
});
