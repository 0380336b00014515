import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_TENANT_ID } from '../../shared/domain/tenant.ts';
import type { AiHealthMonitor } from './ai/ai-health.ts';
import { buildApiServer } from './api/server.ts';
import { composeServices } from './compose.ts';
import { allowedHostsFor } from './config/allowed-hosts.ts';
import type { Core, CoreOptions } from './core.types.ts';
import { KeyFileSecretBox } from './security/key-file-secret-box.ts';
import { Store } from './store/store.ts';
import type { LiveTranscription } from './transcription/live-transcription.ts';

export const DATABASE_FILE = 'earshot.db';
export const SECRET_KEY_FILE = 'secret.key';

/** Starts the core both shells share: store, services, AI health and (optionally) the API server. */
export async function startCore(opts: CoreOptions): Promise<Core> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const store = Store.open(join(opts.dataDir, DATABASE_FILE));
  let ai: AiHealthMonitor | null = null;
  let app: FastifyInstance | null = null;
  let transcripts: LiveTranscription | null = null;
  try {
    const box = opts.secretBox ?? new KeyFileSecretBox(join(opts.dataDir, SECRET_KEY_FILE));
    store.tenants.ensure(DEFAULT_TENANT_ID, 'Default');
    store.consoleSessions.purgeExpired();
    const sipCa = opts.sipCaFile ? readFileSync(opts.sipCaFile, 'utf8') : undefined;
    const { deps, monitor, seats, transcription } = composeServices(store, box, undefined, log, opts.rtpAddress, sipCa, opts.dataDir);
    ai = monitor;
    // Segments a crash or stop left in the spool are queued before any console can add more.
    transcripts = transcription;
    await transcription.start();
    if (opts.bootstrapKey && deps.apiKeys.bootstrap(opts.bootstrapKey)) log('bootstrap admin key installed for tenant "default"');
    monitor.start();
    for (const tenant of store.tenants.list()) for (const agent of store.agents.list(tenant.id)) seats.syncHeadless(agent);

    let apiUrl: string | null = null;
    if (opts.api) {
      app = await buildApiServer(
        deps,
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

    // AI calls that were live when the hub stopped: follow them again (or close them if they ended meanwhile).
    deps.aiCalls.start();
    // The queue as it was: offers made before the stop are void, signed-in agents get a grace period to come back.
    deps.queue.start();
    let closing: Promise<void> | null = null;
    return {
      console: deps.console,
      apiUrl,
      close: () =>
        (closing ??= (async () => {
          monitor.stop();
          await app?.close();
          deps.aiCalls.stop();
          // Before the seats go: their calls ending on shutdown are not agents finishing calls.
          deps.queue.stop();
          await seats.stopAll();
          await transcription.stop();
          store.close();
        })()),
    };
  } catch (err) {
    ai?.stop();
    await app?.close();
    await transcripts?.stop();
    store.close();
    throw err;
  }
}
