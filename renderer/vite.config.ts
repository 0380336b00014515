// The renderer's Vite config. electron-vite (renderer entry) and the hub (`build({ configFile })`
// when out/renderer is missing) reuse this file, so every path is absolute.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
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

/** Folder (under the page's base) the console loads its VAD assets from; see renderer/src/media/vad-assets.ts. */
export const VAD_ASSET_DIR = 'vad';

/**
 * The voice-activity detector runs offline: the Silero model, the library's audio worklet and
 * onnxruntime-web's WebAssembly build come from our own build output, never from a CDN.
 */
export function vadAssetFiles(): Record<string, string> {
  const require = createRequire(join(repoDir, 'package.json'));
  const vadDist = join(dirname(require.resolve('@ricky0123/vad-web/package.json')), 'dist');
  // onnxruntime-web's exports map hides package.json; its main entry sits in dist/.
  const ortDist = dirname(require.resolve('onnxruntime-web'));
  return {
    'silero_vad_v5.onnx': join(vadDist, 'silero_vad_v5.onnx'),
    'vad.worklet.bundle.min.js': join(vadDist, 'vad.worklet.bundle.min.js'),
    'ort-wasm-simd-threaded.mjs': join(ortDist, 'ort-wasm-simd-threaded.mjs'),
    'ort-wasm-simd-threaded.wasm': join(ortDist, 'ort-wasm-simd-threaded.wasm'),
  };
}

const ASSET_TYPES: Record<string, string> = {
  '.onnx': 'application/octet-stream',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

/** Emits the VAD assets into `<outDir>/vad/` on build and serves them from node_modules in dev. */
export function vadAssets(): Plugin {
  const files = vadAssetFiles();
  return {
    name: 'earshot-vad-assets',
    generateBundle() {
      for (const [name, path] of Object.entries(files)) {
        this.emitFile({ type: 'asset', fileName: `${VAD_ASSET_DIR}/${name}`, source: readFileSync(path) });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = new RegExp(`/${VAD_ASSET_DIR}/([^/?#]+)`).exec(req.url ?? '');
        const path = match ? files[match[1]!] : undefined;
        if (!path) return next();
        res.setHeader('content-type', ASSET_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream');
        res.end(readFileSync(path));
      });
    },
  };
}

export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react(), devCsp(), vadAssets()],
  build: {
    outDir: resolve(repoDir, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(rendererDir, 'index.html') },
  },
});
