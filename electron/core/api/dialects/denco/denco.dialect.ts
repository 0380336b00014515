import type { FastifyInstance } from 'fastify';
import { FaxService } from '../../../fax/fax.service.ts';
import { TesseractOcr } from '../../../fax/tesseract.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { registerApiKeyAuth } from '../../plugins/api-key-auth.ts';
import { registerRateLimit } from '../../plugins/rate-limit.ts';
import { faxDocumentsRoutes } from '../../routes/fax-documents.route.ts';
import { registerBearerAuth, type Credential } from '../bearer-auth.ts';
import { dencoBackendRoutes } from './backend-calls.route.ts';
import { backendTokenCredential, tenantIdCredential } from './denco-credentials.ts';
import { registerDencoErrors } from './denco-errors.ts';
import { DencoSettings, envBackendToken } from './denco-settings.ts';
import { dencoSettingsRoutes } from './denco-settings.route.ts';
import { faxWebhookRoutes } from './fax-webhooks.route.ts';
import { dencoFrontendRoutes } from './frontend-calls.route.ts';
import { voiceStreamSocket } from './voice-stream.socket.ts';

/**
 * Seed 000 (DENCO): its backend routes (the PBX layer, with our API keys or its backend token),
 * its frontend routes (our API keys, or the tenant id as bearer where a tenant allows it), the
 * voice stream socket and the fax webhooks — each scope with the seed's `{"detail": …}` errors —
 * plus the tenant's DENCO settings and received faxes under `/api/v1`.
 */
export async function dencoDialect(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const settings = new DencoSettings(deps.store, envBackendToken());
  const fax = new FaxService({ store: deps.store, ocr: TesseractOcr.fromEnv(), log: (line) => app.log.warn(line) });
  app.addHook('onReady', async () => fax.start());
  app.addHook('onClose', async () => fax.stop());

  const apiKey: Credential = (token) => deps.auth.authenticateApiKey(token);
  const backendToken = backendTokenCredential(settings);
  const tenantId = tenantIdCredential(deps.store, settings);
  const expected = 'Bearer <API key or DENCO backend token>';

  await app.register(async (backend) => {
    registerDencoErrors(backend);
    registerBearerAuth(backend, { credentials: [apiKey, backendToken], expected });
    await registerRateLimit(backend);
    await dencoBackendRoutes(backend, deps, settings);
  });
  await app.register(async (frontend) => {
    registerDencoErrors(frontend);
    registerBearerAuth(frontend, { credentials: [apiKey, tenantId], expected: 'Bearer <API key>' });
    await registerRateLimit(frontend);
    await dencoFrontendRoutes(frontend, deps);
  });
  await app.register(async (stream) => {
    registerDencoErrors(stream);
    registerBearerAuth(stream, { credentials: [apiKey, backendToken, tenantId], expected });
    await registerRateLimit(stream);
    await voiceStreamSocket(stream, deps);
  });
  await app.register(async (faxHooks) => {
    registerDencoErrors(faxHooks);
    registerBearerAuth(faxHooks, { credentials: [apiKey, backendToken], expected });
    await registerRateLimit(faxHooks);
    await faxWebhookRoutes(faxHooks, fax);
  });
  await app.register(
    async (v1) => {
      registerApiKeyAuth(v1, deps.auth);
      await registerRateLimit(v1);
      await dencoSettingsRoutes(v1, settings);
      await faxDocumentsRoutes(v1, deps.store, fax);
    },
    { prefix: '/api/v1' },
  );
}
