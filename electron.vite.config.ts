import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Native modules and anything with runtime file lookups stay external (unpacked from asar).
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The cache's worker thread, emitted beside the bundle as out/main/cacheWorker.js (see cache/client.ts).
          cacheWorker: resolve(__dirname, 'electron/backend/cache/worker.ts'),
          // Its search indexer thread, out/main/cacheIndexer.js (see cache/worker.ts).
          cacheIndexer: resolve(__dirname, 'electron/backend/cache/indexer.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // The sandboxed preload cannot require node_modules: bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; a third of the bytes means less to parse at startup.
      // SWITCHBOARD_RENDERER_MINIFY=0 keeps names readable for profiles (the ui bench's profile mode).
      minify: process.env.SWITCHBOARD_RENDERER_MINIFY === '0' ? false : 'esbuild',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
