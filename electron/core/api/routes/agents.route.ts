import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { SEAT_MEDIA, type Agent } from '../../../../shared/domain/agent.ts';
import { badRequest } from '../../errors.ts';
import { loginFromBody } from '../../services/agent-input.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, IntId, Nullable } from '../schemas/common.schemas.ts';
import { AgentSchema, AgentStatusSchema, IceServerSchema, Role } from '../schemas/domain.schemas.ts';

const Login = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 128 }), password: Type.String({ minLength: 4, maxLength: 1024 }) },
  { additionalProperties: false },
);

const Sip = Type.Object(
  {
    uri: Type.String({ pattern: '^sips?:[^\\s@]+@[^\\s]+$', description: 'e.g. sip:1001@pbx.office.lan' }),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'auth user; defaults to the user part of uri' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'stored encrypted, never returned' })),
    ws_url: Type.String({ pattern: '^wss?://\\S+$', description: 'SIP over WebSocket URL of the PBX' }),
    ice_servers: Type.Optional(Type.Array(IceServerSchema, { description: 'none by default: on a LAN no STUN is needed' })),
    media: Type.Optional(Type.Enum(SEAT_MEDIA, { description: "renderer (default): audio in the agent's console; headless: RTP in the core, answers by itself" })),
    send_audio: Type.Optional(Type.Boolean({ description: 'headless seats only; false: listen only (answers recvonly, sends no RTP). Default true' })),
  },
  { additionalProperties: false },
);

const agentFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  extension: Type.Optional(Nullable(Type.String({ pattern: '^[0-9A-Za-z*#+._-]{1,32}$' }))),
  role: Type.Optional(Role),
  skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 64, uniqueItems: true })),
  max_concurrent_calls: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  status: Type.Optional(AgentStatusSchema),
  login: Type.Optional(Nullable(Login)),
  login_username: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  login_password: Type.Optional(Type.String({ minLength: 4, maxLength: 1024 })),
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'same as login.username' })),
  password: Type.Optional(Type.String({ minLength: 4, maxLength: 1024, description: 'same as login.password' })),
  sip: Type.Optional(Nullable(Sip)),
};

const CreateAgent = Type.Object(agentFields, { additionalProperties: false });
const { name: _name, ...optionalFields } = agentFields;
const UpdateAgent = Type.Object({ ...optionalFields, name: Type.Optional(agentFields.name) }, { additionalProperties: false, minProperties: 1 });

export async function agentsRoutes(app: FastifyInstance, { store, agents, queue }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Seed 002's names beside Earshot's: agent_id, phone_number, current_call_count.
  const withAlias = (a: Agent) => ({
    ...a,
    agent_id: a.id,
    phone_number: a.extension ?? (a.sip?.username || null),
    current_call_count: queue.callCount(a.tenant_id, a.id),
  });

  r.get(
    '/agents',
    { schema: { tags: ['agents'], summary: "The tenant's agents (people with seats)", response: { 200: Type.Object({ agents: Type.Array(AgentSchema), total: Type.Integer() }), ...errors(401, 403) } } },
    async (req) => {
      const list = store.agents.list(principalOf(req).tenant_id).map(withAlias);
      return { agents: list, total: list.length };
    },
  );

  r.post(
    '/agents',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['agents'],
        summary: 'Create an agent with a console login and a SIP account',
        body: CreateAgent,
        response: { 201: AgentSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      if (body.sip && !body.sip.password) throw badRequest('sip.password is required');
      const agent = await agents.create(principalOf(req).tenant_id, { ...body, login: loginFromBody(body) ?? null });
      return reply.code(201).send(withAlias(agent));
    },
  );

  r.get(
    '/agents/:id',
    { schema: { tags: ['agents'], params: IntId, response: { 200: AgentSchema, ...errors(401, 403, 404) } } },
    async (req) => withAlias(agents.get(principalOf(req).tenant_id, req.params.id)),
  );

  r.patch(
    '/agents/:id',
    { config: { scope: 'admin' }, schema: { tags: ['agents'], summary: 'Change an agent', params: IntId, body: UpdateAgent, response: { 200: AgentSchema, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => {
      const { login: _l, login_username: _u, login_password: _p, username: _un, password: _pw, ...rest } = req.body;
      const login = loginFromBody(req.body);
      const p = principalOf(req);
      return withAlias(await agents.update(p.tenant_id, req.params.id, { ...rest, ...(login !== undefined ? { login } : {}) }, p.actor));
    },
  );

  r.delete(
    '/agents/:id',
    { config: { scope: 'admin' }, schema: { tags: ['agents'], params: IntId, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (req, reply) => {
      agents.delete(principalOf(req).tenant_id, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
