import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';

/** Webhook ids already received, so a replayed delivery is not acted on twice, also after a restart. */
export class WebhookDeliveriesRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Records the id; false when it was already recorded (a replay or a retry of a handled delivery). */
  remember(webhookId: string, tenantId: string, eventType: string, atMs = Date.now()): boolean {
    return (
      prepared(this.db, 'INSERT INTO webhook_deliveries (webhook_id, tenant_id, event_type, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (webhook_id) DO NOTHING')
        .run(webhookId, tenantId, eventType, atMs).changes > 0
    );
  }

  /** Forgets an id whose handling failed, so the sender's retry is handled. */
  forget(webhookId: string): void {
    prepared(this.db, 'DELETE FROM webhook_deliveries WHERE webhook_id = ?').run(webhookId);
  }

  /** Drops ids received before `beforeMs`; returns how many. */
  prune(beforeMs: number): number {
    return prepared(this.db, 'DELETE FROM webhook_deliveries WHERE received_at < ?').run(beforeMs).changes;
  }
}
