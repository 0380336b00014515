import type { FastifyError, FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CoreError, fromSqliteError } from '../../../errors.ts';

/** Seed 003's error body. */
export const PhonyErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
});

/** An error with seed 003's own code and details. */
export class PhonyError extends CoreError {
  readonly details: Record<string, unknown> | undefined;

  constructor(statusCode: number, code: string, message: string, details?: Record<string, unknown>) {
    super(statusCode, code, message);
    this.details = details;
  }
}

const CODES: Record<number, string> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMITED',
  502: 'OPENAI_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** The value at an Ajv instance path (`/phone_numbers/0`) of the request body. */
function valueAt(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const part of path.split('/').filter(Boolean)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Errors of the Phony routes as `{"error": {code, message, details}}`; 422 for invalid bodies, as FastAPI does. */
export function registerPhonyErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation) {
      const first = err.validation[0];
      const path = first?.instancePath ?? '';
      const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const extra = (first?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
      const field = missing ?? extra ?? (path.split('/').filter(Boolean)[0] || (err.validationContext ?? 'body'));
      const details: Record<string, unknown> = { field, location: err.validationContext ?? 'body' };
      if (!missing && !extra && err.validationContext === 'body') details.value = valueAt(req.body, path);
      return reply.code(422).send({ error: { code: 'VALIDATION_ERROR', message: err.message, details } });
    }
    const core = err instanceof CoreError ? err : fromSqliteError(err);
    const status = core?.statusCode ?? err.statusCode ?? 500;
    if (status >= 500 && !core) {
      req.log.error({ err }, 'Phony request failed');
      return reply.code(500).send({ error: { code: 'INTERNAL_ERROR', message: 'something went wrong on the server; it has been logged' } });
    }
    const code = err instanceof PhonyError ? err.code : (CODES[status] ?? 'ERROR');
    const details = err instanceof PhonyError ? err.details : undefined;
    if (status === 401) void reply.header('www-authenticate', 'Bearer');
    return reply.code(status).send({ error: { code, message: core?.message ?? err.message, ...(details ? { details } : {}) } });
  });
}
