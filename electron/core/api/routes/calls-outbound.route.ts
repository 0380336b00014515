import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { badRequest, CoreError, notFound } from '../../errors.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, Metadata } from '../schemas/common.schemas.ts';

const OutboundBody = Type.Object(
  {
    to_number: Type.String({ minLength: 1, maxLength: 300 }),
    from_number: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the extension of the seat to call from, when agent_id is absent' })),
    agent_id: Type.Optional(Type.Integer({ minimum: 1, description: 'the seat to place the call from' })),
    customer_id: Type.Optional(Type.Union([Type.Integer(), Type.String({ maxLength: 128 })])),
    metadata: Type.Optional(Metadata),
    play_ringtone: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const OutboundResponse = Type.Object({
  success: Type.Boolean(),
  sip_call_id: Type.String({ description: 'the call sid' }),
  call_id: Type.Integer(),
  participant_id: Type.String({ description: 'the line on the seat' }),
  room_name: Type.String(),
  to_number: Type.String(),
  from_number: Type.String(),
  status: Type.String(),
  message: Type.String(),
});

/**
 * Click-to-dial for integrators (seed 002's `POST /calls/outbound/create`): the chosen agent's
 * seat places the call, and the agent's console rings out and carries the audio.
 */
export async function callsOutboundRoutes(app: FastifyInstance, { store, seats, calls }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/calls/outbound/create',
    {
      config: { scope: 'write' },
      schema: { tags: ['calls'], summary: "Place a call from an agent's seat (click-to-dial)", body: OutboundBody, response: { 200: OutboundResponse, ...errors(400, 401, 403, 404, 409, 503) } },
    },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      const body = req.body;
      const agents = store.agents.list(tenant);
      const agent = body.agent_id !== undefined ? agents.find((a) => a.id === body.agent_id) : agents.find((a) => a.extension !== null && a.extension === body.from_number);
      if (!agent) {
        if (body.agent_id === undefined && body.from_number === undefined) throw badRequest('say which seat places the call: agent_id, or from_number with the agent’s extension');
        throw notFound(body.agent_id !== undefined ? `agent ${body.agent_id}` : `agent with extension ${body.from_number}`);
      }
      if (!agent.sip) throw new CoreError(409, 'no_sip_account', `agent ${agent.id} has no SIP account`);
      const lines = seats.linesOf(agent);
      const registered = seats.stateOf(agent).state === 'registered';
      if (!lines || !registered) {
        throw new CoreError(503, 'seat_not_running', `agent ${agent.id}'s softphone is not connected: the agent must have the console open (SIP: ${seats.stateOf(agent).state})`);
      }
      const metadata = { ...(body.metadata ?? {}), ...(body.customer_id !== undefined ? { customer_id: body.customer_id } : {}), placed_by: principalOf(req).actor };
      const line = lines.dial(body.to_number, null, metadata);
      const call = calls.getBySid(tenant, line.call_sid);
      const from = agent.extension ?? agent.sip.username;
      return {
        success: true,
        sip_call_id: line.call_sid,
        call_id: call.id,
        participant_id: line.line_id,
        room_name: `outbound-${body.to_number.replace(/\D/g, '')}-${line.started_at.replace(/\D/g, '').slice(0, 14)}`,
        to_number: body.to_number,
        from_number: from,
        status: 'initiating',
        message: `Outbound call initiated to ${body.to_number}`,
      };
    },
  );
}
