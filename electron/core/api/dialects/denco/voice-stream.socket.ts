import type {} from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Call } from '../../../../../shared/domain/call.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { callSessionNotFound } from './denco-errors.ts';

/** Application close code (4000–4999): the service behind this socket is not set up here. */
export const VOICE_PIPELINE_NOT_CONFIGURED = 4503;
export const VOICE_PIPELINE_REASON = 'voice pipeline not configured: no PCM16 STT/LLM/TTS voice bot here; AI calls run over OpenAI Realtime SIP';

/**
 * `WS /ws/call/{call_id}` (seed 000): the caller's audio as binary PCM16 16 kHz in, the voice
 * AI's answer out. Earshot's AI voice agents answer over OpenAI Realtime SIP, and no PCM
 * voice-bot pipeline is configured, so after checking the credentials and the call the socket
 * is closed at once with 4503 and a reason that says so — never silence dressed up as an answer.
 * The refusal is written to the call's timeline.
 */
export async function voiceStreamSocket(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const callOf = new WeakMap<FastifyRequest, Call>();
  app.get(
    '/ws/call/:call_id',
    {
      websocket: true,
      schema: {
        tags: ['seed 000 (DENCO)'],
        summary: `Voice stream of a call (WebSocket); closes with ${VOICE_PIPELINE_NOT_CONFIGURED} while no voice pipeline is configured`,
        params: Type.Object({ call_id: Type.String({ minLength: 1, maxLength: 128 }) }),
      },
      preHandler: async (req: FastifyRequest) => {
        const { call_id } = req.params as { call_id: string };
        const call = deps.store.calls.getBySid(principalOf(req).tenant_id, call_id);
        if (!call) throw callSessionNotFound();
        callOf.set(req, call);
      },
    },
    (socket, req) => {
      const call = callOf.get(req)!;
      deps.calls.appendEvent(call.tenant_id, call.id, 'denco.voice_stream.refused', principalOf(req).actor, { close_code: VOICE_PIPELINE_NOT_CONFIGURED, reason: VOICE_PIPELINE_REASON });
      socket.close(VOICE_PIPELINE_NOT_CONFIGURED, VOICE_PIPELINE_REASON);
    },
  );
}
