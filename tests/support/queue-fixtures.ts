// Queue entries, agents' live states and figures for the queue's unit tests (shared and renderer).
import type { AgentLiveState, QueueEntry, QueueStats } from '../../shared/domain/queue.ts';

export const T0 = Date.parse('2026-03-04T09:00:00.000Z');

export function entry(id: number, over: Partial<QueueEntry> = {}): QueueEntry {
  return {
    id,
    tenant_id: 'default',
    kind: 'inbound',
    state: 'waiting',
    call_id: id + 100,
    call_sid: `CA${id}`,
    from_number: '+15550000',
    to_number: '100',
    priority: 5,
    required_skills: [],
    metadata: {},
    enqueued_at: new Date(T0 + id * 1000).toISOString(),
    offered_agent_id: null,
    offered_at: null,
    offer_expires_at: null,
    passes: [],
    assigned_agent_id: null,
    assigned_at: null,
    connect_mode: null,
    ended_at: null,
    end_reason: null,
    ...over,
  };
}

export function live(agent_id: number, over: Partial<AgentLiveState> = {}): AgentLiveState {
  return {
    agent_id,
    status: 'available',
    status_reason: null,
    status_since: new Date(T0).toISOString(),
    wrap_up_until: null,
    presence: 'ready',
    active_calls: 0,
    max_concurrent_calls: 1,
    skills: [],
    offered_entry_id: null,
    ...over,
  };
}

export const stats = (over: Partial<QueueStats> = {}): QueueStats => ({
  day: '2026-03-04',
  answered: 0,
  answered_within_threshold: 0,
  abandoned: 0,
  service_level: null,
  service_level_seconds: 20,
  avg_wait_seconds: null,
  avg_handle_seconds: null,
  recent_handle_seconds: null,
  ai_calls: 0,
  human_calls: 0,
  ai_handoffs: 0,
  handoff_rate: null,
  computed_at: new Date(T0).toISOString(),
  ...over,
});

