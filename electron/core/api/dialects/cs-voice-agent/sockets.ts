import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CoreError } from '../../../errors.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { CsCallEvents, CsTranscriptEvents } from './cs-events.ts';

const TAGS = ['seed 002 (Customer Service Voice Agent)'];
const KeyQuery = Type.Object({ api_key: Type.Optional(Type.String({ maxLength: 512, description: 'for browsers, which cannot set Authorization on a WebSocket' })) }, { additionalProperties: false });
const SessionId = Type.Object({ session_id: Type.Integer({ minimum: 1 }) });

/**
 * Seed 002's sockets: `WS /ws/calls` (the tenant's calls starting, changing and ending) and
 * `WS /ws/transcripts/{session_id}` (one call's transcript as it is written; closed with 1000
 * once the call has ended). An unknown session is refused with 404 before the upgrade.
 */
export async function csSockets(app: FastifyInstance, { bus, store }: ApiDeps): Promise<void> {
  app.get('/ws/calls', { websocket: true, schema: { tags: TAGS, summary: 'Call updates (WebSocket of JSON messages)', querystring: KeyQuery } }, (socket, req) => {
    const tenant = principalOf(req).tenant_id;
    const calls = new CsCallEvents();
    const off = bus.subscribe((env) => {
      if (env.tenant_id !== tenant) return;
      for (const m of calls.map(env)) socket.send(JSON.stringify(m));
    });
    socket.on('close', off);
  });

  app.get(
    '/ws/transcripts/:session_id',
    {
      websocket: true,
      schema: { tags: TAGS, summary: "A session's transcript as it is written (WebSocket of JSON messages)", params: SessionId, querystring: KeyQuery },
      preHandler: async (req) => {
        const { session_id } = req.params as { session_id: number };
        if (!store.calls.get(principalOf(req).tenant_id, session_id)) throw new CoreError(404, 'not_found', 'Call session not found');
      },
    },
    (socket, req) => {
      const tenant = principalOf(req).tenant_id;
      const call = store.calls.get(tenant, (req.params as { session_id: number }).session_id);
      if (!call) return socket.close(1008, 'Call session not found');
      const transcript = new CsTranscriptEvents(call);
      if (transcript.ended) return socket.close(1000, 'call ended');
      const off = bus.subscribe((env) => {
        if (env.tenant_id !== tenant) return;
        for (const m of transcript.map(env)) socket.send(JSON.stringify(m));
        if (transcript.ended) {
          off();
          socket.close(1000, 'call ended');
        }
      });
      socket.on('close', off);
    },
  );
}
