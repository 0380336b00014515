import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { isOperator } from '../../auth/principal.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, Nullable, StringId } from '../schemas/common.schemas.ts';
import { ApiKeySchema, Scope } from '../schemas/domain.schemas.ts';

const KeyBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    scopes: Type.Array(Scope, { minItems: 1, uniqueItems: true }),
    rate_limit_per_minute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    rate_limit_per_hour: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'none (null) unless set' }))),
    rate_limit_per_day: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'none (null) unless set' }))),
    tenant_id: Type.Optional(Type.String({ minLength: 1, description: 'another tenant (office operator only)' })),
  },
  { additionalProperties: false },
);

export async function apiKeysRoutes(app: FastifyInstance, { store, apiKeys }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/keys',
    { config: { scope: 'admin' }, schema: { tags: ['keys'], summary: "The tenant's API keys (never the keys themselves)", response: { 200: Type.Object({ keys: Type.Array(ApiKeySchema) }), ...errors(401, 403) } } },
    async (req) => ({ keys: store.apiKeys.list(principalOf(req).tenant_id) }),
  );

  r.post(
    '/keys',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['keys'],
        summary: 'Create an API key; the key is in this answer only',
        body: KeyBody,
        response: { 201: Type.Object({ api_key: ApiKeySchema, key: Type.String() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const body = req.body;
      const tenant = body.tenant_id ?? p.tenant_id;
      if (tenant !== p.tenant_id && !isOperator(p)) throw forbidden('keys for another tenant need an admin key of the default tenant');
      return reply.code(201).send(apiKeys.create(tenant, body));
    },
  );

  r.delete(
    '/keys/:id',
    { config: { scope: 'admin' }, schema: { tags: ['keys'], summary: 'Revoke an API key', params: StringId, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (req, reply) => {
      const { id } = req.params;
      const key = store.apiKeys.get(principalOf(req).tenant_id, id);
      if (!key || key.revoked_at) throw notFound(`API key ${id}`);
      store.apiKeys.revoke(key.tenant_id, id);
      return reply.code(204).send(null);
    },
  );
}
