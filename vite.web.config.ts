import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspHtmlPlugin } from './src/web/csp';

// The renderer built for the loopback web bridge (`npm run web`) and the end-to-end tests.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  // The CSP meta tag comes from src/web/csp.ts, the same constant the bridge sends as a header.
  plugins: [react(), cspHtmlPlugin()],
  build: { outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
