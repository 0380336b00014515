import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_TENANT_ID } from '../../shared/domain/tenant.ts';
import { aiEndpointFromEnv } from './ai/ai-endpoint.ts';
import { AiHealthMonitor } from './ai/ai-health.ts';
import { buildApiServer } from './api/server.ts';
import { AuthService } from './auth/auth.service.ts';
import { allowedHostsFor } from './config/allowed-hosts.ts';
import { ConsoleService } from './console/console.service.ts';
import type { Core, CoreOptions } from './core.types.ts';
import { EventBus } from './events/event-bus.ts';
import { KeyFileSecretBox } from './security/key-file-secret-box.ts';
import { AgentsService } from './services/agents.service.ts';
import { ApiKeysService } from './services/api-keys.service.ts';
import { CallsService } from './services/calls.service.ts';
import { StatusService } from './status/status.service.ts';
import { Store } from './store/store.ts';

export const DATABASE_FILE = 'earshot.db';
export const SECRET_KEY_FILE = 'secret.key';

/** Starts the core both shells share: store, services, AI health and (optionally) the API server. */
export async function startCore(opts: CoreOptions): Promise<Core> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const store = Store.open(join(opts.dataDir, DATABASE_FILE));
  let ai: AiHealthMonitor | null = null;
  let app: FastifyInstance | null = null;
  try {
    const box = opts.secretBox ?? new KeyFileSecretBox(join(opts.dataDir, SECRET_KEY_FILE));
    const bus = new EventBus();
    store.tenants.ensure(DEFAULT_TENANT_ID, 'Default');
    store.consoleSessions.purgeExpired();
    const apiKeys = new ApiKeysService(store);
    if (opts.bootstrapKey && apiKeys.bootstrap(opts.bootstrapKey)) log('bootstrap admin key installed for tenant "default"');

    const monitor = new AiHealthMonitor(aiEndpointFromEnv(), () => bus.publish(null, { type: 'status.changed', status: status.forAgent(null) }));
    ai = monitor;
    const status = new StatusService(() => monitor.current);
    const auth = new AuthService(store);
    const calls = new CallsService(store, bus);
    const agents = new AgentsService(store, bus, box);
    const consoleService = new ConsoleService({ store, bus, auth, calls, status });
    monitor.start();

    let apiUrl: string | null = null;
    if (opts.api) {
      app = await buildApiServer(
        { store, bus, auth, agents, calls, apiKeys, console: consoleService, status },
        {
          allowedHosts: allowedHostsFor(opts.api.host, opts.api.allowedHosts),
          allowedOrigins: new Set(opts.api.allowedOrigins ?? []),
          rendererDir: opts.rendererDir ?? false,
          logLevel: process.env.EARSHOT_LOG_LEVEL,
        },
      );
      await app.listen({ host: opts.api.host, port: opts.api.port });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : opts.api.port;
      const host = opts.api.host.includes(':') ? `[${opts.api.host}]` : opts.api.host;
      apiUrl = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
    }

    let closing: Promise<void> | null = null;
    return {
      console: consoleService,
      apiUrl,
      close: () =>
        (closing ??= (async () => {
          monitor.stop();
          await app?.close();
          store.close();
        })()),
    };
  } catch (err) {
    ai?.stop();
    await app?.close();
    store.close();
    throw err;
  }
}
