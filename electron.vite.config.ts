// electron-vite: main (ESM), preload (CommonJS: sandboxed preloads cannot be ES modules) and
// the renderer, whose own Vite config (renderer/vite.config.ts, also used by the hub) is loaded
// and extended here. Our layout is not electron-vite's src/{main,preload,renderer}, so every
// input and output is set explicitly.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'electron-vite';
import { loadConfigFromFile, mergeConfig } from 'vite';

// electron-vite bundles this file and defines import.meta.url for it (not import.meta.dirname).
const repoDir = fileURLToPath(new URL('.', import.meta.url));
const at = (path: string): string => resolve(repoDir, path);

export default defineConfig(async ({ command, mode }): Promise<UserConfig> => {
  // Loaded through Vite rather than imported, so the renderer config's own file-relative paths
  // resolve against renderer/ and not against this file's temporary bundle.
  const loaded = await loadConfigFromFile({ command, mode }, at('renderer/vite.config.ts'), repoDir);
  if (!loaded) throw new Error('renderer/vite.config.ts not found');

  return {
    main: {
      build: {
        outDir: at('out/main'),
        // package.json dependencies (better-sqlite3, fastify, sip.js …) stay in node_modules.
        externalizeDeps: true,
        rolldownOptions: {
          input: { index: at('electron/main/index.ts') },
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    },
    preload: {
      build: {
        outDir: at('out/preload'),
        // A sandboxed preload can require only 'electron': bundle everything, in one file.
        externalizeDeps: false,
        rolldownOptions: {
          input: { index: at('electron/preload/index.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
    },
    renderer: mergeConfig(loaded.config, {
      root: at('renderer'),
      base: './',
      build: {
        outDir: at('out/renderer'),
        emptyOutDir: true,
        rolldownOptions: { input: { index: at('renderer/index.html') } },
      },
    }),
  };
});
