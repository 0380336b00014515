// Pure: what a supervisor's monitoring left in a call's timeline (monitor-audit.ts writes
// `monitor.*` call events whose actor is `agent:<supervisor id>`), read back for people: who,
// in which mode, and how.
import { MONITOR_MODES, MONITOR_VIAS, type MonitorMode, type MonitorVia } from '../../../../shared/contracts/monitor-client.ts';
import type { CallEvent } from '../../../../shared/domain/call.ts';

export const MONITOR_EVENT_KINDS = ['started', 'mode', 'take-over', 'ended', 'refused'] as const;
export type MonitorEventKind = (typeof MONITOR_EVENT_KINDS)[number];

export interface MonitorEventView {
  kind: MonitorEventKind;
  /** The mode entered (started, mode) or left (ended); null when the event has none. */
  mode: MonitorMode | null;
  /** A mode change: the mode before. */
  from: MonitorMode | null;
  supervisorId: number | null;
  /** The name the event recorded, else the one an earlier event of the same supervisor did. */
  supervisorName: string | null;
  via: MonitorVia | null;
  /** A refusal: the SIP code and the core's reason. */
  code: number | null;
  reason: string | null;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

function supervisorIdOf(e: CallEvent): number | null {
  const id = e.data.supervisor_id;
  if (typeof id === 'number' && Number.isInteger(id)) return id;
  const actor = /^agent:(\d+)$/.exec(e.actor);
  return actor ? Number(actor[1]) : null;
}

/** Reads every monitor event of a timeline, by event id; other events are left out. */
export function monitorEvents(events: readonly CallEvent[]): Map<number, MonitorEventView> {
  const names = new Map<number, string>();
  const views = new Map<number, MonitorEventView>();
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    const kind = e.type.startsWith('monitor.') ? oneOf(MONITOR_EVENT_KINDS, e.type.slice('monitor.'.length)) : null;
    if (kind === null) continue;
    const supervisorId = supervisorIdOf(e);
    const named = text(e.data.supervisor);
    if (named !== null && supervisorId !== null) names.set(supervisorId, named);
    views.set(e.id, {
      kind,
      mode: oneOf(MONITOR_MODES, e.data.mode),
      // A refusal's `from` is the caller's address, not a mode.
      from: kind === 'mode' ? oneOf(MONITOR_MODES, e.data.from) : null,
      supervisorId,
      supervisorName: named ?? (supervisorId !== null ? (names.get(supervisorId) ?? null) : null),
      via: oneOf(MONITOR_VIAS, e.data.via),
      code: typeof e.data.code === 'number' ? e.data.code : null,
      reason: kind === 'refused' ? text(e.data.reason) : null,
    });
  }
  return views;
}
