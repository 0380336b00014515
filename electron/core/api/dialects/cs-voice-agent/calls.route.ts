import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Agent } from '../../../../../shared/domain/agent.ts';
import type { Call } from '../../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../../shared/domain/call.ts';
import { CoreError, notFound } from '../../../errors.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { errors } from '../../schemas/common.schemas.ts';
import { InboundSession, inboundSession, OutboundCall, outboundCall, TranscriptEntry, transcriptEntry } from './cs-shapes.ts';

const TAGS = ['seed 002 (Customer Service Voice Agent)'];
const SessionId = Type.Object({ session_id: Type.Integer({ minimum: 1, description: 'the call id' }) });
const Page = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })), page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })) },
  { additionalProperties: false },
);
const TransferBody = Type.Object(
  {
    agent_id: Type.Integer({ minimum: 1 }),
    transfer_type: Type.Optional(Type.Union([Type.Literal('warm'), Type.Literal('cold')], { default: 'cold' })),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
const TransferResult = Type.Object({ success: Type.Boolean(), message: Type.String(), agent_id: Type.Integer(), transfer_type: Type.String() });

/** Every live call of the tenant with one direction, newest first. */
const ACTIVE_LIMIT = 1000;

/**
 * Seed 002's call routes: active inbound sessions (with details), active outbound calls, both
 * together, a session's transcript, and transfer to an agent — cold (REFER from the seat that
 * has the call, or from the AI call) or warm (the seat holds the caller and consults the agent;
 * the seat completes the transfer as an attended one; AI calls hand over with REFER).
 */
export async function csCallsRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { store, seats, calls } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const active = (tenant: string, direction: 'inbound' | 'outbound', limit = ACTIVE_LIMIT, offset = 0) =>
    store.calls.list(tenant, { direction, active: true, limit, offset });
  const agentOf = (tenant: string, call: Call): Agent | null => (call.agent_id === null ? null : store.agents.get(tenant, call.agent_id));
  const lineOf = (tenant: string, call: Call) => {
    const agent = agentOf(tenant, call);
    return (agent && seats.linesOf(agent)?.list().find((l) => l.call_sid === call.sid)) || null;
  };
  const outbound = (tenant: string, call: Call) => outboundCall(call, lineOf(tenant, call)?.line_id ?? null);
  const session = (tenant: string, id: number): Call => {
    const call = store.calls.get(tenant, id);
    if (!call) throw new CoreError(404, 'not_found', 'Call session not found');
    return call;
  };

  r.get(
    '/calls/inbound/active',
    { schema: { tags: TAGS, summary: 'Inbound calls in progress', querystring: Page, response: { 200: Type.Object({ calls: Type.Array(InboundSession), total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer() }), ...errors(400, 401, 403) } } },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.page_size ?? 50;
      const { items, total } = active(principalOf(req).tenant_id, 'inbound', pageSize, (page - 1) * pageSize);
      const now = Date.now();
      return { calls: items.map((c) => inboundSession(c, now)), total, page, page_size: pageSize };
    },
  );

  r.get(
    '/calls/inbound/:session_id',
    { schema: { tags: TAGS, summary: 'An inbound call session', params: SessionId, response: { 200: InboundSession, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const call = session(principalOf(req).tenant_id, req.params.session_id);
      if (call.direction !== 'inbound') throw new CoreError(404, 'not_found', 'Call session not found');
      return inboundSession(call);
    },
  );

  r.get(
    '/calls/outbound/active',
    { schema: { tags: TAGS, summary: 'Outbound calls in progress', response: { 200: Type.Object({ total: Type.Integer(), calls: Type.Array(OutboundCall) }), ...errors(401, 403) } } },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      const { items, total } = active(tenant, 'outbound');
      return { total, calls: items.map((c) => outbound(tenant, c)) };
    },
  );

  r.get(
    '/calls/all/active',
    {
      schema: {
        tags: TAGS,
        summary: 'Inbound and outbound calls in progress',
        response: {
          200: Type.Object({ total: Type.Integer(), inbound_count: Type.Integer(), outbound_count: Type.Integer(), inbound_calls: Type.Array(InboundSession), outbound_calls: Type.Array(OutboundCall) }),
          ...errors(401, 403),
        },
      },
    },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      const inbound = active(tenant, 'inbound');
      const out = active(tenant, 'outbound');
      const now = Date.now();
      return {
        total: inbound.total + out.total,
        inbound_count: inbound.total,
        outbound_count: out.total,
        inbound_calls: inbound.items.map((c) => inboundSession(c, now)),
        outbound_calls: out.items.map((c) => outbound(tenant, c)),
      };
    },
  );

  r.get(
    '/calls/:session_id/transcript',
    { schema: { tags: TAGS, summary: "A session's transcript in call order", params: SessionId, response: { 200: Type.Array(TranscriptEntry), ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      const call = session(tenant, req.params.session_id);
      return store.transcripts.list(tenant, call.id, {}).map((s) => transcriptEntry(call, s));
    },
  );

  r.post(
    '/calls/:session_id/transfer',
    { schema: { tags: TAGS, summary: 'Transfer the call to an agent (warm or cold)', params: SessionId, body: TransferBody, response: { 200: TransferResult, ...errors(400, 401, 403, 404, 409, 502, 503) } } },
    async (req) => {
      const p = principalOf(req);
      const { agent_id, reason } = req.body;
      const type = req.body.transfer_type ?? 'cold';
      const call = session(p.tenant_id, req.params.session_id);
      const target = store.agents.get(p.tenant_id, agent_id);
      if (!target) throw notFound(`agent ${agent_id}`);
      const dialString = target.extension ?? target.sip?.uri ?? null;
      if (dialString === null) throw new CoreError(409, 'agent_unreachable', `agent ${agent_id} has no extension or SIP account to transfer to`);
      if (FINAL_CALL_STATUSES.includes(call.status)) throw new CoreError(409, 'call_not_live', `call ${call.id} has ended (${call.status})`);
      const audit = { agent_id, transfer_type: type, ...(reason ? { reason } : {}) };

      if (call.realtime_call_id !== null) {
        await deps.aiCalls.controls.transfer(p.tenant_id, call.id, dialString, p.actor);
        calls.appendEvent(p.tenant_id, call.id, 'transfer.requested', p.actor, audit);
        return { success: true, message: `Call transferred to agent ${agent_id}`, agent_id, transfer_type: type };
      }
      const seat = agentOf(p.tenant_id, call);
      const lines = seat ? seats.linesOf(seat) : null;
      const line = lineOf(p.tenant_id, call);
      if (!seat || !lines || !line) {
        throw new CoreError(503, 'no_live_line', `call ${call.id} is not on a connected seat or an AI call, so it cannot be transferred from here (the agent's console must be open)`);
      }
      if (type === 'cold') {
        await lines.transfer(line.line_id, dialString);
        calls.appendEvent(p.tenant_id, call.id, 'transfer.requested', p.actor, audit);
        return { success: true, message: `Call transferred to agent ${agent_id}`, agent_id, transfer_type: type };
      }
      // As the console does it: the caller waits on hold while the agent consults the target.
      const held = line.state === 'talking';
      if (held) await lines.hold(line.line_id, true);
      let consult;
      try {
        consult = lines.dial(dialString, line.line_id, { transfer_for: call.sid, ...(reason ? { transfer_reason: reason } : {}) });
      } catch (err) {
        // No consultation call: the caller is taken off hold again rather than left waiting.
        if (held) await lines.hold(line.line_id, false).catch(() => undefined);
        throw err;
      }
      calls.appendEvent(p.tenant_id, call.id, 'transfer.requested', p.actor, { ...audit, consult_call_sid: consult.call_sid });
      return {
        success: true,
        message: `Consulting agent ${agent_id} from agent ${seat.id}'s seat; the transfer completes when agent ${seat.id} joins the two calls (attended transfer)`,
        agent_id,
        transfer_type: type,
      };
    },
  );
}
