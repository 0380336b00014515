import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiDeps } from '../../api-deps.ts';
import { registerRateLimit } from '../../plugins/rate-limit.ts';
import { registerBearerAuth, type Credential } from '../bearer-auth.ts';
import { csCallsRoutes } from './calls.route.ts';
import { registerCsErrors } from './cs-errors.ts';
import { csOutboundRoutes } from './outbound.route.ts';
import { csSipRoutingRoutes } from './sip-routing.route.ts';
import { csSockets } from './sockets.ts';

const queryKey = (req: FastifyRequest): string | null => {
  const key = (req.query as { api_key?: unknown } | undefined)?.api_key;
  return typeof key === 'string' && key ? key : null;
};

/**
 * Seed 002 (Customer Service Voice Agent): its `/api/v1` routes, registered inside our `/api/v1`
 * scope (our keys, our errors with its `detail`), except queue, agents and analytics, which are
 * native routes already.
 */
export async function csVoiceAgentRoutes(v1: FastifyInstance, deps: ApiDeps): Promise<void> {
  await csCallsRoutes(v1, deps);
  await csOutboundRoutes(v1, deps);
  await csSipRoutingRoutes(v1, deps);
}

/** Seed 002's sockets at the root, with our API keys (header, or `?api_key=` from a browser) and its `{"detail"}` errors. */
export async function csVoiceAgentSockets(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const apiKey: Credential = (token) => deps.auth.authenticateApiKey(token);
  registerCsErrors(app);
  registerBearerAuth(app, { credentials: [apiKey], fallbackToken: queryKey, expected: 'Bearer <API key> (or ?api_key= from a browser)' });
  await registerRateLimit(app);
  await csSockets(app, deps);
}
