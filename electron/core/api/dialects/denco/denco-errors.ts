import type { FastifyError, FastifyInstance } from 'fastify';
import { CoreError, fromSqliteError } from '../../../errors.ts';

/** Seed 000 answers errors as FastAPI does: `{"detail": "…"}`; a validation failure is 422 with a list. */
export interface DencoValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

function validationDetail(err: FastifyError): DencoValidationDetail[] {
  const where = err.validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.split('/').filter(Boolean);
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const extra = (v.params as { additionalProperty?: string }).additionalProperty;
    return {
      loc: [where, ...path, ...(missing ? [missing] : []), ...(extra ? [extra] : [])],
      msg: missing ? 'field required' : extra ? 'extra fields not permitted' : (v.message ?? 'invalid value'),
      type: v.keyword,
    };
  });
}

/** A 422 with FastAPI's list of problems, for checks a JSON schema cannot make (multipart forms). */
export class DencoValidationError extends CoreError {
  readonly detail: DencoValidationDetail[];

  constructor(detail: DencoValidationDetail[]) {
    super(422, 'validation_failed', detail.map((d) => `${d.loc.slice(1).join('.')}: ${d.msg}`).join('; '));
    this.detail = detail;
  }
}

/** Errors of the DENCO routes in the seed's shape; a 5xx never carries internals. */
export function registerDencoErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation) return reply.code(422).send({ detail: validationDetail(err) });
    if (err instanceof DencoValidationError) return reply.code(422).send({ detail: err.detail });
    const core = err instanceof CoreError ? err : fromSqliteError(err);
    const status = core?.statusCode ?? err.statusCode ?? 500;
    if (status === 401) void reply.header('www-authenticate', 'Bearer');
    if (status < 500) return reply.code(status).send({ detail: core?.message ?? err.message });
    if (core) return reply.code(status).send({ detail: core.message });
    req.log.error({ err }, 'DENCO request failed');
    return reply.code(500).send({ detail: 'Internal server error; it has been logged' });
  });
}

/** Seed 000's 404 wording for a call id this tenant does not have. */
export const callSessionNotFound = (): CoreError => new CoreError(404, 'not_found', 'Call session not found');
