import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiDeps } from '../api-deps.ts';

const startedAt = Date.now();

/** Unauthenticated liveness: DENCO's `/health` and Phony's `/healthz` shapes. */
export async function healthRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database check (seed 000 shape)',
        response: {
          200: Type.Object({ status: Type.String(), timestamp: Type.String(), service: Type.String(), database: Type.String() }),
          503: Type.Object({ status: Type.String(), timestamp: Type.String(), service: Type.String(), database: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      let database = 'connected';
      try {
        deps.store.ping();
      } catch {
        database = 'error';
      }
      const body = { status: database === 'connected' ? 'ok' : 'error', timestamp: new Date().toISOString(), service: 'earshot', database };
      return reply.code(database === 'connected' ? 200 : 503).send(body);
    },
  );

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness (seed 003 shape)',
        response: { 200: Type.Object({ status: Type.String(), uptime: Type.Number(), activeCalls: Type.Integer() }) },
      },
    },
    async () => ({ status: 'ok', uptime: (Date.now() - startedAt) / 1000, activeCalls: deps.store.calls.countActive() }),
  );
}
