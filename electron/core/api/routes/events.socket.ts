import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { EventSocketHello } from '../../../../shared/contracts/domain-events.ts';
import { envelopeJson } from '../../events/envelope-json.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';

/** `GET /api/v1/events` (WebSocket): the tenant's domain events for integrators, API-key auth. */
export async function eventsSocket(app: FastifyInstance, { bus, status }: ApiDeps): Promise<void> {
  app.get('/events', { websocket: true, schema: { tags: ['events'], summary: 'WebSocket of domain events (EventEnvelope JSON messages)' } }, (socket, req) => {
    const tenant = principalOf(req).tenant_id;
    const hello: EventSocketHello = { type: 'hello', seq: bus.lastSeq, status: status.forAgent(null) };
    socket.send(JSON.stringify(hello));
    const off = bus.subscribe((env) => {
      if (env.tenant_id === null || env.tenant_id === tenant) socket.send(envelopeJson(env));
    });
    socket.on('close', off);
  });
}
