import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Serves the built console at `/`; unknown page paths fall back to index.html (client routing). */
export async function registerRendererStatic(app: FastifyInstance, dir: string): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`no built console in ${dir} (run npm run build:web)`);
  await app.register(fastifyStatic, { root: dir, prefix: '/', index: ['index.html'], wildcard: true });
}
