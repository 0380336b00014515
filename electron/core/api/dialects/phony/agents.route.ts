import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Assistant, AssistantInput } from '../../../../../shared/domain/assistant.ts';
import { canonicalPhone } from '../../../ai/realtime/phone-number.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import type { RateClass } from '../../plugins/rate-limit.ts';
import { agent, AgentSchema, assistantIdOf, assistantInput, CreateAgentBody, UpdateAgentBody, type AgentBody } from './agent-shapes.ts';
import { PhonyError, PhonyErrorBody } from './phony-errors.ts';

const TAGS = ['seed 003 (Phony)'];
/** Seed 003's "Agent Management" limit, per API key. */
const AGENT_MANAGEMENT_RATE: RateClass = { name: 'agent management', per_minute: 100 };
const AgentIdParam = Type.Object({ agent_id: Type.String({ minLength: 1, maxLength: 64, description: 'agent_123 (or 123)' }) });
const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    is_active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const errorsOf = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, PhonyErrorBody]));

/** Seed 003's example error: an unreadable phone number is a 422 naming the field and the value. */
function checkPhones(body: AgentBody): void {
  for (const value of body.phone_numbers ?? []) {
    if (canonicalPhone(value) === null) throw new PhonyError(422, 'VALIDATION_ERROR', 'Invalid phone number format', { field: 'phone_numbers', value });
  }
}

/**
 * Seed 003's `/agents/`: its AI agents are our assistants (the same records `/api/v1/assistants`
 * serves), in Phony's field names.
 */
export async function phonyAgentsRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const existing = (tenant: string, id: string): Assistant => {
    const n = assistantIdOf(id);
    const found = n === null ? null : deps.store.assistants.get(tenant, n);
    if (!found) throw new PhonyError(404, 'AGENT_NOT_FOUND', `agent ${id} not found`, { agent_id: id });
    return deps.assistants.get(tenant, found.id);
  };

  for (const url of ['/agents/', '/agents']) {
    r.post(
      url,
      { config: { rateClass: AGENT_MANAGEMENT_RATE }, schema: { tags: TAGS, summary: 'Create an agent (an assistant)', body: CreateAgentBody, response: { 201: AgentSchema, ...errorsOf(401, 403, 409, 422, 429) } } },
      async (req, reply) => {
        checkPhones(req.body);
        const p = principalOf(req);
        const created = deps.assistants.create(p.tenant_id, { name: req.body.name, ...assistantInput(req.body, null) } as AssistantInput, p.actor);
        return reply.code(201).send(agent(created));
      },
    );

    r.get(
      url,
      {
        config: { rateClass: AGENT_MANAGEMENT_RATE },
        schema: {
          tags: TAGS,
          summary: 'Agents, oldest first',
          querystring: ListQuery,
          response: { 200: Type.Object({ agents: Type.Array(AgentSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), ...errorsOf(401, 403, 422, 429) },
        },
      },
      async (req) => {
        const tenant = principalOf(req).tenant_id;
        const limit = req.query.limit ?? 50;
        const offset = req.query.offset ?? 0;
        if (req.query.is_active === false) {
          // The store filters for active ones only; inactive assistants are few, so they are picked here.
          const inactive = deps.assistants.list(tenant).items.filter((a) => !a.is_active);
          return { agents: inactive.slice(offset, offset + limit).map(agent), total: inactive.length, limit, offset };
        }
        const { items, total } = deps.assistants.list(tenant, { active_only: req.query.is_active === true, limit, offset });
        return { agents: items.map(agent), total, limit, offset };
      },
    );
  }

  r.get('/agents/:agent_id', { config: { rateClass: AGENT_MANAGEMENT_RATE }, schema: { tags: TAGS, summary: 'One agent', params: AgentIdParam, response: { 200: AgentSchema, ...errorsOf(401, 403, 404, 429) } } }, async (req) =>
    agent(existing(principalOf(req).tenant_id, req.params.agent_id)),
  );

  for (const method of ['put', 'patch'] as const) {
    r[method](
      '/agents/:agent_id',
      { config: { rateClass: AGENT_MANAGEMENT_RATE }, schema: { tags: TAGS, summary: 'Change an agent (the fields given)', params: AgentIdParam, body: UpdateAgentBody, response: { 200: AgentSchema, ...errorsOf(401, 403, 404, 409, 422, 429) } } },
      async (req) => {
        checkPhones(req.body);
        const tenant = principalOf(req).tenant_id;
        const current = existing(tenant, req.params.agent_id);
        return agent(deps.assistants.update(tenant, current.id, assistantInput(req.body, current)));
      },
    );
  }

  r.delete('/agents/:agent_id', { config: { rateClass: AGENT_MANAGEMENT_RATE }, schema: { tags: TAGS, summary: 'Delete an agent', params: AgentIdParam, response: { 204: Type.Null(), ...errorsOf(401, 403, 404, 429) } } }, async (req, reply) => {
    const tenant = principalOf(req).tenant_id;
    deps.assistants.delete(tenant, existing(tenant, req.params.agent_id).id);
    return reply.code(204).send(null);
  });
}
