import { Type } from 'typebox';
import { AGENT_ROLES, AGENT_STATUSES, SEAT_MEDIA } from '../../../../shared/domain/agent.ts';
import { API_SCOPES } from '../../../../shared/domain/api-key.ts';
import { ANALYSIS_STATES, CALL_DIRECTIONS, CALL_HANDLERS, CALL_STATUSES, SENTIMENTS } from '../../../../shared/domain/call.ts';
import { SPEAKERS, TRANSCRIPT_SOURCES } from '../../../../shared/domain/transcript.ts';
import { Metadata, Nullable } from './common.schemas.ts';

export const Scope = Type.Enum(API_SCOPES);
export const Role = Type.Enum(AGENT_ROLES);
export const AgentStatusSchema = Type.Enum(AGENT_STATUSES);
export const Direction = Type.Enum(CALL_DIRECTIONS);
export const Status = Type.Enum(CALL_STATUSES);
export const Handler = Type.Enum(CALL_HANDLERS);
export const SentimentSchema = Type.Enum(SENTIMENTS);
export const SpeakerSchema = Type.Enum(SPEAKERS);
export const SourceSchema = Type.Enum(TRANSCRIPT_SOURCES);

export const IceServerSchema = Type.Object(
  {
    urls: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })]),
    username: Type.Optional(Type.String()),
    credential: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const TenantSchema = Type.Object({ id: Type.String(), name: Type.String(), created_at: Type.String() });

export const ApiKeySchema = Type.Object(
  {
    id: Type.String(),
    tenant_id: Type.String(),
    name: Type.String(),
    prefix: Type.String(),
    scopes: Type.Array(Scope),
    rate_limit_per_minute: Type.Integer(),
    rate_limit_per_hour: Nullable(Type.Integer()),
    rate_limit_per_day: Nullable(Type.Integer()),
    created_at: Type.String(),
    last_used_at: Nullable(Type.String()),
    revoked_at: Nullable(Type.String()),
  },
);

export const AgentSchema = Type.Object(
  {
    id: Type.Integer(),
    agent_id: Type.Integer({ description: 'same as id (seed 002 name)' }),
    tenant_id: Type.String(),
    name: Type.String(),
    extension: Nullable(Type.String()),
    role: Role,
    skills: Type.Array(Type.String()),
    max_concurrent_calls: Type.Integer(),
    status: AgentStatusSchema,
    status_reason: Nullable(Type.String({ description: 'away: break, lunch, training, meeting, supervising, missed-offer, other; busy: on-call while calls make it so' })),
    status_since: Type.String({ description: 'when the current status began' }),
    wrap_up_until: Nullable(Type.String({ description: 'wrap-up: when the agent is available again' })),
    phone_number: Nullable(Type.String({ description: 'seed 002: the extension, else the SIP user' })),
    current_call_count: Type.Integer({ description: 'seed 002: calls the agent is on now (seat lines, or accepted queue calls being connected)' }),
    login_username: Nullable(Type.String()),
    sip: Nullable(
      Type.Object({
        uri: Type.String(),
        username: Type.String(),
        ws_url: Type.String(),
        ice_servers: Type.Array(IceServerSchema),
        has_password: Type.Boolean(),
        media: Type.Enum(SEAT_MEDIA),
        send_audio: Type.Optional(Type.Boolean({ description: 'headless seats: false = listen only (recvonly, no RTP sent); always present' })),
      }),
    ),
    created_at: Type.String(),
    updated_at: Type.String(),
  },
);

export const CallSchema = Type.Object(
  {
    id: Type.Integer(),
    sid: Type.String(),
    tenant_id: Type.String(),
    direction: Direction,
    from_number: Type.String(),
    to_number: Type.String(),
    status: Status,
    handled_by: Handler,
    agent_id: Nullable(Type.Integer()),
    assistant_id: Nullable(Type.Integer()),
    started_at: Type.String(),
    answered_at: Nullable(Type.String()),
    ended_at: Nullable(Type.String()),
    duration_seconds: Nullable(Type.Number()),
    end_reason: Nullable(Type.String()),
    sip_code: Nullable(Type.Integer()),
    sentiment: Nullable(SentimentSchema),
    summary: Nullable(Type.String()),
    disposition: Nullable(Type.String()),
    analysis_state: Nullable(Type.Enum(ANALYSIS_STATES)),
    realtime_call_id: Nullable(Type.String()),
    transfer_count: Type.Integer(),
    metadata: Metadata,
    created_at: Type.String(),
    updated_at: Type.String(),
  },
);

export const CallEventSchema = Type.Object(
  {
    id: Type.Integer(),
    call_id: Type.Integer(),
    tenant_id: Type.String(),
    type: Type.String(),
    actor: Type.String(),
    data: Metadata,
    at: Type.String(),
  },
);

export const SegmentSchema = Type.Object(
  {
    id: Type.Integer(),
    call_id: Type.Integer(),
    speaker: SpeakerSchema,
    text: Type.String(),
    confidence: Nullable(Type.Number()),
    start_ms: Type.Integer(),
    end_ms: Type.Integer(),
    is_final: Type.Boolean(),
    source: SourceSchema,
    model: Nullable(Type.String()),
    segment_key: Nullable(Type.String()),
    created_at: Type.String(),
  },
);
