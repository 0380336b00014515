import type { AiReachability } from '../../../shared/contracts/core-status.ts';
import { isConfigured, type AiEndpoint } from './ai-endpoint.ts';

export interface AiHealth {
  state: AiReachability;
  base_url: string | null;
  checked_at: string | null;
  detail: string | null;
}

const OPENAI_DEFAULT_BASE = 'https://api.openai.com/v1';
const PROBE_TIMEOUT_MS = 3000;
const HEALTHY_INTERVAL_MS = 60_000;
const BACKOFF_MIN_MS = 5_000;
const BACKOFF_MAX_MS = 120_000;

/**
 * Asks the endpoint for its model list now and then. Any HTTP answer (even 401/404) means it is
 * reachable; only a connection failure or timeout means offline. Unreachable → retry with
 * exponential back-off, so an office without internet is noticed quickly and not hammered.
 */
export class AiHealthMonitor {
  private state: AiHealth;
  private endpoint: AiEndpoint;
  private readonly onChange: (h: AiHealth) => void;
  private timer: NodeJS.Timeout | null = null;
  private backoff = BACKOFF_MIN_MS;
  private stopped = false;

  constructor(endpoint: AiEndpoint, onChange: (h: AiHealth) => void) {
    this.endpoint = endpoint;
    this.onChange = onChange;
    this.state = AiHealthMonitor.initial(endpoint);
  }

  private static initial(endpoint: AiEndpoint): AiHealth {
    const configured = isConfigured(endpoint);
    return {
      state: configured ? 'checking' : 'unconfigured',
      base_url: configured ? (endpoint.baseURL ?? OPENAI_DEFAULT_BASE) : null,
      checked_at: null,
      detail: configured ? null : 'set OPENAI_BASE_URL or OPENAI_API_KEY, or configure an endpoint in Settings',
    };
  }

  /** The endpoint changed in Settings: forget what was known and probe the new one now. */
  reconfigure(endpoint: AiEndpoint): void {
    if (JSON.stringify(endpoint) === JSON.stringify(this.endpoint)) return;
    this.endpoint = endpoint;
    if (this.timer) clearTimeout(this.timer);
    this.backoff = BACKOFF_MIN_MS;
    const before = this.state.state;
    this.state = AiHealthMonitor.initial(endpoint);
    if (this.state.state !== before) this.onChange(this.state);
    if (!this.stopped && this.state.state !== 'unconfigured') void this.probe();
  }

  get current(): AiHealth {
    return this.state;
  }

  start(): void {
    if (this.state.state !== 'unconfigured') void this.probe();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  async probe(): Promise<AiHealth> {
    // Loaded on first use: an office without AI never pays for the SDK at start-up.
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({
      apiKey: this.endpoint.apiKey ?? 'not-set',
      baseURL: this.state.base_url ?? OPENAI_DEFAULT_BASE,
      timeout: PROBE_TIMEOUT_MS,
      maxRetries: 0,
    });
    let next: Pick<AiHealth, 'state' | 'detail'>;
    try {
      await client.models.list();
      next = { state: 'reachable', detail: null };
    } catch (err) {
      next =
        err instanceof OpenAI.APIConnectionError
          ? { state: 'unreachable', detail: err instanceof OpenAI.APIConnectionTimeoutError ? 'timed out' : 'cannot connect' }
          : err instanceof OpenAI.APIError
            ? { state: 'reachable', detail: `answered ${err.status ?? 'an error'}` }
            : { state: 'unreachable', detail: String(err) };
    }
    const changed = next.state !== this.state.state;
    this.state = { ...this.state, ...next, checked_at: new Date().toISOString() };
    if (changed) this.onChange(this.state);
    this.schedule();
    return this.state;
  }

  private schedule(): void {
    if (this.stopped) return;
    let delay = HEALTHY_INTERVAL_MS;
    if (this.state.state === 'unreachable') {
      delay = this.backoff;
      this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
    } else {
      this.backoff = BACKOFF_MIN_MS;
    }
    this.timer = setTimeout(() => void this.probe(), delay);
    this.timer.unref();
  }
}
