import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Query strings and path params arrive as text, so they are coerced ("10" → 10); JSON bodies
 * are not: `{"name": 1}` is a client bug to report, not a value to guess at. Unknown body fields
 * are rejected too (schemas say additionalProperties: false).
 */
export function registerValidators(app: FastifyInstance): void {
  const base = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
  const coercing = addFormats.default(new Ajv.default({ ...base, coerceTypes: 'array' }));
  const exact = addFormats.default(new Ajv.default({ ...base, coerceTypes: false }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema));
}
