import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { findCall } from './call-link.ts';
import { PhonyEventStream, type PhonyEvent } from './phony-events.ts';

const Query = Type.Object(
  { callSid: Type.String({ minLength: 1, maxLength: 128 }), api_key: Type.Optional(Type.String({ maxLength: 512, description: 'for browsers, which cannot set Authorization on a WebSocket' })) },
  { additionalProperties: false },
);

/**
 * `WS /events/ws?callSid=` (seed 003): one call's events as JSON messages. A client that joins
 * a call already under way gets its `call.started` first; the socket closes (1000) after
 * `call.ended`. Only the tenant's own calls are visible.
 */
export async function phonyEventsSocket(app: FastifyInstance, { bus, store }: ApiDeps): Promise<void> {
  app.get(
    '/events/ws',
    { websocket: true, schema: { tags: ['seed 003 (Phony)'], summary: "A call's events (WebSocket of JSON messages)", querystring: Query } },
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
