import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasScope, type Principal } from '../../auth/principal.ts';
import { forbidden, unauthorized } from '../../errors.ts';
import { bearerToken, scopeForMethod } from '../plugins/api-key-auth.ts';

/** One way a dialect accepts a bearer token: the principal it stands for, or null when it is not this kind. */
export type Credential = (token: string, req: FastifyRequest) => Principal | null;

export interface BearerAuthOptions {
  /** Tried in order; the first that knows the token wins. */
  credentials: readonly Credential[];
  /** Where else a token may come from (e.g. a browser WebSocket's `?api_key=`). */
  fallbackToken?(req: FastifyRequest): string | null;
  /** What the 401 says is expected, e.g. "Bearer <API key>". */
  expected: string;
}

/**
 * Authenticates every route of the scope it is registered in with the dialect's credentials
 * (our API keys, and the seed's own where it has them), then checks the route's scope the same
 * way `/api/v1` does: `config.scope`, else GET → read, POST/PUT/PATCH → write, DELETE → admin.
 */
export function registerBearerAuth(app: FastifyInstance, opts: BearerAuthOptions): void {
  if (!app.hasRequestDecorator('principal')) app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const token = bearerToken(req) ?? opts.fallbackToken?.(req) ?? null;
    if (!token) throw unauthorized(`missing credentials (Authorization: ${opts.expected})`);
    let principal: Principal | null = null;
    for (const credential of opts.credentials) {
      principal = credential(token, req);
      if (principal) break;
    }
    if (!principal) throw unauthorized('Invalid authentication credentials');
    const needed = req.routeOptions.config.scope ?? scopeForMethod(req.method);
    if (!hasScope(principal, needed)) throw forbidden(`these credentials lack the '${needed}' scope`);
    req.principal = principal;
  });
}
