import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiDeps } from '../../api-deps.ts';
import { registerApiKeyAuth } from '../../plugins/api-key-auth.ts';
import { registerRateLimit } from '../../plugins/rate-limit.ts';
import { registerBearerAuth, type Credential } from '../bearer-auth.ts';
import { phonyAgentsRoutes } from './agents.route.ts';
import { phonyEventsSocket } from './events.socket.ts';
import { phonyOverrideRoutes } from './overrides.route.ts';
import { registerPhonyErrors } from './phony-errors.ts';
import { PhonySettings, phonyEnv } from './phony-settings.ts';
import { phonySettingsRoutes } from './phony-settings.route.ts';
import { twilioWebhookRoutes } from './twilio-webhooks.route.ts';

/** A browser cannot set Authorization on a WebSocket; the events socket also takes `?api_key=`. */
const queryKey = (req: FastifyRequest): string | null => {
  const key = (req.query as { api_key?: unknown } | undefined)?.api_key;
  return typeof key === 'string' && key ? key : null;
};

/**
 * Seed 003 (Phony): `/agents/` (our assistants) and the supervisor overrides with our API keys,
 * the events socket, and the Twilio webhooks authenticated by their signature — all with the
 * seed's `{"error": {code, message, details}}` errors — plus its settings under `/api/v1`.
 * (`/healthz` is served by the health routes.)
 */
export async function phonyDialect(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const settings = new PhonySettings(deps.store, deps.box, phonyEnv());
  const apiKey: Credential = (token) => deps.auth.authenticateApiKey(token);

  await app.register(async (api) => {
    registerPhonyErrors(api);
    registerBearerAuth(api, { credentials: [apiKey], expected: 'Bearer <API key>' });
    await registerRateLimit(api);
    await phonyAgentsRoutes(api, deps);
    await phonyOverrideRoutes(api, deps);
  });
  await app.register(async (events) => {
    registerPhonyErrors(events);
    registerBearerAuth(events, { credentials: [apiKey], fallbackToken: queryKey, expected: 'Bearer <API key> (or ?api_key= from a browser)' });
    await registerRateLimit(events);
    await phonyEventsSocket(events, deps);
  });
  await app.register(async (twilio) => {
    registerPhonyErrors(twilio);
    await twilioWebhookRoutes(twilio, settings);
  });
  await app.register(
    async (v1) => {
      registerApiKeyAuth(v1, deps.auth);
      await registerRateLimit(v1);
      await phonySettingsRoutes(v1, settings);
    },
    { prefix: '/api/v1' },
  );
}
