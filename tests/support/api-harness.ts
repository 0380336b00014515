import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { EventEnvelope } from '../../shared/contracts/domain-events.ts';
import { buildApiServer } from '../../electron/core/api/server.ts';
import { composeServices } from '../../electron/core/compose.ts';
import { allowedHostsFor } from '../../electron/core/config/allowed-hosts.ts';
import type { ApiDeps } from '../../electron/core/api/api-deps.ts';
import type { ConsoleConnection } from '../../electron/core/core.types.ts';
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

/** A console signed in over the real console service, the way a browser signs in (no socket). */
export interface HarnessConsole {
  conn: ConsoleConnection;
  agentId: number;
  events: EventEnvelope[];
  call(method: string, arg?: unknown): Promise<Record<string, unknown>>;
  close(): void;
}

/** Signs `username` (password `<username>-pw-1`) in to the console service and follows its events. */
export async function signInConsole(h: ApiHarness, username: string, agentId: number): Promise<HarnessConsole> {
  const conn: ConsoleConnection = { sessionToken: null };
  const svc = h.deps.console;
  await svc.invoke('login', { username, password: `${username}-pw-1` }, conn);
  const events: EventEnvelope[] = [];
  const close = svc.subscribe(conn, (env) => events.push(env));
  // Let the sign-in's own events (presence, status) land before the test acts.
  await new Promise((r) => setTimeout(r, 20));
  return { conn, agentId, events, call: (method, arg) => svc.invoke(method as never, (arg ?? null) as never, conn) as Promise<Record<string, unknown>>, close };
}

/** Creates an agent with a console login (`<username>-pw-1`) through the API; returns its id. */
export async function createConsoleAgent(h: ApiHarness, name: string, username: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await h.req('POST', '/api/v1/agents', { body: { name, login: { username, password: `${username}-pw-1` }, ...extra } });
  if (res.statusCode !== 201) throw new Error(`creating agent ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}
