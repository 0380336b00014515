import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.ts';
import { CoreError } from '../../errors.ts';
import { KeyQuotas, type QuotaLimit, type QuotaState } from './key-quotas.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A per-minute class for this route (seed 002: batch 10/min, outbound calls 30/min; seed 003:
     * agent management 100/min, supervisor controls 500/min, webhooks 1000/min), counted per key
     * besides its own limits — per client address on routes without an API key (webhooks).
     */
    rateClass?: RateClass;
  }
}

export interface RateClass {
  name: string;
  per_minute: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** One counter for every scope, so a key's hour and day are counted once whichever dialect it calls. */
const quotas = new KeyQuotas();

const classLimit = (who: string, cls: RateClass): QuotaLimit => ({ key: `${who}:class:${cls.name}`, max: cls.per_minute, windowMs: MINUTE_MS, per: `${cls.name} requests per minute` });

const exceededError = (s: QuotaState) =>
  new CoreError(429, 'rate_limited', `rate limit of ${s.limit.max} ${s.limit.per} reached; retry in ${Math.ceil(s.resetMs / 1000)} s`);

/** Counts one more use of a rate class inside a request (e.g. each call of a batch); the error when it is used up. */
export function chargeRateClass(p: Principal, cls: RateClass): CoreError | null {
  const { exceeded } = quotas.take([classLimit(p.actor, cls)]);
  return exceeded ? exceededError(exceeded) : null;
}

function limitsOf(req: FastifyRequest): QuotaLimit[] {
  const p = req.principal;
  const cls = req.routeOptions.config.rateClass;
  if (!p) return cls ? [classLimit(`ip:${req.ip}`, cls)] : [];
  const limits: QuotaLimit[] = [];
  if (p.rate_limit_per_hour) limits.push({ key: `${p.actor}:hour`, max: p.rate_limit_per_hour, windowMs: HOUR_MS, per: 'requests per hour' });
  if (p.rate_limit_per_day) limits.push({ key: `${p.actor}:day`, max: p.rate_limit_per_day, windowMs: DAY_MS, per: 'requests per day' });
  if (cls) limits.push(classLimit(p.actor, cls));
  return limits;
}

/** Until the headers go out, X-RateLimit-Reset holds seconds until the reset, as @fastify/rate-limit sets it. */
function setHeaders(reply: FastifyReply, s: QuotaState): void {
  void reply.header('x-ratelimit-limit', s.limit.max);
  void reply.header('x-ratelimit-remaining', s.remaining);
  void reply.header('x-ratelimit-reset', Math.ceil(s.resetMs / 1000));
}

const resetAsEpoch = new WeakSet<FastifyReply>();

/**
 * Seed 002 sends X-RateLimit-Reset as the Unix time (seconds) the window resets; the counters
 * know the seconds left, so the header is turned into the time once, just before it is sent
 * (rounded up: a client that waits until then finds the window reset). Retry-After stays seconds.
 */
async function resetToEpoch(_req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const left = Number(reply.getHeader('x-ratelimit-reset'));
  if (Number.isFinite(left) && !resetAsEpoch.has(reply)) {
    resetAsEpoch.add(reply);
    void reply.header('x-ratelimit-reset', Math.ceil(Date.now() / 1000) + left);
  }
  return payload;
}

/** Hour, day and route-class limits after the per-minute one; X-RateLimit-* then report whichever leaves the fewest requests. */
async function enforceQuotas(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const limits = limitsOf(req);
  if (limits.length === 0) return;
  const { exceeded, states } = quotas.take(limits);
  if (exceeded) {
    setHeaders(reply, exceeded);
    void reply.header('retry-after', Math.ceil(exceeded.resetMs / 1000));
    throw exceededError(exceeded);
  }
  const minuteLeft = Number(reply.getHeader('x-ratelimit-remaining') ?? Infinity);
  const tightest = states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  if (tightest.remaining < minuteLeft) setHeaders(reply, tightest);
}

const limited = (_req: unknown, ctx: { max: number; ttl: number }) =>
  new CoreError(429, 'rate_limited', `rate limit of ${ctx.max} requests per minute reached; retry in ${Math.ceil(ctx.ttl / 1000)} s`);

/** Console sign-in attempts per client address and minute: slows password guessing to a crawl. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 20;

/**
 * Only the routes' rate classes, per client address: for a scope without API keys (webhooks
 * authenticated by a signature). Register before the routes.
 */
export function registerRateClasses(app: FastifyInstance): void {
  // Route-level like @fastify/rate-limit's per-minute hook, and after it, so its headers are there to compare with.
  app.addHook('onRoute', (route) => {
    const hooks = route.preHandler;
    route.preHandler = hooks === undefined ? [enforceQuotas] : Array.isArray(hooks) ? [...hooks, enforceQuotas] : [hooks, enforceQuotas];
  });
  app.addHook('onSend', resetToEpoch);
}

/**
 * Per-key limits (the key's `rate_limit_per_minute`, and its per-hour and per-day ones when set),
 * counted after authentication so one noisy integrator cannot starve another, plus the route's
 * rate class. Sends X-RateLimit-Limit/Remaining/Reset (the Unix time the window resets) on every
 * answer, for the tightest of them, and Retry-After (seconds) with a 429.
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    hook: 'preHandler',
    timeWindow: 60_000,
    max: (req) => req.principal?.rate_limit_per_minute ?? 60,
    keyGenerator: (req) => req.principal?.actor ?? req.ip,
    errorResponseBuilder: limited,
  });
  registerRateClasses(app);
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
  app.addHook('onSend', resetToEpoch);
}
