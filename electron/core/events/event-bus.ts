import type { DomainEvent, EventEnvelope } from '../../../shared/contracts/domain-events.ts';

export type EventListener = (envelope: EventEnvelope) => void;

/**
 * In-process fan-out of domain events to consoles (IPC, UI sockets) and API sockets.
 * Listeners filter by tenant themselves; a throwing listener never stops the others.
 */
export class EventBus {
  private seq = 0;
  private readonly listeners = new Set<EventListener>();

  get lastSeq(): number {
    return this.seq;
  }

  publish(tenantId: string | null, event: DomainEvent): EventEnvelope {
    const envelope: EventEnvelope = { seq: ++this.seq, at: new Date().toISOString(), tenant_id: tenantId, event };
    for (const listener of this.listeners) {
      try {
        listener(envelope);
      } catch (err) {
        console.error('event listener failed', err);
      }
    }
    return envelope;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
