import type { AuditAction, AuditFamily, AuditPage } from '../domain/audit.ts';

/** Console methods of the audit log (see CoreRequests): admins only. */
export interface AuditRequests {
  /** Newest first; `before` an entry id to page back; `action` one action or a family such as `monitor`. */
  auditLog(req: { before?: number; limit?: number; action?: AuditAction | AuditFamily }): AuditPage;
}

export const AUDIT_METHODS = ['auditLog'] as const satisfies readonly (keyof AuditRequests)[];
