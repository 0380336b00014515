/**
 * The audit log: what supervisors and admins did (DESIGN §6 — every supervisor action is
 * audited), kept append-only per tenant and readable by admins. A call's own timeline
 * (CallEvent) still tells the story of one call; this is the security view across calls.
 */
export const AUDIT_ACTIONS = [
  'monitor.started',
  'monitor.mode',
  'monitor.take-over',
  'monitor.ended',
  'monitor.refused',
  'ai.whisper',
  'ai.say',
  'ai.stop',
  'ai.transfer',
  'ai.hangup',
  'agent.status',
  'queue.settings',
  'monitor.settings',
  'ai.settings',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Filter words for a family of actions (the part before the dot). */
export const AUDIT_FAMILIES = ['monitor', 'ai', 'agent', 'queue'] as const;
export type AuditFamily = (typeof AUDIT_FAMILIES)[number];

export interface AuditEntry {
  id: number;
  tenant_id: string;
  at: string;
  /** Who did it: `agent:<id>` (a console user), `key:<id>` (an API key), or `system`. */
  actor: string;
  action: AuditAction;
  /** The call it concerned, when it concerned one (kept even for calls this core does not know). */
  call_sid: string | null;
  /** What else it concerned: `agent:<id>` for another agent's status, the settings' name. */
  subject: string | null;
  data: Record<string, unknown>;
}

/** A page of the log, newest first; `next_before` continues it (null: no older entries). */
export interface AuditPage {
  entries: AuditEntry[];
  next_before: number | null;
}

export const AUDIT_PAGE_MAX = 200;
