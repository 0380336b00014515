import type { FastifyError, FastifyInstance } from 'fastify';
import type { CoreErrorBody } from '../../../../shared/contracts/core-client.ts';
import { CoreError, fromSqliteError, reasonPhrase } from '../../errors.ts';

/**
 * Our body plus `detail` and `type` (the same message and code): seed 004 and 002 clients read
 * `{"detail", "type"}` from the same `/api/v1` routes our own clients read `message` from.
 */
const withDetail = (body: CoreErrorBody) => ({ ...body, detail: body.message, type: body.code ?? 'error' });

/** Every failure leaves as JSON `{statusCode, error, message, code, detail, type}`; internals never leak. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const core = err instanceof CoreError ? err : fromSqliteError(err);
    if (core) return reply.code(core.statusCode).send(withDetail(core.toBody()));
    if (err.validation) {
      return reply.code(400).send(withDetail({ statusCode: 400, error: 'Bad Request', message: err.message, code: 'validation_failed' }));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(withDetail({ statusCode: status, error: reasonPhrase(status), message: err.message, code: err.code ?? 'bad_request' }));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(withDetail({ statusCode: 500, error: 'Internal Server Error', message: 'something went wrong on the server; it has been logged', code: 'internal' }));
  });

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send(withDetail({ statusCode: 404, error: 'Not Found', message: `no route for ${req.method} ${req.url.split('?')[0]}`, code: 'no_route' })),
  );
}
