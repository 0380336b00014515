import type { FastifyError, FastifyInstance } from 'fastify';
import { CoreError, fromSqliteError } from '../../../errors.ts';

/** Errors of seed 002's sockets as its `{"detail": "…"}`; a 5xx never carries internals. */
export function registerCsErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation) return reply.code(400).send({ detail: err.message });
    const core = err instanceof CoreError ? err : fromSqliteError(err);
    const status = core?.statusCode ?? err.statusCode ?? 500;
    if (status === 401) void reply.header('www-authenticate', 'Bearer');
    if (status < 500 || core) return reply.code(status).send({ detail: core?.message ?? err.message });
    req.log.error({ err }, 'seed 002 request failed');
    return reply.code(500).send({ detail: 'Internal server error; it has been logged' });
  });
}
