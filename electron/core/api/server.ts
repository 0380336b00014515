import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps.ts';
import { registerApiKeyAuth } from './plugins/api-key-auth.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerHostGuard } from './plugins/host-guard.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerLoginRateLimit, registerRateLimit } from './plugins/rate-limit.ts';
import { registerValidators } from './plugins/validators.ts';
import { registerRendererStatic } from './plugins/renderer-static.ts';
import { agentStatusRoutes } from './routes/agent-status.route.ts';
import { auditRoutes } from './routes/audit.route.ts';
import { agentsRoutes } from './routes/agents.route.ts';
import { aiCallsRoutes } from './routes/ai-calls.route.ts';
import { analyticsRoutes } from './routes/analytics.route.ts';
import { apiKeysRoutes } from './routes/api-keys.route.ts';
import { assistantsRoutes } from './routes/assistants.route.ts';
import { callsOutboundRoutes } from './routes/calls-outbound.route.ts';
import { callsRoutes } from './routes/calls.route.ts';
import { consoleRoutes } from './routes/console.route.ts';
import { eventsSocket } from './routes/events.socket.ts';
import { healthRoutes } from './routes/health.route.ts';
import { openAiWebhookRoutes } from './routes/openai-webhook.route.ts';
import { queueRoutes } from './routes/queue.route.ts';
import { tenantsRoutes } from './routes/tenants.route.ts';
import { ErrorBody } from './schemas/common.schemas.ts';
import { dencoDialect } from './dialects/denco/denco.dialect.ts';
import { phonyDialect } from './dialects/phony/phony.dialect.ts';
import { diwaarRoutes } from './dialects/diwaar/diwaar.dialect.ts';
import { csVoiceAgentRoutes, csVoiceAgentSockets } from './dialects/cs-voice-agent/cs-voice-agent.dialect.ts';

export interface ApiServerOptions {
  allowedHosts: ReadonlySet<string>;
  allowedOrigins: ReadonlySet<string>;
  rendererDir: string | false;
  logLevel?: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The local API: health, `/api/v1`, the console transport, `/docs`, and the console itself at `/`. */
export async function buildApiServer(deps: ApiDeps, opts: ApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'warn' },
    bodyLimit: MAX_BODY_BYTES,
  });
  registerValidators(app);
  app.addSchema(ErrorBody);
  registerErrorHandler(app);
  registerHostGuard(app, { allowedHosts: opts.allowedHosts, allowedOrigins: opts.allowedOrigins });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        mediaSrc: ["'self'", 'blob:', 'mediastream:'],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
    // Plain http on a LAN is normal for a hub; HSTS would lock browsers out of it.
    strictTransportSecurity: false,
  });
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: MAX_BODY_BYTES } });
  await registerOpenApi(app);

  await app.register(async (root) => healthRoutes(root, deps));
  await app.register(
    async (v1) => {
      registerApiKeyAuth(v1, deps.auth);
      await registerRateLimit(v1);
      await tenantsRoutes(v1, deps);
      await apiKeysRoutes(v1, deps);
      await agentsRoutes(v1, deps);
      await agentStatusRoutes(v1, deps);
      await auditRoutes(v1, deps);
      await queueRoutes(v1, deps);
      await analyticsRoutes(v1, deps);
      await callsOutboundRoutes(v1, deps);
      await callsRoutes(v1, deps);
      // Seeds 004 and 002 share our /api/v1 prefix: their routes join this scope.
      await diwaarRoutes(v1, deps);
      await csVoiceAgentRoutes(v1, deps);
      await aiCallsRoutes(v1, deps);
      await assistantsRoutes(v1, deps);
      await eventsSocket(v1, deps);
    },
    { prefix: '/api/v1' },
  );
  // Signed by OpenAI instead of an API key; its own scope keeps raw bodies for the signature check.
  await app.register(async (w) => openAiWebhookRoutes(w, deps));
  // Seed dialects: each seed's routes in its own shapes and auth, over the same services.
  await app.register(async (d) => dencoDialect(d, deps));
  await app.register(async (d) => phonyDialect(d, deps));
  await app.register(async (d) => csVoiceAgentSockets(d, deps));
  await app.register(async (c) => {
    await registerLoginRateLimit(c);
    await consoleRoutes(c, deps);
  });
  if (opts.rendererDir) await registerRendererStatic(app, opts.rendererDir);
  return app;
}
