import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from 'typebox';
import { badRequest, CoreError } from '../../../errors.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { chargeRateClass } from '../../plugins/rate-limit.ts';
import { OUTBOUND_RATE } from '../../routes/calls-outbound.route.ts';
import { errors, Metadata } from '../../schemas/common.schemas.ts';
import { dialFromSeat } from '../../seat-dialer.ts';

const TAGS = ['seed 002 (Customer Service Voice Agent)'];
const Number_ = Type.String({ minLength: 1, maxLength: 300 });
const Seat = {
  from_number: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the extension of the seat to call from, when agent_id is absent' })),
  agent_id: Type.Optional(Type.Integer({ minimum: 1, description: 'the seat to place the call from' })),
};

const CallbackBody = Type.Object(
  { customer_phone: Number_, customer_id: Type.Optional(Type.Union([Type.Integer(), Type.String({ maxLength: 128 })])), reason: Type.Optional(Type.String({ maxLength: 1000 })), metadata: Type.Optional(Metadata), ...Seat },
  { additionalProperties: false },
);
const Placed = Type.Object({
  success: Type.Boolean(),
  sip_call_id: Type.String(),
  call_id: Type.Integer(),
  participant_id: Type.String(),
  room_name: Type.String(),
  to_number: Type.String(),
  from_number: Type.String(),
  status: Type.String(),
  message: Type.String(),
});

/** At most this long between the first and the last call of a batch, so the answer comes within a request's time. */
const MAX_BATCH_SPAN_S = 120;
const BatchBody = Type.Object(
  {
    calls: Type.Array(Type.Object({ to_number: Number_, metadata: Type.Optional(Metadata), agent_id: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
    trunk_id: Type.Optional(Type.String({ maxLength: 64 })),
    delay_seconds: Type.Optional(Type.Number({ minimum: 0, maximum: 60 })),
    ...Seat,
  },
  { additionalProperties: false },
);
const BatchResult = Type.Object({
  success: Type.Boolean(),
  index: Type.Integer({ description: 'the call’s place in the request, from 1' }),
  call_info: Type.Optional(Type.Object({ sip_call_id: Type.String(), call_id: Type.Integer(), to_number: Type.String() })),
  error: Type.Optional(Type.String()),
});

/** Seed 002: batch requests 10 a minute per key. */
const BATCH_RATE = { name: 'batch', per_minute: 10 };

/**
 * Seed 002's callback and batch calls, placed from an agent's seat like `outbound/create`; a
 * batch dials its calls `delay_seconds` apart and reports each by its index, and each of its
 * calls counts against the outbound-call limit (30 a minute).
 */
export async function csOutboundRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/calls/outbound/callback',
    { config: { scope: 'write', rateClass: OUTBOUND_RATE }, schema: { tags: TAGS, summary: 'Call a customer back from a seat', body: CallbackBody, response: { 200: Placed, ...errors(400, 401, 403, 404, 409, 429, 503) } } },
    async (req) => {
      const p = principalOf(req);
      const b = req.body;
      // Kept on the call, so the active-call lists name the same room as this answer.
      const room = `callback-${b.customer_phone.replace(/\D/g, '')}-${Math.floor(Date.now() / 1000)}`;
      const metadata = {
        ...(b.metadata ?? {}),
        ...(b.customer_id !== undefined ? { customer_id: b.customer_id } : {}),
        ...(b.reason ? { callback_reason: b.reason } : {}),
        callback: true,
        room_name: room,
        placed_by: p.actor,
      };
      const placed = dialFromSeat(deps, p.tenant_id, { to_number: b.customer_phone, from_number: b.from_number, agent_id: b.agent_id, metadata });
      return {
        success: true,
        sip_call_id: placed.call_sid,
        call_id: placed.call_id,
        participant_id: placed.line_id,
        room_name: room,
        to_number: b.customer_phone,
        from_number: placed.from_number,
        status: 'initiating',
        message: `Callback initiated to ${b.customer_phone}`,
      };
    },
  );

  r.post(
    '/calls/outbound/batch',
    {
      config: { scope: 'write', rateClass: BATCH_RATE },
      schema: {
        tags: TAGS,
        summary: 'Place several calls from a seat, delay_seconds apart',
        body: BatchBody,
        response: { 200: Type.Object({ total: Type.Integer(), successful: Type.Integer(), failed: Type.Integer(), results: Type.Array(BatchResult) }), ...errors(400, 401, 403, 429) },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const b = req.body;
      const delay = b.delay_seconds ?? 0;
      if (delay * (b.calls.length - 1) > MAX_BATCH_SPAN_S) throw badRequest(`a batch may span at most ${MAX_BATCH_SPAN_S} s (calls × delay_seconds); split it`);
      const results = [];
      for (const [i, c] of b.calls.entries()) {
        if (i > 0 && delay > 0) await sleep(delay * 1000);
        const index = i + 1;
        try {
          const over = chargeRateClass(p, OUTBOUND_RATE);
          if (over) throw over;
          const metadata = { ...(c.metadata ?? {}), ...(b.trunk_id ? { trunk_id: b.trunk_id } : {}), batch_index: index, placed_by: p.actor };
          const placed = dialFromSeat(deps, p.tenant_id, { to_number: c.to_number, from_number: b.from_number, agent_id: c.agent_id ?? b.agent_id, metadata });
          results.push({ success: true, index, call_info: { sip_call_id: placed.call_sid, call_id: placed.call_id, to_number: c.to_number } });
        } catch (err) {
          if (!(err instanceof CoreError)) throw err;
          results.push({ success: false, index, error: err.message });
        }
      }
      const successful = results.filter((x) => x.success).length;
      return { total: results.length, successful, failed: results.length - successful, results };
    },
  );
}

