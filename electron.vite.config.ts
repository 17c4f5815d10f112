import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundle the dependencies (AWS SDK, zod, lru-cache) into out/main instead of loading them from
      // node_modules: the package then ships only the code main runs (no TypeScript sources, duplicate ESM/CJS
      // builds, maps or locales) and start-up resolves a few files instead of hundreds.
      externalizeDeps: false,
      // The search index worker is its own entry: a worker_threads Worker runs a file (main/search/index-host.ts).
      rollupOptions: { input: { index: resolve(__dirname, 'main/index.ts'), 'index-worker': resolve(__dirname, 'main/search/index-worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be CommonJS and self-contained.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
