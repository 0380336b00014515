import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiScope } from '../../../../shared/domain/api-key.ts';
import { hasScope, type Principal } from '../../auth/principal.ts';
import type { AuthService } from '../../auth/auth.service.ts';
import { forbidden, unauthorized } from '../../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The scope a route needs; by default GET → read, POST/PUT/PATCH → write, DELETE → admin. */
    scope?: ApiScope;
  }
}

export function scopeForMethod(method: string): ApiScope {
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'DELETE') return 'admin';
  return 'write';
}

export function bearerToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/** Authenticates `Authorization: Bearer <key>` for every route in the scope it is registered in. */
export function registerApiKeyAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const token = bearerToken(req);
    if (!token) throw unauthorized(req.headers.authorization ? 'Authorization must be "Bearer <API key>"' : 'missing API key (Authorization: Bearer <key>)');
    const principal = auth.authenticateApiKey(token);
    if (!principal) throw unauthorized('invalid or revoked API key');
    const needed = req.routeOptions.config.scope ?? scopeForMethod(req.method);
    if (!hasScope(principal, needed)) throw forbidden(`this API key lacks the '${needed}' scope`);
    req.principal = principal;
  });
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized('not authenticated');
  return req.principal;
}
