import type { FastifyError, FastifyInstance } from 'fastify';
import { CoreError, fromSqliteError, reasonPhrase } from '../../errors.ts';

/** Every failure leaves as JSON `{statusCode, error, message, code}`; internals never leak. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const core = err instanceof CoreError ? err : fromSqliteError(err);
    if (core) return reply.code(core.statusCode).send(core.toBody());
    if (err.validation) {
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: err.message, code: 'validation_failed' });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ statusCode: status, error: reasonPhrase(status), message: err.message, code: err.code ?? 'bad_request' });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'something went wrong on the server; it has been logged', code: 'internal' });
  });

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route for ${req.method} ${req.url.split('?')[0]}`, code: 'no_route' }),
  );
}
