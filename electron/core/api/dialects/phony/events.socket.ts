import type {} from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { findCall } from './call-link.ts';
import { PhonyError } from './phony-errors.ts';
import { PhonyEventStream, type PhonyEvent } from './phony-events.ts';

const Query = Type.Object(
  { callSid: Type.String({ minLength: 1, maxLength: 128 }), api_key: Type.Optional(Type.String({ maxLength: 512, description: 'for browsers, which cannot set Authorization on a WebSocket' })) },
  { additionalProperties: false },
);

/** Seed 003's rate limits: "WebSocket Connections: 50 concurrent per API key". */
export const PHONY_SOCKETS_PER_KEY = 50;

/**
 * Open `/events/ws` sockets per credential. A slot is taken before the upgrade (so two upgrades
 * racing for the last one cannot both get it) and given back once: when the connection closes,
 * or when the request is answered without an upgrade (a later check refused it).
 */
class SocketSlots {
  private readonly open = new Map<string, number>();

  take(req: FastifyRequest, reply: FastifyReply): void {
    const actor = principalOf(req).actor;
    const count = this.open.get(actor) ?? 0;
    if (count >= PHONY_SOCKETS_PER_KEY) {
      throw new PhonyError(429, 'RATE_LIMITED', `this API key already has ${PHONY_SOCKETS_PER_KEY} event sockets open (the limit is ${PHONY_SOCKETS_PER_KEY} concurrent); close one first`, {
        limit: PHONY_SOCKETS_PER_KEY,
        open: count,
      });
    }
    this.open.set(actor, count + 1);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      const left = (this.open.get(actor) ?? 1) - 1;
      if (left > 0) this.open.set(actor, left);
      else this.open.delete(actor);
    };
    req.raw.socket.once('close', release);
    reply.raw.once('finish', release);
  }
}

/**
 * `WS /events/ws?callSid=` (seed 003): one call's events as JSON messages. A client that joins
 * a call already under way gets its `call.started` first; the socket closes (1000) after
 * `call.ended`. Only the tenant's own calls are visible. The 51st socket of one API key is
 * refused before the upgrade with 429 RATE_LIMITED in the Phony error format.
 */
export async function phonyEventsSocket(app: FastifyInstance, { bus, store }: ApiDeps): Promise<void> {
  const slots = new SocketSlots();
  app.get(
    '/events/ws',
    {
      websocket: true,
      schema: { tags: ['seed 003 (Phony)'], summary: "A call's events (WebSocket of JSON messages)", querystring: Query },
      preHandler: async (req, reply) => slots.take(req, reply),
    },
    (socket, req) => {
      const tenant = principalOf(req).tenant_id;
      const stream = new PhonyEventStream((req.query as { callSid: string }).callSid);
      const send = (events: PhonyEvent[]) => {
        for (const e of events) socket.send(JSON.stringify(e));
        if (stream.ended) {
          off();
          socket.close(1000, 'call ended');
        }
      };
      const off = bus.subscribe((env) => {
        if (env.tenant_id === tenant) send(stream.map(env));
      });
      socket.on('close', off);
      const existing = findCall(store, tenant, stream.callSid);
      if (existing) send(stream.snapshot(existing));
    },
  );
}
