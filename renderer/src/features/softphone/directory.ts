// Pure: the agent directory offered as transfer targets (name, extension, SIP user, status).
import type { Agent, AgentStatus } from '../../../../shared/domain/agent.ts';

export interface DirectoryEntry {
  agentId: number;
  name: string;
  extension: string | null;
  /** The user part of the agent's SIP address (`carol` of `sip:carol@pbx.lan`). */
  sipUser: string;
  status: AgentStatus;
  /** What goes into the transfer target: the extension when there is one, else the SIP user. */
  target: string;
}

/** `sip:carol@pbx.lan` → `carol`; null when the URI has no user part. */
export function sipUserOf(uri: string): string | null {
  const match = /^sips?:([^@;?]+)@/i.exec(uri.trim());
  return match?.[1] ?? null;
}

/** Agents who can take a call (they have a SIP address), except the signed-in one. */
export function directoryEntries(agents: readonly Agent[], selfId: number | null): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  for (const a of agents) {
    if (a.id === selfId || !a.sip) continue;
    const sipUser = sipUserOf(a.sip.uri);
    if (!sipUser) continue;
    const extension = a.extension?.trim() ? a.extension.trim() : null;
    entries.push({ agentId: a.id, name: a.name, extension, sipUser, status: a.status, target: extension ?? sipUser });
  }
  return entries;
}

const STATUS_ORDER: Record<AgentStatus, number> = { available: 0, 'wrap-up': 1, away: 2, busy: 3, offline: 4 };

/**
 * Entries matching what was typed (name words, extension, SIP user; case- and accent-blind),
 * best first: prefix matches before substring matches, then available people first, then by
 * name. An empty query lists everyone. At most `limit`.
 */
export function filterDirectory(entries: readonly DirectoryEntry[], query: string, limit = 8): DirectoryEntry[] {
  const q = fold(query.trim());
  const scored: { entry: DirectoryEntry; score: number }[] = [];
  for (const entry of entries) {
    const score = q === '' ? 1 : matchScore(entry, q);
    if (score > 0) scored.push({ entry, score });
  }
  scored.sort(
    (a, b) => b.score - a.score || STATUS_ORDER[a.entry.status] - STATUS_ORDER[b.entry.status] || a.entry.name.localeCompare(b.entry.name) || a.entry.agentId - b.entry.agentId,
  );
  return scored.slice(0, limit).map((s) => s.entry);
}

function matchScore(entry: DirectoryEntry, q: string): number {
  const fields = [entry.extension ?? '', entry.sipUser, ...fold(entry.name).split(/\s+/)].map(fold);
  if (fields.some((f) => f === q)) return 3;
  if (fields.some((f) => f.startsWith(q)) || fold(entry.name).startsWith(q)) return 2;
  if (fields.some((f) => f.includes(q)) || fold(entry.name).includes(q)) return 1;
  return 0;
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
