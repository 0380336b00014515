import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Assistant } from '../../../../shared/domain/assistant.ts';
import { notFound } from '../../errors.ts';
import type { AssistantPatch } from '../../services/assistants.service.ts';
import { LLM_PROVIDERS } from '../../services/llm-providers.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { assistantFields, AssistantSchema } from '../schemas/assistant.schemas.ts';
import { errors, IntId, Nullable } from '../schemas/common.schemas.ts';
import { TenantSchema } from '../schemas/domain.schemas.ts';

const PhoneNumber = Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 40, description: "seed 004's single number; added first to phone_numbers" })));
const CreateBody = Type.Object({ ...assistantFields, phone_number: PhoneNumber }, { additionalProperties: false });
const { name, ...optional } = assistantFields;
const UpdateBody = Type.Object({ ...optional, name: Type.Optional(name), phone_number: PhoneNumber }, { additionalProperties: false, minProperties: 1 });
type Body = Partial<Static<typeof CreateBody>>;

const ListQuery = Type.Object(
  {
    skip: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    active_only: Type.Optional(Type.Boolean({ default: false })),
    my_assistants_only: Type.Optional(Type.Boolean({ default: false, description: 'only those created with this API key' })),
  },
  { additionalProperties: false },
);
const ActiveOnly = Type.Object({ active_only: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false });
const StatusQuery = Type.Object({ is_active: Type.Boolean() }, { additionalProperties: false });
const Phone = Type.Object({ phone_number: Type.String({ minLength: 2, maxLength: 40 }) });

const Provider = Type.Object({ id: Type.String(), name: Type.String(), base_url: Nullable(Type.String()), models: Type.Array(Type.String()) });
const Organization = Type.Object({ ...TenantSchema.properties, assistant_count: Type.Integer(), active_assistant_count: Type.Integer() });

/** Seed 004's shape: the stored assistant plus `phone_number` (its first number). */
const view = (a: Assistant) => ({ ...a, phone_number: a.phone_numbers[0] ?? null });

/** Seed 004's request fields onto ours: `phone_number` joins `phone_numbers`, `llm_provider_config.api_key` is the key to seal. */
function toInput(body: Body): AssistantPatch {
  const { phone_number, phone_numbers, llm_provider_config, ...rest } = body;
  const input: AssistantPatch = { ...rest };
  if (phone_number !== undefined || phone_numbers !== undefined) {
    input.phone_numbers = [...(phone_number ? [phone_number] : []), ...(phone_numbers ?? [])];
  }
  if (llm_provider_config !== undefined) {
    const { api_key, ...config } = llm_provider_config;
    input.llm_provider_config = config;
    if (api_key !== undefined) input.llm_api_key = api_key;
  }
  return input;
}

/** `/api/v1/assistants/…` (seed 004): AI voice agents of the key's tenant. GET read, POST/PUT/PATCH write, DELETE admin. */
export async function assistantsRoutes(app: FastifyInstance, { assistants, store }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['assistants'];

  for (const url of ['/assistants', '/assistants/']) {
    r.get(
      url,
      {
        schema: { tags, summary: 'Assistants of your organization (X-Total-Count: how many match)', querystring: ListQuery, response: { 200: Type.Array(AssistantSchema), ...errors(400, 401, 403) } },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const q = req.query;
        const { items, total } = assistants.list(p.tenant_id, {
          offset: q.skip ?? 0,
          limit: q.limit ?? 100,
          active_only: q.active_only ?? false,
          ...(q.my_assistants_only ? { created_by: p.actor } : {}),
        });
        reply.header('x-total-count', String(total));
        return items.map(view);
      },
    );
    r.post(
      url,
      { schema: { tags, summary: 'Create an assistant', body: CreateBody, response: { 201: AssistantSchema, ...errors(400, 401, 403, 409) } } },
      async (req, reply) => {
        const p = principalOf(req);
        const input = toInput(req.body);
        return reply.code(201).send(view(assistants.create(p.tenant_id, { ...input, name: req.body.name }, p.actor)));
      },
    );
  }

  r.get(
    '/assistants/count',
    { schema: { tags, summary: 'How many assistants', querystring: ActiveOnly, response: { 200: Type.Object({ count: Type.Integer() }), ...errors(400, 401, 403) } } },
    async (req) => ({ count: assistants.count(principalOf(req).tenant_id, { active_only: req.query.active_only ?? false }) }),
  );

  r.get(
    '/assistants/providers',
    { schema: { tags, summary: 'Supported LLM providers and their models', response: { 200: Type.Object({ providers: Type.Array(Provider) }), ...errors(401, 403) } } },
    async () => ({ providers: [...LLM_PROVIDERS] }),
  );

  r.get(
    '/assistants/me/organization',
    { schema: { tags, summary: 'Your organization (tenant)', response: { 200: Organization, ...errors(401, 403, 404) } } },
    async (req) => {
      const tenantId = principalOf(req).tenant_id;
      const tenant = store.tenants.get(tenantId);
      if (!tenant) throw notFound(`tenant ${tenantId}`);
      return { ...tenant, assistant_count: assistants.count(tenantId), active_assistant_count: assistants.count(tenantId, { active_only: true }) };
    },
  );

  r.get(
    '/assistants/by-phone/:phone_number',
    { schema: { tags, summary: 'The assistant a dialled number reaches (+81… and 0… are the same number)', params: Phone, response: { 200: AssistantSchema, ...errors(401, 403, 404) } } },
    async (req) => view(assistants.byPhone(principalOf(req).tenant_id, req.params.phone_number)),
  );

  r.get(
    '/assistants/:id',
    { schema: { tags, params: IntId, response: { 200: AssistantSchema, ...errors(401, 403, 404) } } },
    async (req) => view(assistants.get(principalOf(req).tenant_id, req.params.id)),
  );

  r.put(
    '/assistants/:id',
    { schema: { tags, summary: 'Change an assistant (the fields sent; others stay)', params: IntId, body: UpdateBody, response: { 200: AssistantSchema, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => view(assistants.update(principalOf(req).tenant_id, req.params.id, toInput(req.body))),
  );

  r.patch(
    '/assistants/:id/status',
    { schema: { tags, summary: 'Activate or deactivate', params: IntId, querystring: StatusQuery, response: { 200: AssistantSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => view(assistants.setActive(principalOf(req).tenant_id, req.params.id, req.query.is_active)),
  );

  r.delete(
    '/assistants/:id',
    { schema: { tags, summary: 'Delete an assistant (admin)', params: IntId, response: { 200: Type.Object({ ok: Type.Boolean(), id: Type.Integer(), message: Type.String() }), ...errors(401, 403, 404) } } },
    async (req) => {
      assistants.delete(principalOf(req).tenant_id, req.params.id);
      return { ok: true, id: req.params.id, message: 'Assistant deleted' };
    },
  );
}
