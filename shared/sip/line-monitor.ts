import type { MonitorMode, MonitorVia } from '../contracts/monitor-client.ts';

/**
 * A line's part in a supervisor's monitoring (shared/contracts/monitor-client.ts):
 * - `listener`: the supervisor's own line that carries the monitor audio;
 * - `target`: on the agent's seat, the supervisor's incoming monitor call (answered by itself,
 *   never shown as a call);
 * - `monitored`: on the agent's seat, the call being monitored (its card says so).
 */
export type LineMonitorRole = 'listener' | 'target' | 'monitored';

export interface LineMonitor {
  role: LineMonitorRole;
  mode: MonitorMode;
  via: MonitorVia;
  /** The monitored call's sid. */
  call_sid: string;
  /** The other person: the supervisor (target, monitored) or the agent (listener). */
  party: string;
}

/** Lines that belong to monitoring only and are not calls of their own (no ringing, no card, no transcript). */
export function isMonitorLeg(line: { monitor?: LineMonitor }): boolean {
  return line.monitor !== undefined && line.monitor.role !== 'monitored';
}
