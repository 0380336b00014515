import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApiServer } from '../../electron/core/api/server.ts';
import { composeServices } from '../../electron/core/compose.ts';
import { allowedHostsFor } from '../../electron/core/config/allowed-hosts.ts';
import type { ApiDeps } from '../../electron/core/api/api-deps.ts';
import { KeyFileSecretBox } from '../../electron/core/security/key-file-secret-box.ts';
import { Store } from '../../electron/core/store/store.ts';

export const ADMIN_KEY = 'test-admin-key-0123456789';

export interface ApiHarness {
  app: FastifyInstance;
  deps: ApiDeps;
  dir: string;
  /** Sends a request with `key` as the bearer token (the bootstrap admin key unless given). */
  req(method: InjectOptions['method'], url: string, opts?: { key?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
  close(): Promise<void>;
}

/** The real API server over a real store in a temp dir, driven with Fastify's inject (no socket). */
export async function startApiHarness(): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-api-'));
  const store = Store.open(join(dir, 'earshot.db'));
  store.tenants.ensure('default', 'Default');
  const { deps, monitor } = composeServices(store, new KeyFileSecretBox(join(dir, 'secret.key')), { baseURL: null, apiKey: null, webhookSecret: null });
  deps.apiKeys.bootstrap(ADMIN_KEY);
  const app = await buildApiServer(deps, { allowedHosts: allowedHostsFor('127.0.0.1'), allowedOrigins: new Set(), rendererDir: false });
  return {
    app,
    deps,
    dir,
    req(method, url, opts = {}) {
      const key = opts.key === undefined ? ADMIN_KEY : opts.key;
      return app.inject({
        method,
        url,
        headers: { host: '127.0.0.1:7300', ...(key ? { authorization: `Bearer ${key}` } : {}), ...opts.headers },
        ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
      });
    },
    async close() {
      monitor.stop();
      deps.queue.stop();
      await app.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
