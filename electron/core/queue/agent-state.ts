// Pure (no I/O, no clock): an agent's status and what moves it. The queue service feeds it
// what happened (the agent chose a status, calls started or ended, wrap-up ran out, a console
// came or went, an offer was missed) with the time, and writes the change it returns.
import type { AgentRole, AgentStatus } from '../../../shared/domain/agent.ts';
import type { QueueSettings } from '../../../shared/domain/queue.ts';

/** The reason a busy status has while calls make it so (manual busy has none). */
export const ON_CALL = 'on-call';

export interface AgentStatusView {
  status: AgentStatus;
  status_reason: string | null;
  wrap_up_until: string | null;
}

export type AgentStatusInput =
  /** The agent (or a supervisor, or the API) chose a status; `active` calls the agent has now. */
  | { type: 'set'; status: AgentStatus; reason: string | null; active: number; at: number }
  /** The number of the agent's calls changed; `handled`: one of them was answered since the agent became busy. */
  | { type: 'calls'; active: number; handled: boolean; at: number }
  | { type: 'wrap-up-ended'; at: number }
  | { type: 'signed-in'; role: AgentRole; at: number }
  | { type: 'signed-out'; at: number }
  | { type: 'missed-offer'; at: number };

export interface StatusChange {
  status: AgentStatus;
  reason: string | null;
  wrap_up_until: string | null;
}

type Settings = Pick<QueueSettings, 'wrap_up_seconds' | 'available_on_sign_in'>;

const iso = (ms: number): string => new Date(ms).toISOString();

/** Busy because of calls (as opposed to a busy the agent chose). */
export const isOnCall = (v: Pick<AgentStatusView, 'status' | 'status_reason'>): boolean => v.status === 'busy' && v.status_reason === ON_CALL;

/** The change `input` makes to `current`, or null when it changes nothing. */
export function nextStatus(current: AgentStatusView, input: AgentStatusInput, settings: Settings): StatusChange | null {
  const to = (status: AgentStatus, reason: string | null = null, wrapUpUntil: string | null = null): StatusChange | null =>
    status === current.status && reason === current.status_reason && wrapUpUntil === current.wrap_up_until ? null : { status, reason, wrap_up_until: wrapUpUntil };
  const wrapUp = (at: number): StatusChange | null => (settings.wrap_up_seconds > 0 ? to('wrap-up', null, iso(at + settings.wrap_up_seconds * 1000)) : to('available'));

  switch (input.type) {
    case 'set':
      switch (input.status) {
        // Ready again while still on a call: busy until the calls end.
        case 'available':
          return input.active > 0 ? to('busy', ON_CALL) : to('available');
        case 'away':
          return to('away', input.reason ?? 'other');
        case 'wrap-up':
          return settings.wrap_up_seconds > 0 ? to('wrap-up', null, iso(input.at + settings.wrap_up_seconds * 1000)) : to('wrap-up');
        case 'busy':
          return to('busy', input.reason);
        case 'offline':
          return to('offline');
      }
      return null;
    case 'calls':
      if (input.active > 0) return current.status === 'available' || current.status === 'wrap-up' ? to('busy', ON_CALL) : null;
      if (!isOnCall(current)) return null;
      return input.handled ? wrapUp(input.at) : to('available');
    case 'wrap-up-ended':
      if (current.status !== 'wrap-up' || current.wrap_up_until === null || Date.parse(current.wrap_up_until) > input.at) return null;
      return to('available');
    case 'signed-in':
      if (current.status !== 'offline') return null;
      if (input.role !== 'agent') return to('away', 'supervising');
      return settings.available_on_sign_in ? to('available') : to('away', 'other');
    case 'signed-out':
      return to('offline');
    case 'missed-offer':
      return current.status === 'available' || isOnCall(current) ? to('away', 'missed-offer') : null;
  }
}
