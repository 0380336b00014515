import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { aiEndpointFromEnv } from '../ai/ai-endpoint.ts';
import { AiHealthMonitor } from '../ai/ai-health.ts';
import { DATABASE_FILE } from '../core.ts';
import { Store } from '../store/store.ts';

export interface Check {
  name: string;
  ok: boolean;
  /** A warning does not fail the doctor: AI being away is a normal state for an offline office. */
  warn?: boolean;
  detail: string;
}

const TIMEOUT_MS = 3000;

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** Opens a SIP-over-WebSocket connection (subprotocol `sip`), as a seat would. */
export function sipReachable(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'sip', { handshakeTimeout: TIMEOUT_MS, rejectUnauthorized: true });
    ws.once('open', () => {
      ws.close();
      resolve(null);
    });
    ws.once('error', (err) => resolve(err.message));
  });
}

export async function runDoctor(o: { dataDir: string; host: string; port: number }): Promise<Check[]> {
  const checks: Check[] = [];
  try {
    mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
    accessSync(o.dataDir, constants.W_OK);
    checks.push({ name: 'data dir', ok: true, detail: `${o.dataDir} is writable` });
  } catch (err) {
    checks.push({ name: 'data dir', ok: false, detail: `${o.dataDir}: ${(err as Error).message}` });
    return checks;
  }

  let store: Store | null = null;
  try {
    store = Store.open(join(o.dataDir, DATABASE_FILE));
    const h = store.health();
    checks.push({ name: 'database', ok: h.ok, detail: `schema v${h.schemaVersion}, integrity ${h.integrity}` });
  } catch (err) {
    checks.push({ name: 'database', ok: false, detail: (err as Error).message });
  }

  const free = await portFree(o.host, o.port);
  checks.push({ name: 'port', ok: true, warn: !free, detail: free ? `${o.host}:${o.port} is free` : `${o.host}:${o.port} is in use (a hub already running?)` });

  const urls = new Set<string>();
  if (store) for (const t of store.tenants.list()) for (const a of store.agents.list(t.id)) if (a.sip) urls.add(a.sip.ws_url);
  store?.close();
  if (urls.size === 0) checks.push({ name: 'sip', ok: true, warn: true, detail: 'no agent has a SIP account yet' });
  for (const url of urls) {
    const error = await sipReachable(url);
    checks.push({ name: 'sip', ok: error === null, detail: error === null ? `${url} accepts SIP over WebSocket` : `${url}: ${error}` });
  }

  const monitor = new AiHealthMonitor(aiEndpointFromEnv(), () => {});
  const ai = monitor.current.state === 'unconfigured' ? monitor.current : await monitor.probe();
  monitor.stop();
  checks.push({
    name: 'ai',
    ok: true,
    warn: ai.state !== 'reachable',
    detail: ai.state === 'unconfigured' ? (ai.detail ?? 'not configured') : `${ai.base_url} is ${ai.state}${ai.detail ? ` (${ai.detail})` : ''}`,
  });
  return checks;
}
