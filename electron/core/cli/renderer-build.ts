import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERER_OUT_DIR, RENDERER_VITE_CONFIG } from './repo-paths.ts';

/**
 * The hub serves the built console. Straight after `npm install` there is none yet, so build it
 * once with Vite (a dev dependency, loaded only here).
 */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<string> {
  if (existsSync(join(RENDERER_OUT_DIR, 'index.html'))) return RENDERER_OUT_DIR;
  log('building the console (first run)…');
  const { build } = await import('vite');
  await build({ configFile: RENDERER_VITE_CONFIG, logLevel: 'warn' });
  return RENDERER_OUT_DIR;
}
