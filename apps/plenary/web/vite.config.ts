import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  plugins: [svelte()],
  resolve: {
    alias: {
      // The client folds the same events with the same pure domain code as the server.
      $domain: fileURLToPath(new URL('../src/domain', import.meta.url)),
    },
  },
  // 850 kB: d3-shape (the seat maps) took the one bundle just past 800.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 850 },
  server: {
    fs: { allow: [fileURLToPath(new URL('../../..', import.meta.url))] },
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
