// Vite 8 (Rolldown) + Svelte 5. `npm run dev` serves web/ with /api proxied to a running
// `jixiao serve` (JIXIAO_API, default http://localhost:8080); `buildWeb()` (build.ts) writes web/dist.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [svelte({ configFile: false })],
  server: {
    proxy: { '/api': process.env.JIXIAO_API ?? 'http://localhost:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts (modular) is ~600 kB minified, ~205 kB gzipped, in its own cached chunk.
    chunkSizeWarningLimit: 700,
    // One chunk for ECharts so pages that chart share it from the cache.
    rolldownOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          return undefined;
        },
      },
    },
  },
});
