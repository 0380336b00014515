import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiDeps } from '../api-deps.ts';
import { errors } from '../schemas/common.schemas.ts';

/** Webhook events are small; the signature is checked over these exact bytes. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

const Answer = Type.Object({
  ok: Type.Boolean(),
  outcome: Type.String({ description: 'accepted | rejected (SIP 404: no assistant, 486: AI call limit) | failed (accept failed) | duplicate (replayed webhook id or call id) | ignored (other event types)' }),
  call_id: Type.Optional(Type.Integer({ description: 'our call record' })),
});

const DESCRIPTION = [
  "OpenAI's `realtime.call.incoming` (seed 001). No API key: the Standard Webhooks signature",
  '(`webhook-id`, `webhook-timestamp`, `webhook-signature`) is the authentication, checked with the',
  "`openai` SDK against each tenant's webhook secret (`OPENAI_WEBHOOK_SECRET` is tenant `default`'s);",
  'the tenant whose secret verifies it gets the call. 400 for a bad signature or a timestamp more than',
  '300 s off; a webhook id seen before is answered 200 `duplicate` without acting. The public host name',
  'OpenAI posts to must be allowed with --allowed-host.',
].join(' ');

/**
 * `POST /webhooks/openai` and `POST /` (seed 001 posts to `/`), outside API-key auth. This scope
 * keeps bodies as the raw string (the signature covers the bytes as sent), so JSON parsing of
 * every other route is unchanged.
 */
export async function openAiWebhookRoutes(app: FastifyInstance, { aiCalls }: ApiDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
  for (const url of ['/webhooks/openai', '/']) {
    app.post(
      url,
      {
        bodyLimit: WEBHOOK_BODY_LIMIT,
        schema: { tags: ['webhooks'], summary: 'OpenAI webhook receiver (Realtime SIP calls)', description: DESCRIPTION, response: { 200: Answer, ...errors(400, 413, 503) } },
      },
      async (req) =>
        aiCalls.receiveWebhook(typeof req.body === 'string' ? req.body : '', {
          headers: req.headers,
          query: (req.query ?? {}) as Record<string, unknown>,
        }),
    );
  }
}
