import type { QueueEntry } from '../../../shared/domain/queue.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { QueueEntryPatch } from '../store/repos/queue-entries.repo.ts';
import type { Store } from '../store/store.ts';

/**
 * The queue's open entries (waiting, offered, assigned) per tenant: loaded from the store on
 * first use, every change written through the store first, then kept here and published.
 */
export class OpenEntries {
  private readonly store: Store;
  private readonly bus: EventBus;
  private readonly byTenant = new Map<string, Map<number, QueueEntry>>();

  constructor(deps: { store: Store; bus: EventBus }) {
    this.store = deps.store;
    this.bus = deps.bus;
  }

  of(t: string): Map<number, QueueEntry> {
    let m = this.byTenant.get(t);
    if (!m) {
      m = new Map(this.store.queueEntries.open(t).map((e) => [e.id, e]));
      this.byTenant.set(t, m);
    }
    return m;
  }

  byCall(t: string, callId: number): QueueEntry | undefined {
    for (const e of this.of(t).values()) if (e.call_id === callId) return e;
    return undefined;
  }

  offeredTo(t: string, agentId: number): QueueEntry | undefined {
    for (const e of this.of(t).values()) if (e.state === 'offered' && e.offered_agent_id === agentId) return e;
    return undefined;
  }

  /** A new entry, already in the store. */
  added(entry: QueueEntry): void {
    this.of(entry.tenant_id).set(entry.id, entry);
    this.bus.publish(entry.tenant_id, { type: 'queue.entry', entry });
  }

  /** Writes a change to an open entry, keeps the map in step and publishes it. */
  save(entry: QueueEntry, patch: QueueEntryPatch): QueueEntry {
    const after = this.store.queueEntries.update(entry.tenant_id, entry.id, patch) as QueueEntry;
    const open = this.of(entry.tenant_id);
    if (after.state === 'waiting' || after.state === 'offered' || after.state === 'assigned') open.set(after.id, after);
    else open.delete(after.id);
    this.bus.publish(entry.tenant_id, { type: 'queue.entry', entry: after });
    return after;
  }
}
