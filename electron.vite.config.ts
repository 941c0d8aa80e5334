import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cspHtmlPlugin } from './src/web/csp';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          // The core host: forked by main as an Electron utility process; owns the workspace (see src/core/host).
          'core-host': resolve(import.meta.dirname, 'src/core/host/utility-entry.ts'),
          // Loaded by the host as worker_threads: matching runs (src/core/runs) and imports (src/core/import).
          'match-worker': resolve(import.meta.dirname, 'src/core/runs/worker.ts'),
          'import-worker': resolve(import.meta.dirname, 'src/core/import/worker.ts'),
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
    // The CSP meta tag comes from src/web/csp.ts, the policy the web bridge sends too.
    plugins: [react(), cspHtmlPlugin()],
    build: { rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') }, chunkSizeWarningLimit: 2000 },
  },
});
