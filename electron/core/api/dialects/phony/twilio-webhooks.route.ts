import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_TENANT_ID } from '../../../../../shared/domain/tenant.ts';
import { registerRateClasses, type RateClass } from '../../plugins/rate-limit.ts';
import { PhonyError, PhonyErrorBody } from './phony-errors.ts';
import type { PhonySettings, TwilioSigner } from './phony-settings.ts';
import { dialSipTwiml } from './twiml.ts';
import { verifyTwilioSignature } from './twilio-signature.ts';

/** Twilio's call webhooks are a few hundred bytes of form fields. */
const TWILIO_BODY_LIMIT = 64 * 1024;
/** Seed 003's "Webhook Endpoints" limit, per sending address (a webhook carries no API key). */
const WEBHOOK_RATE: RateClass = { name: 'webhook', per_minute: 1000 };
const CALL_SID = /^[A-Za-z0-9]{2,64}$/;

/** The URLs Twilio may have signed for this request: the configured public origin, else this Host over https or http. */
function signedUrls(signer: TwilioSigner, req: FastifyRequest): string[] {
  if (signer.public_base_url) return [`${signer.public_base_url}${req.url}`];
  const host = req.headers.host ?? '';
  return [`https://${host}${req.url}`, `http://${host}${req.url}`];
}

/**
 * The tenant whose Twilio auth token signed the request. Every configured token is tried
 * (a webhook carries no tenant); none configured is a 503 naming what is missing, a missing or
 * wrong signature a 403. Only EARSHOT_TWILIO_SIGNATURE=off (development) skips the check.
 */
function signingTenant(settings: PhonySettings, req: FastifyRequest, params: URLSearchParams): string {
  if (settings.env.signatureCheckOff) return DEFAULT_TENANT_ID;
  const signers = settings.signers();
  if (signers.length === 0) {
    throw new PhonyError(503, 'NOT_CONFIGURED', 'X-Twilio-Signature cannot be checked: no Twilio auth token is configured (TWILIO_AUTH_TOKEN, or twilio_auth_token in PATCH /api/v1/dialects/phony/settings)');
  }
  const header = req.headers['x-twilio-signature'];
  const signature = Array.isArray(header) ? header[0] : header;
  if (!signature) throw new PhonyError(403, 'INVALID_SIGNATURE', 'X-Twilio-Signature is missing');
  const matching = signers.filter((s) => signedUrls(s, req).some((url) => verifyTwilioSignature(s.auth_token, signature, url, params)));
  if (matching.length === 0) throw new PhonyError(403, 'INVALID_SIGNATURE', 'X-Twilio-Signature does not match this request (check the auth token and public_base_url)');
  return matching[0]!.tenant_id;
}

/**
 * Seed 003's Twilio voice webhooks. Both answer TwiML that bridges the Twilio call to the
 * tenant's `sip_target` — its AI voice agents' SIP address (OpenAI Realtime SIP, whose call then
 * arrives through the seed 001 webhook and is answered by the assistant) — carrying the CallSid
 * in `X-Earshot-Call-Sid`, so `/override/*` and `/events/ws` find the AI call by Twilio's CallSid.
 */
export async function twilioWebhookRoutes(app: FastifyInstance, settings: PhonySettings): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: TWILIO_BODY_LIMIT }, (_req, body, done) =>
    done(null, new URLSearchParams(body as string)),
  );
  registerRateClasses(app);

  const routes = [
    { url: '/receive_call', direction: 'inbound', summary: 'Twilio: an inbound call (answers TwiML)' },
    { url: '/start_call', direction: 'outbound', summary: 'Twilio: an outbound call was answered (answers TwiML)' },
  ] as const;
  for (const route of routes) {
    app.post(
      route.url,
      {
        bodyLimit: TWILIO_BODY_LIMIT,
        config: { rateClass: WEBHOOK_RATE },
        schema: {
          tags: ['seed 003 (Phony)'],
          summary: route.summary,
          description: 'application/x-www-form-urlencoded with X-Twilio-Signature; answers text/xml TwiML (<Dial><Sip>).',
          consumes: ['application/x-www-form-urlencoded'],
          produces: ['text/xml'],
          security: [],
          response: Object.fromEntries([403, 415, 422, 429, 503].map((c) => [c, PhonyErrorBody])),
        },
      },
      async (req, reply) => {
        const params = req.body;
        if (!(params instanceof URLSearchParams)) throw new PhonyError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Twilio webhooks are application/x-www-form-urlencoded');
        const tenant = signingTenant(settings, req, params);
        const callSid = params.get('CallSid') ?? '';
        if (!CALL_SID.test(callSid)) throw new PhonyError(422, 'VALIDATION_ERROR', 'CallSid is missing or malformed', { field: 'CallSid', value: callSid });
        const target = settings.sipTarget(tenant);
        if (!target) {
          throw new PhonyError(503, 'NOT_CONFIGURED', `no sip_target for tenant ${tenant}: set the SIP address of its AI voice agents (PATCH /api/v1/dialects/phony/settings)`);
        }
        const ours = route.direction === 'inbound' ? params.get('To') : params.get('From');
        req.log.info({ tenant, callSid, direction: route.direction }, 'Twilio call bridged to the AI voice agents');
        return reply
          .type('text/xml; charset=utf-8')
          .send(dialSipTwiml(target, { 'X-Earshot-Call-Sid': callSid, ...(ours ? { 'X-Earshot-Number': ours } : {}) }));
      },
    );
  }
}
