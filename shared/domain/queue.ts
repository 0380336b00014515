import type { AgentStatus } from './agent.ts';

/** Where a waiting call came from, which decides what "accept" does (see docs/api.md). */
export const QUEUE_ENTRY_KINDS = ['inbound', 'ai_handoff', 'callback'] as const;
export type QueueEntryKind = (typeof QUEUE_ENTRY_KINDS)[number];

export const QUEUE_ENTRY_STATES = ['waiting', 'offered', 'assigned', 'completed', 'abandoned', 'removed'] as const;
export type QueueEntryState = (typeof QUEUE_ENTRY_STATES)[number];

/** States in which an entry is still the queue's business. */
export const OPEN_QUEUE_STATES: readonly QueueEntryState[] = ['waiting', 'offered', 'assigned'];

/**
 * How an accepted entry reaches its agent:
 * - `refer`: the call is parked on a headless seat (a queue seat), which REFERs it to the agent's seat;
 * - `ai-refer`: the AI voice agent's call is REFERred to the agent's seat (OpenAI Realtime `calls.refer`);
 * - `dial`: the agent's seat calls the customer back;
 * - `integrator`: nothing to connect here; `queue.entry` (state `assigned`) tells the integrator's system to.
 */
export const QUEUE_CONNECT_MODES = ['refer', 'ai-refer', 'dial', 'integrator'] as const;
export type QueueConnectMode = (typeof QUEUE_CONNECT_MODES)[number];

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 10;
export const DEFAULT_PRIORITY = 5;
/** Named priorities an integrator may send instead of a number (seed 002 dispatch metadata says `"priority": "high"`). */
export const PRIORITY_NAMES = { low: 3, normal: 5, high: 7, urgent: 9 } as const;
export type PriorityName = keyof typeof PRIORITY_NAMES;

/** An offer that did not work out: declined, not answered in time, or accepted but the connection failed. */
export interface QueuePass {
  agent_id: number;
  at: string;
  reason: 'declined' | 'timeout' | 'failed';
}

export interface QueueEntry {
  id: number;
  tenant_id: string;
  kind: QueueEntryKind;
  state: QueueEntryState;
  /** The call record the entry is about (a callback gets one when it is dialled). */
  call_id: number | null;
  call_sid: string | null;
  from_number: string;
  to_number: string;
  /** 1–10, higher is served first. */
  priority: number;
  /** The agent needs every one of these skills. */
  required_skills: string[];
  metadata: Record<string, unknown>;
  enqueued_at: string;
  /** Offered: to whom, since when, until when. */
  offered_agent_id: number | null;
  offered_at: string | null;
  offer_expires_at: string | null;
  passes: QueuePass[];
  assigned_agent_id: number | null;
  assigned_at: string | null;
  connect_mode: QueueConnectMode | null;
  /** Left the queue (completed, abandoned, removed). */
  ended_at: string | null;
  end_reason: string | null;
}

/**
 * Whether an agent can take work right now: `offline` (no console), `signed-in` (a console,
 * but no registered seat: only calls an integrator connects), `ready` (console + registered seat).
 */
export const AGENT_PRESENCES = ['offline', 'signed-in', 'ready'] as const;
export type AgentPresence = (typeof AGENT_PRESENCES)[number];

/** An agent as the queue and the wallboard see it, live. */
export interface AgentLiveState {
  agent_id: number;
  status: AgentStatus;
  status_reason: string | null;
  status_since: string;
  wrap_up_until: string | null;
  presence: AgentPresence;
  /** Calls on the agent's seat plus accepted entries still being connected. */
  active_calls: number;
  max_concurrent_calls: number;
  skills: string[];
  /** The entry offered to this agent now, if any. */
  offered_entry_id: number | null;
}

export interface QueueSettings {
  /** After-call work: how long wrap-up lasts before the agent is available again (0: none). */
  wrap_up_seconds: number;
  /** How long an offer waits for accept or decline before it goes to the next agent. */
  offer_timeout_seconds: number;
  /** Service level: the share of calls answered within this many seconds. */
  service_level_seconds: number;
  /** An agent who let an entry pass is offered it again only after this long (sooner if nobody else can take it). */
  reoffer_after_seconds: number;
  /** An offer that times out puts the agent on `away` (`missed-offer`), so the next call does not wait on an empty chair. */
  away_on_missed_offer: boolean;
  /** Signing in makes an agent (role `agent`) available; supervisors and admins come in as away (`supervising`). */
  available_on_sign_in: boolean;
}

/** Allowed ranges of the numeric settings, in seconds (the core enforces them; consoles show them). */
export const QUEUE_SETTING_LIMITS = {
  wrap_up_seconds: { min: 0, max: 3600 },
  offer_timeout_seconds: { min: 3, max: 600 },
  service_level_seconds: { min: 1, max: 3600 },
  reoffer_after_seconds: { min: 0, max: 3600 },
} as const satisfies Record<string, { min: number; max: number }>;
export type QueueSecondsSetting = keyof typeof QUEUE_SETTING_LIMITS;

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  wrap_up_seconds: 30,
  offer_timeout_seconds: 15,
  service_level_seconds: 20,
  reoffer_after_seconds: 30,
  away_on_missed_offer: true,
  available_on_sign_in: true,
};

/** Today's figures (the hub's local day) and the inputs of the wait estimate. */
export interface QueueStats {
  /** The day counted, `YYYY-MM-DD` in the hub's time zone. */
  day: string;
  /** Entries answered (accepted by an agent) today. */
  answered: number;
  answered_within_threshold: number;
  /** Callers who hung up while waiting, today. */
  abandoned: number;
  /** answered_within_threshold ÷ (answered + abandoned); null before any call has left the queue. */
  service_level: number | null;
  service_level_seconds: number;
  /** Mean wait of the entries answered today, seconds; null when none. */
  avg_wait_seconds: number | null;
  /** Mean talk time of calls people finished today, seconds; null when none. */
  avg_handle_seconds: number | null;
  /** Mean talk time of the last calls people finished (any day): what the wait estimate uses. */
  recent_handle_seconds: number | null;
  /** Calls started today that an AI voice agent handled (or began to). */
  ai_calls: number;
  /** Calls started today that people answered. */
  human_calls: number;
  /** AI calls started today that were handed to a person. */
  ai_handoffs: number;
  /** ai_handoffs ÷ ai_calls; null without AI calls. */
  handoff_rate: number | null;
  computed_at: string;
}

/** Everything the wallboard starts from; `queue.*` and `agent.status` events keep it current. */
export interface QueueSnapshot {
  /** Open entries (waiting, offered, assigned). */
  entries: QueueEntry[];
  agents: AgentLiveState[];
  stats: QueueStats;
  settings: QueueSettings;
}
