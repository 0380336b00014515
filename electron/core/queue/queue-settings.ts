import { DEFAULT_QUEUE_SETTINGS, QUEUE_SETTING_LIMITS, type QueueSettings } from '../../../shared/domain/queue.ts';
import { badRequest } from '../errors.ts';
import type { Store } from '../store/store.ts';

const KEY = 'queue';

/** Per-tenant queue policy in the settings table; unset fields keep their defaults. */
export class QueueSettingsStore {
  private readonly store: Store;
  private readonly cache = new Map<string, QueueSettings>();

  constructor(store: Store) {
    this.store = store;
  }

  of(tenantId: string): QueueSettings {
    let s = this.cache.get(tenantId);
    if (!s) {
      s = { ...DEFAULT_QUEUE_SETTINGS, ...(this.store.settings.get<Partial<QueueSettings>>(tenantId, KEY) ?? {}) };
      this.cache.set(tenantId, s);
    }
    return s;
  }

  update(tenantId: string, patch: Partial<QueueSettings>): QueueSettings {
    for (const [key, range] of Object.entries(QUEUE_SETTING_LIMITS)) {
      const v = patch[key as keyof typeof QUEUE_SETTING_LIMITS];
      if (v !== undefined && (!Number.isInteger(v) || v < range.min || v > range.max)) {
        throw badRequest(`${key}: a whole number of seconds from ${range.min} to ${range.max}`);
      }
    }
    const stored = this.store.settings.get<Partial<QueueSettings>>(tenantId, KEY) ?? {};
    const known = Object.fromEntries(Object.entries(patch).filter(([k, v]) => k in DEFAULT_QUEUE_SETTINGS && v !== undefined));
    this.store.settings.set(tenantId, KEY, { ...stored, ...known });
    this.cache.delete(tenantId);
    return this.of(tenantId);
  }
}
