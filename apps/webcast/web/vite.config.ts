// Builds the public player into web/dist; the webcast's Hono app serves it at /webcast/.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/webcast/',
  plugins: [svelte()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 800 },
  server: {
    fs: { allow: [fileURLToPath(new URL('../../..', import.meta.url))] },
    proxy: {
      '/webcast/api': 'http://localhost:3003',
      '/webcast/live': 'http://localhost:3003',
      '/webcast/archive': 'http://localhost:3003',
    },
  },
});
