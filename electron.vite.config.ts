import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          // Loaded by worker_threads for matching runs (see src/core/runs).
          'match-worker': resolve(import.meta.dirname, 'src/core/runs/worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot load ES modules or node_modules: one self-contained CommonJS file.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react()],
    build: { rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') }, chunkSizeWarningLimit: 2000 },
  },
});
