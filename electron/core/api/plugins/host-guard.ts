import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden } from '../../errors.ts';

export interface HostGuardOptions {
  /** Host names (no port) this server answers to. */
  allowedHosts: ReadonlySet<string>;
  /** Extra exact origins (scheme://host:port) allowed to make browser requests. */
  allowedOrigins: ReadonlySet<string>;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `Host: [::1]:7300` → `[::1]`, `Host: localhost:7300` → `localhost`. */
export function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1).toLowerCase();
  return host.split(':')[0]!.toLowerCase();
}

/**
 * DNS rebinding: only requests addressed to one of our own names get through.
 * CSRF / cross-site sockets: a browser's Origin must be this very server (same host and port)
 * on WebSocket upgrades and state-changing requests. Scripts send no Origin and use API keys.
 */
export function checkHostAndOrigin(req: FastifyRequest, opts: HostGuardOptions): void {
  const host = req.headers.host;
  if (!host || !opts.allowedHosts.has(hostnameOf(host))) {
    throw forbidden(`Host '${host ?? ''}' is not allowed; add it with --allowed-host if this server should answer to it`);
  }
  const origin = req.headers.origin;
  const isUpgrade = req.headers.upgrade?.toLowerCase() === 'websocket';
  if (origin === undefined || !(isUpgrade || STATE_CHANGING.has(req.method))) return;
  const sameOrigin = origin === `http://${host}` || origin === `https://${host}`;
  if (!sameOrigin && !opts.allowedOrigins.has(origin)) {
    throw forbidden(`Origin '${origin}' is not allowed to use this server`);
  }
}

export function registerHostGuard(app: FastifyInstance, opts: HostGuardOptions): void {
  app.addHook('onRequest', async (req) => checkHostAndOrigin(req, opts));
}
