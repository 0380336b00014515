// An audit entry read back for people: who did it and what, in words the catalogue supplies.
// Pure, so the wording rules are unit-tested without a page.
import type { AuditEntry } from '../../../../shared/domain/audit.ts';

export type AuditActor = { kind: 'agent'; id: number; name: string | null } | { kind: 'key'; id: string } | { kind: 'system' };

export function auditActor(actor: string, agentName: (id: number) => string | null): AuditActor {
  const agent = /^agent:(\d+)$/.exec(actor);
  if (agent) return { kind: 'agent', id: Number(agent[1]), name: agentName(Number(agent[1])) };
  const key = /^key:(.+)$/.exec(actor);
  if (key) return { kind: 'key', id: key[1]! };
  return { kind: 'system' };
}

/** The agent an entry concerns (`subject` `agent:<id>`), if any. */
export function auditSubjectAgent(entry: Pick<AuditEntry, 'subject'>): number | null {
  const m = /^agent:(\d+)$/.exec(entry.subject ?? '');
  return m ? Number(m[1]) : null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

/** Labels the catalogue words (`audit.detail.*`); others are settings' own field names, shown as they are. */
export const KNOWN_DETAIL_LABELS = ['mode', 'from', 'to', 'code', 'reason', 'status', 'text'] as const;
export type KnownDetailLabel = (typeof KNOWN_DETAIL_LABELS)[number];
export const isKnownDetailLabel = (label: string): label is KnownDetailLabel => (KNOWN_DETAIL_LABELS as readonly string[]).includes(label);

/**
 * The details worth a glance, as [label, value] pairs: the mode of a monitoring step, the
 * status set and why, what a settings change touched (values; secrets by name only), why a
 * monitor call was refused, what was said to an AI.
 */
export function auditDetails(entry: Pick<AuditEntry, 'action' | 'data'>): [string, string][] {
  const d = entry.data;
  const out: [string, string][] = [];
  const add = (label: string, v: unknown) => {
    const s = text(v);
    if (s !== null) out.push([label, s]);
  };
  switch (entry.action) {
    case 'monitor.started':
    case 'monitor.ended':
      add('mode', d.mode);
      break;
    case 'monitor.mode':
      add('from', d.from);
      add('mode', d.mode);
      break;
    case 'monitor.take-over':
      add('to', d.to);
      break;
    case 'monitor.refused':
      add('code', d.code);
      add('reason', d.reason);
      add('from', d.from);
      break;
    case 'agent.status':
      add('status', d.status);
      add('reason', d.reason);
      break;
    case 'ai.whisper':
    case 'ai.say':
      add('text', d.text);
      break;
    case 'ai.transfer':
      add('to', d.target);
      break;
    case 'queue.settings':
    case 'monitor.settings':
    case 'ai.settings': {
      const changed = (d.changed && typeof d.changed === 'object' ? d.changed : {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(changed)) add(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v);
      if (Array.isArray(d.secrets_changed)) for (const k of d.secrets_changed) out.push([String(k), '••••']);
      break;
    }
    default:
      break;
  }
  return out;
}
