import { Type } from 'typebox';
import { AGENT_STATUSES } from '../../../../shared/domain/agent.ts';
import { AGENT_PRESENCES, MAX_PRIORITY, MIN_PRIORITY, PRIORITY_NAMES, QUEUE_CONNECT_MODES, QUEUE_ENTRY_KINDS, QUEUE_ENTRY_STATES, QUEUE_SETTING_LIMITS } from '../../../../shared/domain/queue.ts';
import { Metadata, Nullable } from './common.schemas.ts';

export const EntryState = Type.Enum(QUEUE_ENTRY_STATES);

export const QueueEntrySchema = Type.Object({
  id: Type.Integer(),
  queue_id: Type.Integer({ description: 'same as id (seed 002 name)' }),
  tenant_id: Type.String(),
  kind: Type.Enum(QUEUE_ENTRY_KINDS),
  state: EntryState,
  call_id: Nullable(Type.Integer()),
  call_sid: Nullable(Type.String()),
  from_number: Type.String(),
  to_number: Type.String(),
  priority: Type.Integer(),
  required_skills: Type.Array(Type.String()),
  metadata: Metadata,
  enqueued_at: Type.String(),
  offered_agent_id: Nullable(Type.Integer()),
  offered_at: Nullable(Type.String()),
  offer_expires_at: Nullable(Type.String()),
  passes: Type.Array(Type.Object({ agent_id: Type.Integer(), at: Type.String(), reason: Type.String() })),
  assigned_agent_id: Nullable(Type.Integer()),
  assigned_at: Nullable(Type.String()),
  connect_mode: Nullable(Type.Enum(QUEUE_CONNECT_MODES)),
  ended_at: Nullable(Type.String()),
  end_reason: Nullable(Type.String()),
  position: Nullable(Type.Integer({ description: 'place in the serving order while waiting (1 = next); null once it no longer waits' })),
  estimated_wait_seconds: Nullable(Type.Integer({ description: 'null when it no longer waits, or nobody with the skills is at work' })),
});

const Skill = Type.String({ minLength: 1, maxLength: 64 });
const Party = Type.String({ minLength: 1, maxLength: 256 });

export const EnqueueBody = Type.Object(
  {
    kind: Type.Optional(Type.Enum(['inbound', 'callback'] as const, { description: 'inbound (default): a caller waits; callback: an agent calls to_number back' })),
    call_id: Type.Optional(Type.Integer({ minimum: 1, description: 'a call Earshot already knows (e.g. parked on a headless queue seat)' })),
    call_sid: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'the same, by sid' })),
    from_number: Type.Optional(Party),
    to_number: Type.Optional(Party),
    priority: Type.Optional(
      Type.Union([Type.Integer({ minimum: MIN_PRIORITY, maximum: MAX_PRIORITY }), Type.Enum(Object.keys(PRIORITY_NAMES) as (keyof typeof PRIORITY_NAMES)[])], {
        description: `${MIN_PRIORITY}–${MAX_PRIORITY}, higher is served first (default 5), or low (3), normal (5), high (7), urgent (9)`,
      }),
    ),
    required_skills: Type.Optional(Type.Array(Skill, { maxItems: 32, uniqueItems: true })),
    metadata: Type.Optional(Metadata),
  },
  { additionalProperties: false },
);

export const QueueStatusSchema = Type.Object({
  waiting_count: Type.Integer(),
  assigned_count: Type.Integer(),
  avg_wait_time_seconds: Type.Number({ description: 'mean wait of the calls answered today (0 before the first)' }),
  active_agents: Type.Integer({ description: 'agents signed in and available, busy or in wrap-up' }),
  longest_wait_seconds: Type.Number(),
  service_level: Nullable(Type.Number({ description: 'answered within service_level_seconds ÷ (answered + abandoned), today' })),
  service_level_seconds: Type.Integer(),
  answered_today: Type.Integer(),
  abandoned_today: Type.Integer(),
});

export const PositionSchema = Type.Object({
  queue_id: Type.Integer(),
  position: Type.Integer({ description: '1 = next; 0 once the entry no longer waits' }),
  estimated_wait_minutes: Nullable(Type.Integer({ description: 'rounded up; null when nobody with the skills is at work' })),
  estimated_wait_seconds: Nullable(Type.Integer()),
  state: EntryState,
});

const settingSeconds = (k: keyof typeof QUEUE_SETTING_LIMITS, description: string) =>
  Type.Integer({ minimum: QUEUE_SETTING_LIMITS[k].min, maximum: QUEUE_SETTING_LIMITS[k].max, description });

const settingFields = {
  wrap_up_seconds: settingSeconds('wrap_up_seconds', 'after-call work before the agent is available again (default 30; 0: none)'),
  offer_timeout_seconds: settingSeconds('offer_timeout_seconds', 'how long an offer waits for accept or decline (default 15)'),
  service_level_seconds: settingSeconds('service_level_seconds', 'the service level threshold (default 20)'),
  reoffer_after_seconds: settingSeconds('reoffer_after_seconds', 'an agent who let a call pass gets it again only after this (default 30)'),
  away_on_missed_offer: Type.Boolean({ description: 'an offer that times out puts the agent on away (default true)' }),
  available_on_sign_in: Type.Boolean({ description: 'agents are available when they sign in (default true)' }),
};

export const QueueSettingsSchema = Type.Object(settingFields);
export const QueueSettingsPatch = Type.Partial(Type.Object(settingFields), { additionalProperties: false, minProperties: 1 });

export const AgentLiveStateSchema = Type.Object({
  agent_id: Type.Integer(),
  status: Type.Enum(AGENT_STATUSES),
  status_reason: Nullable(Type.String()),
  status_since: Type.String(),
  wrap_up_until: Nullable(Type.String()),
  presence: Type.Enum(AGENT_PRESENCES),
  active_calls: Type.Integer(),
  max_concurrent_calls: Type.Integer(),
  skills: Type.Array(Type.String()),
  offered_entry_id: Nullable(Type.Integer()),
});

export const QueueStatsSchema = Type.Object({
  day: Type.String(),
  answered: Type.Integer(),
  answered_within_threshold: Type.Integer(),
  abandoned: Type.Integer(),
  service_level: Nullable(Type.Number()),
  service_level_seconds: Type.Integer(),
  avg_wait_seconds: Nullable(Type.Number()),
  avg_handle_seconds: Nullable(Type.Number()),
  recent_handle_seconds: Nullable(Type.Number()),
  ai_calls: Type.Integer(),
  human_calls: Type.Integer(),
  ai_handoffs: Type.Integer(),
  handoff_rate: Nullable(Type.Number()),
  computed_at: Type.String(),
});
