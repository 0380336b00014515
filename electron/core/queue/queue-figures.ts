import type { QueueStats } from '../../../shared/domain/queue.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Store } from '../store/store.ts';
import type { QueueSettingsStore } from './queue-settings.ts';
import { computeStats } from './queue-stats.ts';

/** Figures are published at most this often while things change… */
const DEBOUNCE_MS = 250;
/** …and re-checked this often anyway (the day rolls over). */
const REFRESH_MS = 60_000;

export interface QueueFiguresDeps {
  store: Store;
  bus: EventBus;
  settings: QueueSettingsStore;
  now(): number;
  safely(what: string, fn: () => void): void;
}

/** Today's wallboard figures per tenant: computed from the store, published as `queue.stats` when they change. */
export class QueueFigures {
  private readonly d: QueueFiguresDeps;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, string>();
  private refresh: NodeJS.Timeout | null = null;

  constructor(deps: QueueFiguresDeps) {
    this.d = deps;
  }

  start(): void {
    for (const tenant of this.d.store.tenants.list()) this.publish(tenant.id);
    this.refresh = setInterval(
      () =>
        this.d.safely('refreshing the figures', () => {
          for (const tenant of this.d.store.tenants.list()) this.publish(tenant.id);
        }),
      REFRESH_MS,
    ).unref();
  }

  stop(): void {
    if (this.refresh) clearInterval(this.refresh);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  of(tenantId: string): QueueStats {
    return computeStats(this.d.store, tenantId, this.d.settings.of(tenantId), this.d.now());
  }

  /** Something they count changed: publish them soon (bursts coalesce). */
  schedule(tenantId: string): void {
    if (this.timers.has(tenantId)) return;
    this.timers.set(
      tenantId,
      setTimeout(() => {
        this.timers.delete(tenantId);
        this.d.safely('publishing the figures', () => this.publish(tenantId));
      }, DEBOUNCE_MS).unref(),
    );
  }

  private publish(tenantId: string): void {
    const stats = this.of(tenantId);
    const { computed_at: _at, ...rest } = stats;
    const text = JSON.stringify(rest);
    if (this.published.get(tenantId) === text) return;
    this.published.set(tenantId, text);
    this.d.bus.publish(tenantId, { type: 'queue.stats', stats });
  }
}
