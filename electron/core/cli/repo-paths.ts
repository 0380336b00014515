import { join, resolve } from 'node:path';

/** The checkout this CLI runs from (electron/core/cli → repo root). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const RENDERER_OUT_DIR = join(REPO_ROOT, 'out', 'renderer');
export const RENDERER_VITE_CONFIG = join(REPO_ROOT, 'renderer', 'vite.config.ts');
