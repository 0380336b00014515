import { AUDIT_PAGE_MAX, type AuditAction, type AuditPage } from '../../../shared/domain/audit.ts';
import { storeWrite } from '../errors.ts';
import type { AuditAppend } from '../store/repos/audit-log.repo.ts';
import type { Store } from '../store/store.ts';

/**
 * Writes and reads the audit log (shared/domain/audit.ts). A write that cannot land fails the
 * action with it (storeWrite → 503): an unaudited supervisor action must not happen quietly.
 * Entries are not published on the event bus: every console of the tenant hears the bus, and
 * an agent must not learn from it that a supervisor listens silently.
 */
export class AuditLog {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  record(tenantId: string, entry: AuditAppend): void {
    storeWrite(() => this.store.auditLog.append(tenantId, entry));
  }

  /**
   * A change of settings: the values changed, except secrets, which are named only (the log
   * says that a key or secret was replaced, never what it is).
   */
  settingsChanged(tenantId: string, actor: string, action: Extract<AuditAction, `${string}.settings`>, patch: object, secretKeys: readonly string[]): void {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    const changed = Object.fromEntries(entries.filter(([k]) => !secretKeys.includes(k)));
    const secrets = entries.filter(([k]) => secretKeys.includes(k)).map(([k]) => k);
    this.record(tenantId, { actor, action, subject: action.slice(0, -'.settings'.length), data: { changed, ...(secrets.length > 0 ? { secrets_changed: secrets } : {}) } });
  }

  page(tenantId: string, opts: { before?: number; limit?: number; action?: string }): AuditPage {
    const limit = Math.min(Math.max(1, opts.limit ?? 50), AUDIT_PAGE_MAX);
    const entries = this.store.auditLog.list(tenantId, { ...opts, limit: limit + 1 });
    const more = entries.length > limit;
    const page = more ? entries.slice(0, limit) : entries;
    return { entries: page, next_before: more ? page[page.length - 1]!.id : null };
  }
}
