/** One counted limit: at most `max` hits per `windowMs` for `key`. */
export interface QuotaLimit {
  key: string;
  max: number;
  windowMs: number;
  /** How the limit reads in a 429 message, e.g. "requests per hour". */
  per: string;
}

export interface QuotaState {
  limit: QuotaLimit;
  remaining: number;
  resetMs: number;
}

interface Window {
  count: number;
  resetAt: number;
}

const PRUNE_ABOVE = 10_000;

/**
 * Fixed windows (opened by a key's first hit) for the limits `@fastify/rate-limit` does not
 * cover: per hour, per day, per route class. In memory like the per-minute counter.
 */
export class KeyQuotas {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Counts one hit against every limit, unless one is used up: then nothing is counted and that one is returned. */
  take(limits: readonly QuotaLimit[]): { exceeded: QuotaState | null; states: QuotaState[] } {
    const now = this.now();
    if (this.windows.size > PRUNE_ABOVE) this.prune(now);
    const current = limits.map((limit) => {
      let w = this.windows.get(limit.key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + limit.windowMs };
        this.windows.set(limit.key, w);
      }
      return { limit, w };
    });
    const full = current.find(({ limit, w }) => w.count >= limit.max);
    if (full) return { exceeded: { limit: full.limit, remaining: 0, resetMs: full.w.resetAt - now }, states: [] };
    return {
      exceeded: null,
      states: current.map(({ limit, w }) => {
        w.count += 1;
        return { limit, remaining: limit.max - w.count, resetMs: w.resetAt - now };
      }),
    };
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
