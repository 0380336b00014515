// The renderer's Vite config. electron-vite (renderer entry) and the hub (`build({ configFile })`
// when out/renderer is missing) reuse this file, so every path is absolute.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const rendererDir = import.meta.dirname;
const repoDir = resolve(rendererDir, '..');

/**
 * index.html carries the strict production CSP. The dev server needs inline scripts (React
 * refresh preamble) and injected <style> elements, so relax it only while serving.
 */
function devCsp(): Plugin {
  return {
    name: 'earshot-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    },
  };
}

export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: resolve(repoDir, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(rendererDir, 'index.html') },
  },
});
