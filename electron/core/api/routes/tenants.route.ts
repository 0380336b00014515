import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { isOperator } from '../../auth/principal.ts';
import { forbidden, notFound, storeWrite } from '../../errors.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, StringId } from '../schemas/common.schemas.ts';
import { TenantSchema } from '../schemas/domain.schemas.ts';

const TenantBody = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$', description: 'lowercase slug; derived from the name when absent' })),
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const slug = (name: string): string =>
  name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'tenant';

export async function tenantsRoutes(app: FastifyInstance, { store }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/tenants',
    { config: { scope: 'admin' }, schema: { tags: ['tenants'], summary: 'Tenants this key may see', response: { 200: Type.Object({ tenants: Type.Array(TenantSchema) }), ...errors(401, 403) } } },
    async (req) => {
      const p = principalOf(req);
      return { tenants: isOperator(p) ? store.tenants.list() : [store.tenants.get(p.tenant_id)].filter((t) => t !== null) };
    },
  );

  r.post(
    '/tenants',
    { config: { scope: 'admin' }, schema: { tags: ['tenants'], summary: 'Create a tenant (office operator only)', body: TenantBody, response: { 201: TenantSchema, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => {
      if (!isOperator(principalOf(req))) throw forbidden('only an admin key of the default tenant may create tenants');
      const body = req.body;
      return reply.code(201).send(storeWrite(() => store.tenants.create({ id: body.id ?? slug(body.name), name: body.name })));
    },
  );

  r.get(
    '/tenants/:id',
    { config: { scope: 'read' }, schema: { tags: ['tenants'], params: StringId, response: { 200: TenantSchema, ...errors(401, 403, 404) } } },
    async (req) => {
      const p = principalOf(req);
      const { id } = req.params;
      const tenant = id === p.tenant_id || isOperator(p) ? store.tenants.get(id) : null;
      if (!tenant) throw notFound(`tenant ${id}`);
      return tenant;
    },
  );
}
