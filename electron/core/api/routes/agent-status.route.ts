import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AGENT_STATUSES, AWAY_REASONS } from '../../../../shared/domain/agent.ts';
import { badRequest, notFound } from '../../errors.ts';
import { canonicalWord, meaningOf, SEED_WORD, STATUS_WORDS } from '../../queue/status-words.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, IntId, Nullable } from '../schemas/common.schemas.ts';
import { AgentLiveStateSchema } from '../schemas/queue.schemas.ts';

const StatusBody = Type.Object(
  {
    status: Type.String({ minLength: 1, maxLength: 32, description: `seed 002's words (online, offline, busy, away) or Earshot's: ${STATUS_WORDS.join(', ')}` }),
    reason: Type.Optional(Type.Enum(AWAY_REASONS, { description: 'with away: why' })),
  },
  { additionalProperties: false },
);

const StatusAnswer = Type.Object({
  success: Type.Boolean(),
  agent_id: Type.Integer(),
  status: Type.String({ description: 'the word asked for, as seed 002 answers' }),
  message: Type.String(),
  earshot_status: Type.Enum(AGENT_STATUSES),
  reason: Nullable(Type.String()),
});

const LiveWithWord = Type.Object({ ...AgentLiveStateSchema.properties, seed_status: Type.String({ description: "seed 002's word for the status (available is online)" }) });

const HistoryQuery = Type.Object({ since: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false });
const History = Type.Object({
  agent_id: Type.Integer(),
  changes: Type.Array(
    Type.Object({ status: Type.Enum(AGENT_STATUSES), reason: Nullable(Type.String()), previous_status: Nullable(Type.Enum(AGENT_STATUSES)), actor: Type.String(), at: Type.String() }),
  ),
});

/** An agent's status: seed 002's `PUT /agents/{id}/status`, the live state, and its history for reporting. */
export async function agentStatusRoutes(app: FastifyInstance, { store, queue }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.put(
    '/agents/:id/status',
    { schema: { tags: ['agents'], summary: "Set an agent's status (seed 002)", params: IntId, body: StatusBody, response: { 200: StatusAnswer, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const p = principalOf(req);
      const meaning = meaningOf(req.body.status);
      if (!meaning) throw badRequest(`status must be one of ${STATUS_WORDS.join(', ')}`);
      const live = queue.setStatus(p.tenant_id, req.params.id, meaning.status, req.body.reason ?? meaning.reason ?? null, p.actor);
      return {
        success: true,
        agent_id: live.agent_id,
        status: canonicalWord(req.body.status),
        message: 'Agent status updated successfully',
        earshot_status: live.status,
        reason: live.status_reason,
      };
    },
  );

  r.get('/agents/:id/status', { schema: { tags: ['agents'], summary: "An agent's live state", params: IntId, response: { 200: LiveWithWord, ...errors(401, 403, 404) } } }, async (req) => {
    const live = queue.liveStates(principalOf(req).tenant_id).find((s) => s.agent_id === req.params.id);
    if (!live) throw notFound(`agent ${req.params.id}`);
    return { ...live, seed_status: SEED_WORD[live.status] };
  });

  r.get(
    '/agents/:id/status/history',
    { schema: { tags: ['agents'], summary: "An agent's status changes, oldest first (time in each state)", params: IntId, querystring: HistoryQuery, response: { 200: History, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      if (!store.agents.get(tenant, req.params.id)) throw notFound(`agent ${req.params.id}`);
      return { agent_id: req.params.id, changes: store.agents.statusHistory(tenant, req.params.id, req.query.since) };
    },
  );
}
