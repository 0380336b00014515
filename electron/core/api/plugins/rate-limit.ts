import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { CoreError } from '../../errors.ts';

const limited = (_req: unknown, ctx: { max: number; ttl: number }) =>
  new CoreError(429, 'rate_limited', `rate limit of ${ctx.max} requests per minute reached; retry in ${Math.ceil(ctx.ttl / 1000)} s`);

/** Console sign-in attempts per client address and minute: slows password guessing to a crawl. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 20;

/**
 * Per-key limits (the key's `rate_limit_per_minute`), counted after authentication so one noisy
 * integrator cannot starve another. Sends X-RateLimit-Limit/Remaining/Reset on every answer.
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    hook: 'preHandler',
    timeWindow: 60_000,
    max: (req) => req.principal?.rate_limit_per_minute ?? 60,
    keyGenerator: (req) => req.principal?.actor ?? req.ip,
    errorResponseBuilder: limited,
  });
}

/** Only console logins are limited (by address); everything else a console does is signed in. */
export async function registerLoginRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    hook: 'preHandler',
    timeWindow: 60_000,
    max: LOGIN_ATTEMPTS_PER_MINUTE,
    keyGenerator: (req) => `login:${req.ip}`,
    allowList: (req) => (req.params as { method?: string } | undefined)?.method !== 'login',
    errorResponseBuilder: limited,
  });
}
