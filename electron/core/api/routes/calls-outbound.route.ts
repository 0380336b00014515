import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { dialFromSeat, roomName } from '../seat-dialer.ts';
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

/** Seed 002: outbound calls, 30 a minute per key. */
export const OUTBOUND_RATE = { name: 'outbound call', per_minute: 30 };

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
export async function callsOutboundRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/calls/outbound/create',
    {
      config: { scope: 'write', rateClass: OUTBOUND_RATE },
      schema: { tags: ['calls'], summary: "Place a call from an agent's seat (click-to-dial)", body: OutboundBody, response: { 200: OutboundResponse, ...errors(400, 401, 403, 404, 409, 503) } },
    },
    async (req) => {
      const p = principalOf(req);
      const body = req.body;
      const metadata = { ...(body.metadata ?? {}), ...(body.customer_id !== undefined ? { customer_id: body.customer_id } : {}), placed_by: p.actor };
      const placed = dialFromSeat(deps, p.tenant_id, { to_number: body.to_number, from_number: body.from_number, agent_id: body.agent_id, metadata });
      return {
        success: true,
        sip_call_id: placed.call_sid,
        call_id: placed.call_id,
        participant_id: placed.line_id,
        room_name: roomName('outbound', body.to_number, placed.started_at),
        to_number: body.to_number,
        from_number: placed.from_number,
        status: 'initiating',
        message: `Outbound call initiated to ${body.to_number}`,
      };
    },
  );
}
